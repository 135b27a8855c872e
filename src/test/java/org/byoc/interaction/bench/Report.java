package org.byoc.interaction.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Markdown for bench/results: each scenario appends its section as soon as it is measured; its figures also go to
 * {@link #figures()} for the machine-readable output.
 */
final class Report {

	private final Path file;

	private final StringBuilder section = new StringBuilder();

	private final Figures figures = new Figures();

	Report(Path file) {
		this.file = file;
	}

	/** The run's figures, for {@code --json}. */
	Figures figures() {
		return this.figures;
	}

	Report line(String text) {
		this.section.append(text).append('\n');
		return this;
	}

	Report row(Object... cells) {
		StringBuilder row = new StringBuilder("|");
		for (Object cell : cells) {
			row.append(' ').append(cell).append(" |");
		}
		return line(row.toString());
	}

	/** Appends what was collected and a blank line to the results file, and echoes it to the console. */
	void flush() {
		this.section.append('\n');
		flushRows();
	}

	/** Appends what was collected (rows of a table the harness continues) without ending the table. */
	void flushRows() {
		String text = this.section.toString();
		this.section.setLength(0);
		System.out.print(text);
		try {
			Files.writeString(this.file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void progress(String text) {
		System.err.println("[bench] " + text);
	}

}
