package org.byoc.interaction.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The first minute after a start, as a partner's CI lives it: the service has just become ready and text
 * interactions come at once, back to back on {@value #CONNECTIONS} connections (closed model). Throughput over the
 * first window (60 s), in slices, against the steady state of the same process: the load goes on until the JIT has
 * settled (under 0.2 s of compiling per 5 s, bounded), then a last window measures what the warm service does. The
 * ratio of the two is the figure; how the service was started ({@code --mode}, with {@code --ready-ms} measured by
 * the harness) is what the rows compare. Appends one table row; the harness writes the header (start, ready s,
 * first window req/s, steady req/s, first ÷ steady, req/s by slice, service CPU µs/req first / steady, errors).
 */
final class FirstMinuteScenario {

	private static final String INTERACTIONS = "/api/v1/interactions";

	static final int CONNECTIONS = 16;

	private final BenchOptions options;

	private final LoadRunner runner;

	private final LoadRunner.RequestMaker traffic;

	/** Requests made so far: each slice's indexes go on from there, so first-time writers stay first-time. */
	private int offset;

	FirstMinuteScenario(BenchOptions options) {
		this.options = options;
		this.runner = PartnerRequests.runner(options, 202);
		String run = Integer.toString(ThreadLocalRandom.current().nextInt(10_000, 100_000));
		this.traffic = InteractionsScenario.traffic(PartnerRequests.of(options), run, INTERACTIONS);
	}

	void run(Report report) throws InterruptedException {
		boolean quick = this.options.quick();
		String mode = this.options.get("mode", "jar");
		String key = "first_minute." + mode.replaceAll("[^A-Za-z0-9]+", "_").toLowerCase();
		Duration window = Duration.ofSeconds(Long.parseLong(this.options.get("first-window-seconds", quick ? "20" : "60")));
		Duration slice = Duration.ofSeconds(Long.parseLong(this.options.get("slice-seconds", quick ? "5" : "10")));
		long settleLimit = Long.parseLong(this.options.get("settle-seconds", quick ? "30" : "180"));
		Duration steadyWindow = Duration.ofSeconds(Long.parseLong(this.options.get("steady-seconds", quick ? "5" : "15")));

		Report.progress("first minute (" + mode + "): " + window.toSeconds() + " s at " + CONNECTIONS + " connections");
		List<LoadRunner.Result> slices = new ArrayList<>();
		for (long done = 0; done < window.toSeconds(); done += slice.toSeconds()) {
			LoadRunner.Result result = slice("first", slice);
			slices.add(result);
			Report.progress("  " + (done + slice.toSeconds()) + " s: " + InteractionsScenario.summary(result));
		}
		Totals first = Totals.of(slices);

		JitWatch jit = new JitWatch(this.options.pid());
		double compiled = jit.compileSeconds();
		long settleStart = System.nanoTime();
		String settled = "the JIT was not watched";
		while (jit.available() && (System.nanoTime() - settleStart) / 1_000_000_000L < settleLimit) {
			slice("settle", Duration.ofSeconds(5));
			double now = jit.compileSeconds();
			double compiling = now - compiled;
			compiled = now;
			if (compiling < 0.2) {
				settled = String.format("settled after %d s more", (System.nanoTime() - settleStart) / 1_000_000_000L);
				break;
			}
			settled = String.format("still compiling %.2f s per 5 s after %d s more", compiling,
					(System.nanoTime() - settleStart) / 1_000_000_000L);
		}
		Report.progress("  JIT " + settled);
		LoadRunner.Result steady = slice("steady", steadyWindow);
		Report.progress("  steady: " + InteractionsScenario.summary(steady));

		double ratio = (steady.throughput() > 0) ? first.throughput() / steady.throughput() : Double.NaN;
		String ready = this.options.get("ready-ms", null);
		StringJoiner bySlice = new StringJoiner(", ");
		slices.forEach((s) -> bySlice.add(String.format("%,.0f", s.throughput())));
		report.row(mode, (ready != null) ? String.format("%.1f", Long.parseLong(ready) / 1000.0) : "–",
				String.format("%,.0f", first.throughput()), String.format("%,.0f", steady.throughput()),
				String.format("%.2f", ratio), bySlice.toString(),
				first.cpu() + " / " + InteractionsScenario.cpu(steady),
				(first.errors() + steady.errorCount() == 0) ? "0" : first.errors() + " / " + steady.errorText());
		report.flushRows();

		Figures figures = report.figures();
		String label = "first " + window.toSeconds() + " s after ready (" + mode + ")";
		figures.add(key + ".first", label + ": req/s", "req/s", first.throughput(), Figures.Better.HIGHER);
		figures.add(key + ".steady", "steady state (" + mode + "): req/s", "req/s", steady.throughput(),
				Figures.Better.HIGHER);
		figures.add(key + ".ratio", label + " ÷ steady state", "", ratio, Figures.Better.HIGHER);
		if (ready != null) {
			figures.add(key + ".ready", "start to ready (" + mode + ")", "s", Long.parseLong(ready) / 1000.0,
					Figures.Better.LOWER);
		}
		figures.add(key + ".errors", label + ": errors", "", first.errors() + steady.errorCount(),
				Figures.Better.LOWER);
	}

	private LoadRunner.Result slice(String label, Duration duration) throws InterruptedException {
		int base = this.offset;
		LoadRunner.Result result = this.runner.closed(label, duration, CONNECTIONS, Integer.MAX_VALUE - base,
				(i, due) -> this.traffic.make(base + i, due));
		this.offset += result.sent();
		return result;
	}

	/** Several slices as one: requests answered over their summed time, CPU over the requests. */
	private record Totals(int ok, double seconds, long cpuNanos, int errors) {

		static Totals of(List<LoadRunner.Result> slices) {
			int ok = 0;
			int errors = 0;
			double seconds = 0;
			long cpu = 0;
			for (LoadRunner.Result s : slices) {
				ok += s.ok();
				errors += s.errorCount();
				seconds += s.seconds();
				cpu = (cpu < 0 || s.serviceCpuNanos() < 0) ? -1 : cpu + s.serviceCpuNanos();
			}
			return new Totals(ok, seconds, cpu, errors);
		}

		double throughput() {
			return (this.seconds > 0) ? this.ok / this.seconds : 0;
		}

		String cpu() {
			return (this.cpuNanos < 0 || this.ok == 0) ? "–" : String.format("%.0f", this.cpuNanos / 1000.0 / this.ok);
		}

	}

}
