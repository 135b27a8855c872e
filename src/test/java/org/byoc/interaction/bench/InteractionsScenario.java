package org.byoc.interaction.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Text-message interactions per second and latency at fixed offered loads (open model) and at saturation (closed
 * model), each measured on {@code /api/v1/interactions} and, right after, the same request shape on the do-nothing
 * endpoint behind the same security. Traffic: 1,000 end users who keep writing (their conversations are created in
 * the warm-up) and, every 20th request, an end user writing for the first time (a new conversation).
 */
final class InteractionsScenario {

	private static final String INTERACTIONS = "/api/v1/interactions";

	private static final int END_USERS = 1_000;

	private static final int OPEN_CONNECTIONS = 64;

	private static final int SATURATION_CONNECTIONS = 16;

	private final BenchOptions options;

	private final PartnerRequests requests;

	private final LoadRunner runner;

	private final String run = Integer.toString(ThreadLocalRandom.current().nextInt(10_000, 100_000));

	InteractionsScenario(BenchOptions options) {
		this.options = options;
		this.requests = PartnerRequests.of(options);
		this.runner = PartnerRequests.runner(options, 202);
	}

	void run(Report report) throws InterruptedException {
		boolean quick = this.options.quick();
		Duration step = Duration.ofSeconds(Long.parseLong(this.options.get("step-seconds", quick ? "4" : "12")));
		int[] rates = Arrays.stream(this.options.get("rates", "500,1000,2000").split(","))
			.filter((r) -> !r.isBlank() && !r.equals("none"))
			.mapToInt(Integer::parseInt)
			.toArray();
		String noop = this.options.noopPath();
		List<String> paths = (noop != null) ? List.of(INTERACTIONS, noop) : List.of(INTERACTIONS);

		String warmUp = warmUp(paths, quick);
		if (this.options.has("warm-up-only")) {
			Report.progress("interactions: warmed up (" + warmUp + ")");
			return;
		}
		List<LoadRunner.Result[]> rows = new ArrayList<>();
		for (int rate : rates) {
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
			saturation[p] = this.runner.closed(paths.get(p), step,
					Integer.parseInt(this.options.get("saturation-connections", "" + SATURATION_CONNECTIONS)), 1_000_000,
					maker(paths.get(p)));
			Report.progress("  " + summary(saturation[p]));
		}
		rows.add(saturation);
		write(report, paths, rows, step, warmUp);
		figures(report.figures(), rows);
	}

	/** Keys: {@code interactions|noop} . {@code rate1000|saturation} . figure; and the saturation ratio. */
	private static void figures(Figures figures, List<LoadRunner.Result[]> rows) {
		for (LoadRunner.Result[] row : rows) {
			for (int p = 0; p < row.length; p++) {
				LoadRunner.Result result = row[p];
				boolean saturation = Double.isNaN(result.offered());
				String endpoint = (p == 0) ? "interactions" : "noop";
				String load = saturation ? "saturation" : "rate" + (int) result.offered();
				String label = ((p == 0) ? "interactions" : "do-nothing endpoint")
						+ (saturation ? " at saturation" : String.format(" at %,d req/s", (int) result.offered()));
				figures.step(endpoint + "." + load, label, result);
			}
		}
		LoadRunner.Result[] saturation = rows.get(rows.size() - 1);
		if (saturation.length == 2 && saturation[1].throughput() > 0) {
			figures.add("interactions.saturation.vs_noop", "interactions ÷ do-nothing endpoint at saturation", "",
					saturation[0].throughput() / saturation[1].throughput(), Figures.Better.HIGHER);
		}
	}

