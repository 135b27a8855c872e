package org.byoc.interaction.arch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/architecture.md cannot drift: its arrow table equals the arrows {@link ModuleBoundaries} enforces, it lists
 * every module and every sub-package of the service, and every class it names exists in the main sources.
 */
class ArchitectureDocTest {

	private static final Path DOC = Path.of("docs/architecture.md");

	private static final Path MAIN = Path.of("src/main/java/org/byoc/interaction");

	private static final Path RULES = Path.of("src/test/java/org/byoc/interaction/arch");

	private static final Pattern CODE = Pattern.compile("`([^`]+)`");

	@Test
	void whenTheArrowTableIsReadThenItEqualsTheEnforcedArrows() throws IOException {
		Map<String, List<String>> documented = new LinkedHashMap<>();
		for (List<String> row : table("## Allowed arrows")) {
			List<String> uses = codeSpans(row.get(1));
			documented.put(codeSpans(row.get(0)).get(0), uses);
		}

		assertThat(documented).isEqualTo(ModuleBoundaries.ARROWS);
	}

	@Test
	void whenTheModuleTableIsReadThenItNamesEveryModuleAndSubPackage() throws IOException {
		List<List<String>> rows = table("## Modules and their faces");
		Set<String> modules = rows.stream().map((row) -> codeSpans(row.get(0)).get(0)).collect(Collectors.toSet());
		Set<String> named = new TreeSet<>();
		rows.forEach((row) -> row.forEach((cell) -> named.addAll(codeSpans(cell))));

		assertThat(modules).isEqualTo(packages().stream()
			.filter((name) -> !name.contains("."))
			.collect(Collectors.toSet()));
		assertThat(modules).isEqualTo(ModuleBoundaries.ARROWS.keySet());
		assertThat(named).containsAll(packages().stream().filter((name) -> name.contains(".")).toList());
	}

	@Test
	void whenThePageNamesAClassThenTheClassExists() throws IOException {
		Set<String> types = new TreeSet<>();
		Pattern declaration = Pattern.compile("(?:class|record|interface|enum|@interface) (\\w+)");
		// the service's classes, and the rules' own tests this page points to
		try (Stream<Path> files = Stream.concat(Files.walk(MAIN), Files.walk(RULES))) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
				Matcher matcher = declaration.matcher(Files.readString(file));
				while (matcher.find()) {
					types.add(matcher.group(1));
				}
			}
		}
		List<String> classNames = codeSpans(Files.readString(DOC)).stream()
			.map((span) -> span.replaceAll("\\.\\w+$", "").replaceAll("\\(.*", ""))
			.filter((span) -> span.matches("[A-Z][a-z]\\w*"))
			.distinct()
			.toList();

		assertThat(classNames).isNotEmpty();
		assertThat(classNames).allSatisfy((name) -> assertThat(types).as("classes of the service").contains(name));
	}

	/** Every package below the root, relative to it ({@code conversation}, {@code conversation.bot}, ...). */
	private static Set<String> packages() throws IOException {
		try (Stream<Path> dirs = Files.walk(MAIN)) {
			return dirs.filter(Files::isDirectory)
				.filter((dir) -> !dir.equals(MAIN))
				.filter(ArchitectureDocTest::hasJavaFiles)
				.map((dir) -> MAIN.relativize(dir).toString().replace('/', '.'))
				.collect(Collectors.toCollection(TreeSet::new));
		}
	}

	private static boolean hasJavaFiles(Path dir) {
		try (Stream<Path> files = Files.list(dir)) {
			return files.anyMatch((file) -> file.toString().endsWith(".java"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The rows (cells) of the first table after {@code heading}, without its header and separator. */
	private static List<List<String>> table(String heading) throws IOException {
		List<String> lines = Files.readAllLines(DOC);
		int at = lines.indexOf(heading);
		assertThat(at).as(heading + " in " + DOC).isNotNegative();
		List<List<String>> rows = new ArrayList<>();
		boolean inTable = false;
		for (String line : lines.subList(at + 1, lines.size())) {
			if (line.startsWith("|")) {
				inTable = true;
				rows.add(Arrays.stream(line.substring(1, line.length() - 1).split("\\|")).map(String::strip).toList());
			}
			else if (inTable) {
				break;
			}
		}
		return rows.subList(2, rows.size());
	}

	private static List<String> codeSpans(String text) {
		List<String> spans = new ArrayList<>();
		Matcher matcher = CODE.matcher(text);
		while (matcher.find()) {
			spans.add(matcher.group(1));
		}
		return spans;
	}

}
