package org.byoc.interaction.bench;

import java.nio.file.Path;

/**
 * The load generator of {@code bench/run.sh} and {@code bench/compare.sh} (run with the test classpath): runs the
 * scenarios named by {@code --scenarios} against the service and appends their tables to {@code --out}; with
 * {@code --json FILE} also writes their figures for a program to read. With {@code --keep-going} a scenario the
 * service cannot serve (an older build without an endpoint) is listed as skipped, with the reason, and the run goes
 * on.
 */
public final class Bench {

	private Bench() {
	}

	public static void main(String[] args) throws Exception {
		BenchOptions options = BenchOptions.parse(args);
		Report report = new Report(options.out());
		boolean keepGoing = options.has("keep-going");
		try {
			for (String scenario : options.scenarios()) {
				try {
					run(scenario.trim(), options, report);
				}
				catch (Exception ex) {
					if (!keepGoing) {
						throw ex;
					}
					Report.progress(scenario + ": skipped after " + ex);
					report.figures().skip(scenario.trim(), String.valueOf(ex.getMessage()));
				}
			}
		}
		finally {
			if (options.has("json")) {
				report.figures().write(Path.of(options.require("json")));
			}
		}
		System.exit(0);
	}

	private static void run(String scenario, BenchOptions options, Report report) throws Exception {
		switch (scenario) {
			case "interactions" -> new InteractionsScenario(options).run(report);
			case "uploads" -> new UploadsScenario(options).run(report);
			case "events" -> new EventsScenario(options).run(report);
			case "replay" -> new ReplayScenario(options).run(report);
			case "first-minute" -> new FirstMinuteScenario(options).run(report);
			case "limits" -> new LimitsScenario(options).run(report);
			case "cluster" -> new ClusterScenario(options).run(report);
			default -> throw new IllegalArgumentException("unknown scenario " + scenario);
		}
	}

}
