package org.byoc.interaction.bench;

/**
 * The load generator of {@code bench/run.sh} (run with the test classpath): runs the scenarios named by
 * {@code --scenarios} against the service and appends their tables to {@code --out}.
 */
public final class Bench {

	private Bench() {
	}

	public static void main(String[] args) throws Exception {
		BenchOptions options = BenchOptions.parse(args);
		Report report = new Report(options.out());
		for (String scenario : options.scenarios()) {
			switch (scenario.trim()) {
				case "interactions" -> new InteractionsScenario(options).run(report);
				case "uploads" -> new UploadsScenario(options).run(report);
				case "events" -> new EventsScenario(options).run(report);
				case "replay" -> new ReplayScenario(options).run(report);
				default -> throw new IllegalArgumentException("unknown scenario " + scenario);
			}
		}
		System.exit(0);
	}

}
