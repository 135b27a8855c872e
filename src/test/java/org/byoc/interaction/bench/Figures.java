package org.byoc.interaction.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The figures of a run in a form a program can read ({@code --json FILE}): {@code bench/compare.sh} runs the load
 * generator once per side and round and aggregates these files (medians, spread, ratios) with {@link CompareReport}.
 * What a scenario could not measure on a side is listed as skipped, with the reason, instead of failing the run.
 */
final class Figures {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** Whether a larger value of a figure is the better one (throughput) or the worse one (latency, CPU). */
	enum Better {

		HIGHER, LOWER;

		String json() {
			return name().toLowerCase();
		}

	}

	/** One measured number: {@code key} identifies it across runs; {@code label} is how reports name it. */
	record Figure(String key, String label, String unit, double value, Better better) {
	}

	record Skipped(String what, String why) {
	}

	private final List<Figure> figures = new ArrayList<>();

	private final List<Skipped> skipped = new ArrayList<>();

	synchronized void add(String key, String label, String unit, double value, Better better) {
		if (!Double.isNaN(value) && !Double.isInfinite(value)) {
			this.figures.add(new Figure(key, label, unit, value, better));
		}
	}

	synchronized void skip(String what, String why) {
		this.skipped.add(new Skipped(what, why));
	}

	synchronized List<Figure> figures() {
		return List.copyOf(this.figures);
	}

	/** Writes {"figures": [...], "skipped": [...]} to the file. */
	synchronized void write(Path file) {
		List<Map<String, Object>> figureList = new ArrayList<>();
		for (Figure figure : this.figures) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("key", figure.key());
			entry.put("label", figure.label());
			entry.put("unit", figure.unit());
			entry.put("value", figure.value());
			entry.put("better", figure.better().json());
			figureList.add(entry);
		}
		List<Map<String, Object>> skippedList = new ArrayList<>();
		for (Skipped skip : this.skipped) {
			skippedList.add(Map.of("what", skip.what(), "why", skip.why()));
		}
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("figures", figureList);
		document.put("skipped", skippedList);
		try {
			Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The figures of one latency/throughput step, under {@code prefix}. */
	void step(String prefix, String label, LoadRunner.Result result) {
		add(prefix + ".throughput", label + ": achieved", "req/s", result.throughput(), Better.HIGHER);
		add(prefix + ".p50", label + ": p50", "ms", result.latencies().millis(0.50), Better.LOWER);
		add(prefix + ".p99", label + ": p99", "ms", result.latencies().millis(0.99), Better.LOWER);
		double cpu = result.serviceCpuMicrosPerRequest();
		if (cpu >= 0) {
			add(prefix + ".cpu", label + ": service CPU per request", "µs", cpu, Better.LOWER);
		}
		add(prefix + ".errors", label + ": errors", "", result.errorCount(), Better.LOWER);
	}

}