	/**
	 * Both endpoints alternately at 1,000 req/s in 5-second rounds, until the service's JIT has settled (under 0.2
	 * s of compiling per round) or the time is up; without the service's pid, for a fixed time. Answers what it did.
	 */
	private String warmUp(List<String> paths, boolean quick) throws InterruptedException {
		JitWatch jit = new JitWatch(this.options.pid());
		long limit = Long.parseLong(this.options.get("warm-up-seconds", quick ? "30" : "120"));
		if (limit <= 0) {
			return "none";
		}
		long minimum = Math.min(limit, quick ? 10 : 30);
		long start = System.nanoTime();
		double compiled = jit.compileSeconds();
		int rounds = 0;
		while (true) {
			for (String path : paths) {
				this.runner.open("warm-up", 1_000, Duration.ofMillis(5_000 / paths.size()), OPEN_CONNECTIONS,
						maker(path));
			}
			rounds++;
			long elapsed = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
			double now = jit.compileSeconds();
			double compiling = (compiled >= 0 && now >= 0) ? now - compiled : -1;
			compiled = now;
			Report.progress(String.format("warm-up round %d: %d s, JIT compiled for %.2f s in this round", rounds,
					elapsed, compiling));
			if (elapsed >= limit || (elapsed >= minimum && compiling >= 0 && compiling < 0.2)) {
				return (compiling < 0) ? elapsed + " s"
						: String.format("%d s, until the JIT compiled for %.2f s in the last 5 s", elapsed, compiling);
			}
		}
	}

	private void write(Report report, List<String> paths, List<LoadRunner.Result[]> rows, Duration step,
			String warmUp) {
		report.line("## Text-message interactions");
		report.line("");
		LoadRunner.Result[] saturation = rows.get(rows.size() - 1);
		if (saturation.length == 2 && saturation[1].throughput() > 0) {
			report.line(String.format("**Headline: interactions reach %.2f of the do-nothing endpoint at saturation "
					+ "(%,.0f vs %,.0f req/s).**", saturation[0].throughput() / saturation[1].throughput(),
					saturation[0].throughput(), saturation[1].throughput()));
			report.line("");
		}
		report.line((warmUp.equals("none") ? "No warm-up (the service was warmed before). "
				: "Warm-up: both endpoints alternately at 1,000 req/s for " + warmUp + ". ")
				+ "Open model at fixed offered loads (" + step.toSeconds() + " s each, up to " + OPEN_CONNECTIONS
				+ " connections; latency from each request's intended send time), then closed model at saturation ("
				+ SATURATION_CONNECTIONS + " connections back to back; latency from the send). Endpoints: `"
				+ String.join("` and `", paths) + "` (same multipart request, same API security). Service CPU per "
				+ "request is the service process's user + system time over the step divided by the requests "
				+ "answered: the figure busy neighbours on a shared machine disturb least.");
		report.line("");
		report.row("offered load", "endpoint", "achieved req/s", "p50 ms", "p99 ms", "max ms", "service CPU µs/req",
				"errors");
		report.row("---", "---", "---:", "---:", "---:", "---:", "---:", "---");
		for (LoadRunner.Result[] row : rows) {
			for (LoadRunner.Result result : row) {
				String offered = Double.isNaN(result.offered()) ? "saturation"
						: String.format("%,.0f req/s", result.offered());
				report.row(offered, "`" + result.label() + "`", String.format("%,.0f", result.throughput()),
						Latencies.ms(result.latencies().millis(0.50)), Latencies.ms(result.latencies().millis(0.99)),
						Latencies.ms(result.latencies().millis(1.0)), cpu(result), result.errorText());
			}
		}
		report.flush();
	}

	private LoadRunner.RequestMaker maker(String path) {
		return traffic(this.requests, this.run, path);
	}

	/**
	 * The partner traffic of this scenario (also the first-minute one's): {@value #END_USERS} end users who keep
	 * writing and, every 20th request, one writing for the first time. {@code run} keeps runs' end users apart.
	 */
	static LoadRunner.RequestMaker traffic(PartnerRequests requests, String run, String path) {
		return (i, due) -> {
			String from = (i % 20 == 19) ? "+1666" + run + i : "+1555" + run + (i % END_USERS);
			return requests.textMessage(path, from, "Hello from the benchmark, message " + i);
		};
	}

	static String summary(LoadRunner.Result result) {
		return String.format("%,.0f req/s, p50 %s ms, p99 %s ms, service CPU %s µs/req, errors %s",
				result.throughput(), Latencies.ms(result.latencies().millis(0.5)),
				Latencies.ms(result.latencies().millis(0.99)), cpu(result), result.errorText());
	}

	static String cpu(LoadRunner.Result result) {
		double micros = result.serviceCpuMicrosPerRequest();
		return (micros < 0) ? "–" : String.format("%.0f", micros);
	}

}
