// Subscribes with the vendor's npm Pub/Sub client, exactly as a partner would (JWT-bearer login against our
// token endpoint, TLS to our gRPC port), from the earliest event, and prints the first event that mentions
// MATCH (e.g. a conversation identifier) as one JSON line: "EVENT {...}".
// Exit codes: 0 event received, 2 stream error or end, 3 timeout, 4 bad arguments.
import fs from 'node:fs';
import PubSubApiClient from 'salesforce-pubsub-api-client';

const env = (name) => {
    const value = process.env[name];
    if (!value) {
        console.error(`missing environment variable ${name}`);
        process.exit(4);
    }
    return value;
};

const logger = {
    debug: () => {},
    info: (...args) => console.error('[info]', ...args),
    warn: (...args) => console.error('[warn]', ...args),
    error: (...args) => console.error('[error]', ...args)
};

const timeout = setTimeout(() => {
    console.error('no event before the timeout');
    process.exit(3);
}, Number(process.env.TIMEOUT_MS || 30000));

const client = new PubSubApiClient(
    {
        authType: 'oauth-jwt-bearer',
        loginUrl: env('LOGIN_URL'),
        clientId: env('CLIENT_ID'),
        username: env('USERNAME'),
        privateKey: fs.readFileSync(env('PRIVATE_KEY_FILE')),
        pubSubEndpoint: env('PUBSUB_ENDPOINT'),
        rejectUnauthorizedSsl: false
    },
    logger
);

const json = (value) => JSON.stringify(value, (key, v) => (typeof v === 'bigint' ? v.toString() : v));

await client.connect();
client.subscribeFromEarliestEvent(
    env('TOPIC'),
    (subscription, callbackType, data) => {
        if (callbackType === 'event') {
            if (!json(data).includes(env('MATCH'))) {
                return;
            }
            console.log('EVENT ' + json(data));
            clearTimeout(timeout);
            client.close();
            process.exit(0);
        } else if (callbackType === 'grpcKeepAlive') {
            console.log('KEEPALIVE ' + json({ latestReplayId: data?.latestReplayId }));
        } else if (callbackType === 'error' || callbackType === 'end' || callbackType === 'grpcStatus') {
            console.error(`${callbackType}: ${json(data)}`);
            if (callbackType !== 'grpcStatus') {
                process.exit(2);
            }
        }
    }
);
console.log('SUBSCRIBED');
