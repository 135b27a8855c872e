package org.byoc.interaction.docs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relative links of a markdown file ({@code [text](target)} and images), outside code, and those that name a
 * missing file or a heading the target file does not have. Anchors are GitHub's: the heading in lower case, without
 * punctuation, spaces as dashes, {@code -1}, {@code -2} for repeats.
 */
final class DocLinks {

	private static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```[ \\t]*$");

	private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]*`");

	private static final Pattern LINK = Pattern.compile("!?\\[(?:[^\\[\\]]|\\[[^\\]]*])*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

	private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}[ \\t]+(.+?)[ \\t#]*$");

	private DocLinks() {
	}

	/**
	 * The broken relative links of {@code markdown}, the text of {@code file} (a path from {@code root});
	 * {@code reader} answers the text of another markdown file, or null when it does not exist.
	 */
	static List<String> broken(Path root, String file, String markdown, Function<String, String> reader) {
		List<String> broken = new ArrayList<>();
		Path dir = root.resolve(file).getParent();
		for (String target : links(markdown)) {
			if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
				continue; // http:, https:, mailto: ...
			}
			int hash = target.indexOf('#');
			String path = (hash >= 0) ? target.substring(0, hash) : target;
			String anchor = (hash >= 0) ? target.substring(hash + 1) : null;
			Path resolved = path.isEmpty() ? root.resolve(file) : dir.resolve(path).normalize();
			if (!resolved.startsWith(root)) {
				broken.add(target + " (outside the repository)");
				continue;
			}
			String relative = root.relativize(resolved).toString().replace('\\', '/');
			if (!Files.exists(resolved)) {
				broken.add(target + " (no file " + relative + ")");
				continue;
			}
			if (anchor != null) {
				String text = path.isEmpty() ? markdown : relative.endsWith(".md") ? reader.apply(relative) : null;
				if (text == null || !anchors(text).contains(anchor)) {
					broken.add(target + " (no heading #" + anchor + " in " + relative + ")");
				}
			}
		}
		return broken;
	}

	/** The link targets outside fenced blocks and code spans, in order. */
	static List<String> links(String markdown) {
		String prose = CODE_SPAN.matcher(FENCE.matcher(markdown).replaceAll("")).replaceAll("");
		Matcher link = LINK.matcher(prose);
		List<String> targets = new ArrayList<>();
		while (link.find()) {
			targets.add(link.group(1));
		}
		return targets;
	}

	/** The anchors GitHub gives the headings of a markdown text. */
	static Set<String> anchors(String markdown) {
		Matcher heading = HEADING.matcher(FENCE.matcher(markdown).replaceAll(""));
		Map<String, Integer> seen = new HashMap<>();
		Set<String> anchors = new LinkedHashSet<>();
		while (heading.find()) {
			String slug = slug(heading.group(1));
			int repeat = seen.merge(slug, 1, Integer::sum) - 1;
			anchors.add((repeat == 0) ? slug : slug + "-" + repeat);
		}
		return anchors;
	}

	static String slug(String heading) {
		String text = heading.replaceAll("!?\\[([^\\]]*)]\\([^)]*\\)", "$1"); // a link's text stays
		return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "").replace(' ', '-');
	}

}
