package org.byoc.interaction.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * How much the service's JIT compilers have worked so far ({@code jstat -compiler}: seconds spent compiling). A
 * warm-up is done when compiling has (nearly) stopped: measuring while C2 still compiles the request path would
 * charge the compiler's CPU to the requests, and on two busy cores that lasts well beyond a fixed few seconds.
 */
final class JitWatch {

	private final Long pid;

	JitWatch(Long pid) {
		this.pid = pid;
	}

	boolean available() {
		return this.pid != null && compileSeconds() >= 0;
	}

	/** Seconds of JIT compilation so far, or -1 when jstat cannot tell. */
	double compileSeconds() {
		if (this.pid == null) {
			return -1;
		}
		try {
			Process jstat = new ProcessBuilder("jstat", "-compiler", this.pid.toString()).redirectErrorStream(true)
				.start();
			String out = new String(jstat.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
			if (!jstat.waitFor(20, TimeUnit.SECONDS) || jstat.exitValue() != 0) {
				return -1;
			}
			// header "Compiled Failed Invalid Time FailedType FailedMethod", then one line of values
			String[] lines = out.strip().split("\n");
			String[] values = lines[lines.length - 1].trim().split("\\s+");
			return Double.parseDouble(values[3]);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

}
