package org.byoc.interaction.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Text-message interactions per second and latency at fixed offered loads (open model) and at saturation (closed
 * model), each measured on {@code /api/v1/interactions} and, right after, the same request shape on the do-nothing
 * endpoint behind the same security. Traffic: 1,000 end users who keep writing (their conversations are created in
 * the warm-up) and, every 20th request, an end user writing for the first time (a new conversation).
 */
final class InteractionsScenario {

	private static final String INTERACTIONS = "/api/v1/interactions";

	private static final int END_USERS = 1_000;

	private static final int[] RATES = { 500, 1_000, 2_000 };

	private static final int OPEN_CONNECTIONS = 64;

	private static final int SATURATION_CONNECTIONS = 16;

	private final BenchOptions options;

	private final PartnerRequests requests;

	private final LoadRunner runner;

	private final String run = Integer.toString(ThreadLocalRandom.current().nextInt(10_000, 100_000));

	InteractionsScenario(BenchOptions options) {
		this.options = options;
		this.requests = new PartnerRequests(options.api(), options.token(), options.orgId(),
				options.authorizationContext(), options.address());
		this.runner = new LoadRunner(options.api().getHost(), options.api().getPort(), 202);
	}

	void run(Report report) throws InterruptedException {
		boolean quick = this.options.quick();
		Duration step = Duration.ofSeconds(quick ? 4 : 12);
		String noop = this.options.noopPath();
		List<String> paths = (noop != null) ? List.of(INTERACTIONS, noop) : List.of(INTERACTIONS);

		for (String path : paths) {
			Report.progress("warm-up " + path);
			this.runner.open("warm-up", 500, Duration.ofSeconds(quick ? 4 : 10), OPEN_CONNECTIONS, maker(path));
		}
		List<LoadRunner.Result[]> rows = new ArrayList<>();
		for (int rate : RATES) {
			LoadRunner.Result[] row = new LoadRunner.Result[paths.size()];
			for (int p = 0; p < paths.size(); p++) {
				Report.progress(paths.get(p) + " at " + rate + " req/s for " + step.toSeconds() + " s");
				row[p] = this.runner.open(paths.get(p), rate, step, OPEN_CONNECTIONS, maker(paths.get(p)));
				Report.progress("  " + summary(row[p]));
			}
			rows.add(row);
		}
		LoadRunner.Result[] saturation = new LoadRunner.Result[paths.size()];
		for (int p = 0; p < paths.size(); p++) {
			Report.progress(paths.get(p) + " at saturation (" + SATURATION_CONNECTIONS + " connections)");
			saturation[p] = this.runner.closed(paths.get(p), step, SATURATION_CONNECTIONS, 1_000_000,
					maker(paths.get(p)));
			Report.progress("  " + summary(saturation[p]));
		}
		rows.add(saturation);
		write(report, paths, rows, step);
	}

	private void write(Report report, List<String> paths, List<LoadRunner.Result[]> rows, Duration step) {
		report.line("## Text-message interactions");
		report.line("");
		LoadRunner.Result[] saturation = rows.get(rows.size() - 1);
		if (saturation.length == 2 && saturation[1].throughput() > 0) {
			report.line(String.format("**Headline: interactions reach %.2f of the do-nothing endpoint at saturation "
					+ "(%,.0f vs %,.0f req/s).**", saturation[0].throughput() / saturation[1].throughput(),
					saturation[0].throughput(), saturation[1].throughput()));
			report.line("");
		}
		report.line("Open model at fixed offered loads (" + step.toSeconds() + " s each, up to " + OPEN_CONNECTIONS
				+ " connections; latency from each request's intended send time), then closed model at saturation ("
				+ SATURATION_CONNECTIONS + " connections back to back; latency from the send). Endpoints: `"
				+ String.join("` and `", paths) + "` (same multipart request, same API security).");
		report.line("");
		report.row("offered load", "endpoint", "achieved req/s", "p50 ms", "p99 ms", "max ms", "errors");
		report.row("---", "---", "---:", "---:", "---:", "---:", "---");
		for (LoadRunner.Result[] row : rows) {
			for (LoadRunner.Result result : row) {
				String offered = Double.isNaN(result.offered()) ? "saturation"
						: String.format("%,.0f req/s", result.offered());
				report.row(offered, "`" + result.label() + "`", String.format("%,.0f", result.throughput()),
						Latencies.ms(result.latencies().millis(0.50)), Latencies.ms(result.latencies().millis(0.99)),
						Latencies.ms(result.latencies().millis(1.0)), result.errorText());
			}
		}
		report.flush();
	}

	private LoadRunner.RequestMaker maker(String path) {
		return (i, due) -> {
			String from = (i % 20 == 19) ? "+1666" + this.run + i : "+1555" + this.run + (i % END_USERS);
			return this.requests.textMessage(path, from, "Hello from the benchmark, message " + i);
		};
	}

	static String summary(LoadRunner.Result result) {
		return String.format("%,.0f req/s, p50 %s ms, p99 %s ms, errors %s", result.throughput(),
				Latencies.ms(result.latencies().millis(0.5)), Latencies.ms(result.latencies().millis(0.99)),
				result.errorText());
	}

}
