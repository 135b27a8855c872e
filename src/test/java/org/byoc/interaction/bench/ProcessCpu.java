package org.byoc.interaction.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used (user + system, from {@code /proc/<pid>/stat}). Per request it is the figure that
 * other work on a shared machine disturbs least: busy neighbours stretch latencies, not the service's own CPU.
 */
final class ProcessCpu {

	/** Linux reports utime and stime in clock ticks; USER_HZ is 100 on every mainstream kernel. */
	private static final long NANOS_PER_TICK = 10_000_000L;

	private final Path stat;

	ProcessCpu(long pid) {
		this.stat = Path.of("/proc", Long.toString(pid), "stat");
	}

	/** Nanoseconds of CPU used so far, or -1 when the process cannot be read. */
	long nanos() {
		try {
			String line = Files.readString(this.stat);
			// the command name (field 2) may contain spaces; fields after it are plain numbers
			String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

}
