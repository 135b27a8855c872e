package org.byoc.interaction.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

/**
 * The tables of {@code bench/compare.sh}: reads the figures of every round of both sides ({@code --figures DIR},
 * one directory per side holding the {@code --json} files of {@link Bench} and of the harness) and appends to
 * {@code --out}, per figure, each side's median with its spread (lowest–highest over the rounds, and how many) and
 * the ratio of the medians. A figure one side could not measure shows as such, with the reason it was skipped.
 *
 * <p>Arguments: {@code --figures DIR --out FILE --sides ref,work --labels "LABEL A|LABEL B"}.
 */
public final class CompareReport {

	private static final Map<String, String> SECTIONS = new LinkedHashMap<>();

	static {
		SECTIONS.put("interactions", "Text-message interactions");
		SECTIONS.put("noop", "The do-nothing endpoint (same security, same request)");
		SECTIONS.put("events", "Agent reply → gRPC subscriber");
		SECTIONS.put("startup", "Start to ready (a restart on an initialised data directory)");
		SECTIONS.put("first_minute", "The first minute after start, under 16 connections");
		SECTIONS.put("limits", "Limits");
	}

	private CompareReport() {
	}

	/** One figure's values on one side, over the rounds. */
	record Samples(String label, String unit, String better, List<Double> values) {

		double median() {
			double[] sorted = this.values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
			int n = sorted.length;
			return (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
		}

		double min() {
			return this.values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
		}

		double max() {
			return this.values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
		}

	}

	public static void main(String[] args) throws IOException {
		BenchOptions options = BenchOptions.parse(args);
		Path dir = Path.of(options.require("figures"));
		List<String> sides = List.of(options.require("sides").split(","));
		List<String> labels = List.of(options.require("labels").split("\\|"));
		List<Map<String, Samples>> figures = new ArrayList<>();
		List<Set<String>> skipped = new ArrayList<>();
		Set<String> keys = new LinkedHashSet<>();
		for (String side : sides) {
			Map<String, Samples> mine = new LinkedHashMap<>();
			Set<String> reasons = new LinkedHashSet<>();
			read(dir.resolve(side), mine, reasons);
			figures.add(mine);
			skipped.add(reasons);
			keys.addAll(mine.keySet());
		}
		StringBuilder out = new StringBuilder();
		for (Map.Entry<String, String> section : SECTIONS.entrySet()) {
			List<String> inSection = keys.stream().filter((k) -> k.startsWith(section.getKey() + ".")).toList();
			if (inSection.isEmpty()) {
				continue;
			}
			out.append("## ").append(section.getValue()).append("\n\n");
			out.append("| figure | ").append(labels.get(0)).append(" | ").append(labels.get(1))
				.append(" | ratio | reading |\n|---|---:|---:|---:|---|\n");
			for (String key : inSection) {
				Samples a = figures.get(0).get(key);
				Samples b = figures.get(1).get(key);
				Samples any = (a != null) ? a : b;
				out.append("| ").append(any.label()).append(any.unit().isEmpty() ? "" : " (" + any.unit() + ")")
					.append(" | ").append(cell(a)).append(" | ").append(cell(b)).append(" | ").append(ratio(a, b))
					.append(" | ").append(reading(a, b)).append(" |\n");
			}
			out.append('\n');
		}
		for (int s = 0; s < sides.size(); s++) {
			if (!skipped.get(s).isEmpty()) {
				out.append("Not measured on ").append(labels.get(s)).append(": ")
					.append(String.join("; ", skipped.get(s))).append(".\n\n");
			}
		}
		Files.writeString(Path.of(options.require("out")), out, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
		System.out.print(out);
	}

	private static void read(Path dir, Map<String, Samples> figures, Set<String> skipped) throws IOException {
		if (!Files.isDirectory(dir)) {
			return;
		}
		List<Path> files;
		try (Stream<Path> listed = Files.list(dir)) {
			files = listed.filter((p) -> p.toString().endsWith(".json")).sorted().toList();
		}
		for (Path file : files) {
			JsonNode document = Figures.JSON.readTree(file.toFile());
			for (JsonNode figure : document.path("figures")) {
				figures.computeIfAbsent(figure.get("key").asString(),
						(k) -> new Samples(figure.get("label").asString(), figure.get("unit").asString(),
								figure.get("better").asString(), new ArrayList<>()))
					.values()
					.add(figure.get("value").asDouble());
			}
			for (JsonNode skip : document.path("skipped")) {
				skipped.add(skip.get("what").asString() + " (" + skip.get("why").asString() + ")");
			}
		}
	}

	private static String cell(Samples samples) {
		if (samples == null) {
			return "not measured";
		}
		if (samples.values().size() == 1) {
			return number(samples.median());
		}
		return number(samples.median()) + " (" + number(samples.min()) + "–" + number(samples.max()) + ", "
				+ samples.values().size() + ")";
	}

	private static String ratio(Samples a, Samples b) {
		if (a == null || b == null || a.median() == 0) {
			return "–";
		}
		return String.format("%.2f", b.median() / a.median());
	}

	/**
	 * Better or worse only when the two sides' ranges do not overlap (at least two rounds each); otherwise the
	 * difference is within what this machine's noise makes of the same figure.
	 */
	static String reading(Samples a, Samples b) {
		if (a == null || b == null) {
			return "";
		}
		if (a.values().size() < 2 || b.values().size() < 2) {
			return (a.median() == b.median()) ? "same" : "one sample";
		}
		boolean higher = b.min() > a.max();
		boolean lower = b.max() < a.min();
		if (!higher && !lower) {
			return "within spread";
		}
		boolean higherIsBetter = a.better().equals("higher");
		return (higher == higherIsBetter) ? "**better**" : "**worse**";
	}

	static String number(double value) {
		double magnitude = Math.abs(value);
		if (magnitude >= 100) {
			return String.format("%,.0f", value);
		}
		if (magnitude >= 10) {
			return String.format("%.1f", value);
		}
		if (value == Math.rint(value)) {
			return String.format("%.0f", value);
		}
		return String.format("%.2f", value);
	}

}
