// A partner's durable consumer, written with the vendor's npm Pub/Sub client exactly as its README shows: it
// subscribes through a managed subscription (SUBSCRIPTION: developer name or 18x… id; the client looks it up with a
// Tooling API query against our API port, then calls ManagedSubscribe), processes COUNT events, commits the replay
// id of the last one on the server, and exits once the commit is answered.
// Prints one "EVENT {...}" line per processed event (with the subscription's record id), then "COMMITTED <replayId>".
// Exit codes: 0 done, 2 stream error or end, 3 timeout, 4 bad arguments, 5 subscribe refused.
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

const count = Number(env('COUNT'));
const timeout = setTimeout(() => {
    console.error('not done before the timeout');
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

let processed = 0;
let committed = null;

await client.connect();
try {
    await client.subscribeWithManagedSubscription(env('SUBSCRIPTION'), (subscription, callbackType, data) => {
        if (callbackType === 'event') {
            if (processed === count) {
                return; // delivered but not processed: not committed, so it must come again next time
            }
            processed++;
            console.log('EVENT ' + json({ subscriptionId: subscription.subscriptionId, id: data.id,
                replayId: data.replayId, payload: data.payload }));
            if (processed === count) {
                committed = data.replayId;
                client.commitReplayId(subscription.subscriptionId, committed);
            }
        } else if (callbackType === 'grpcKeepAlive') {
            // the commit's answer arrives as a response without events, which the client reports this way
            if (committed !== null) {
                console.log('COMMITTED ' + committed);
                clearTimeout(timeout);
                client.close();
                process.exit(0);
            }
        } else if (callbackType === 'error' || callbackType === 'end' || callbackType === 'grpcStatus') {
            console.error(`${callbackType}: ${json(data)}`);
            if (callbackType !== 'grpcStatus') {
                process.exit(2);
            }
        }
    });
} catch (error) {
    console.error(`subscribe refused: ${error.message}${error.cause ? ' (' + error.cause.message + ')' : ''}`);
    process.exit(5);
}
console.log('SUBSCRIBED');
