package org.byoc.interaction.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code bench/run.sh} tells the load generator: where the service listens, the tokens it minted, the demo
 * org's values, and how long to run. Only loopback targets are accepted: the harness never sends load elsewhere.
 */
final class BenchOptions {

	private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

	/** Options without a value. */
	private static final Set<String> FLAGS = Set.of("quick", "keep-going", "warm-up-only");

	private final Map<String, String> values = new HashMap<>();

	static BenchOptions parse(String[] args) {
		BenchOptions options = new BenchOptions();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument " + arg);
			}
			String name = arg.substring(2);
			if (FLAGS.contains(name)) {
				options.values.put(name, "true");
			}
			else {
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException(arg + " needs a value");
				}
				options.values.put(name, args[++i]);
			}
		}
		return options;
	}

	String get(String name, String fallback) {
		String value = this.values.get(name);
		return (value == null || value.isEmpty()) ? fallback : value;
	}

	String require(String name) {
		String value = get(name, null);
		if (value == null) {
			throw new IllegalArgumentException("--" + name + " is required");
		}
		return value;
	}

	boolean has(String name) {
		return get(name, null) != null;
	}

	boolean quick() {
		return this.values.containsKey("quick");
	}

	List<String> scenarios() {
		return List.of(get("scenarios", "interactions,uploads,events,replay").split(","));
	}

	URI api() {
		return loopback(require("api"));
	}

	URI management() {
		return has("management") ? loopback(require("management")) : null;
	}

	URI grpc() {
		return has("grpc") ? loopback("grpc://" + require("grpc")) : null;
	}

	Path grpcCertificate() {
		return Path.of(require("grpc-cert"));
	}

	String token() {
		return require("token");
	}

	String adminToken() {
		return get("admin-token", null);
	}

	String orgId() {
		return get("org-id", "00D5g000004SWby");
	}

	String authorizationContext() {
		return get("authorization-context", "Partner_ChannelDefinition");
	}

	String address() {
		return get("address", "b0ffeafe-0d89-4338-b14a-172ad203f22a");
	}

	String agentUserId() {
		return get("agent-user", "0055g00000AgEnT");
	}

	String topic() {
		return get("topic", "/event/BYOC_Outbound__e");
	}

	String noopPath() {
		return get("noop-path", null);
	}

	Long pid() {
		return has("pid") ? Long.valueOf(require("pid")) : null;
	}

	Path out() {
		return Path.of(require("out"));
	}

	private static URI loopback(String url) {
		URI uri = URI.create(url);
		if (uri.getHost() == null || !LOOPBACK.contains(uri.getHost()) || uri.getPort() <= 0) {
			throw new IllegalArgumentException(
					"The harness only sends load to this machine (127.0.0.1 / localhost with a port): " + url);
		}
		return uri;
	}

}
