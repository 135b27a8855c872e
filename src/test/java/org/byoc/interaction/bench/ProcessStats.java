package org.byoc.interaction.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the kernel says about a process (Linux {@code /proc}): open file descriptors, threads, resident memory, and
 * the limit on open files it runs with. -1 for what cannot be read.
 */
final class ProcessStats {

	private final Path proc;

	ProcessStats(long pid) {
		this.proc = Path.of("/proc", Long.toString(pid));
	}

	long openFiles() {
		try (Stream<Path> fds = Files.list(this.proc.resolve("fd"))) {
			return fds.count();
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	long threads() {
		return status("Threads:");
	}

	/** Resident set size in MB. */
	long residentMb() {
		long kb = status("VmRSS:");
		return (kb < 0) ? -1 : kb / 1024;
	}

	/** The soft limit on open files ({@code ulimit -n} of the process). */
	long openFilesLimit() {
		try {
			for (String line : Files.readAllLines(this.proc.resolve("limits"))) {
				if (line.startsWith("Max open files")) {
					String[] words = line.substring("Max open files".length()).trim().split("\\s+");
					return words[0].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(words[0]);
				}
			}
			return -1;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	private long status(String field) {
		try {
			List<String> lines = Files.readAllLines(this.proc.resolve("status"));
			for (String line : lines) {
				if (line.startsWith(field)) {
					return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
				}
			}
			return -1;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

}
