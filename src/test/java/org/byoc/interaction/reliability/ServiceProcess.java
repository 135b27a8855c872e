package org.byoc.interaction.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.byoc.interaction.InteractionServiceApplication;

/**
 * The service in a JVM of its own, as an operator starts it (the test classpath, random ports), so a test can kill
 * it the hard way: {@link #kill()} is SIGKILL on Linux, no shutdown hook runs. Its output goes to a log file next
 * to its data directory; the ports are read from the start-up lines.
 */
final class ServiceProcess implements AutoCloseable {

	private static final Pattern TOMCAT = Pattern.compile("Tomcat started on port (\\d+)");

	private static final Pattern GRPC = Pattern.compile("gRPC Server started, listening on .*port: (\\d+)");

	private final Process process;

	private final Thread reader;

	private final int apiPort;

	private final int managementPort;

	private final int grpcPort;

	private ServiceProcess(Process process, Thread reader, BlockingQueue<String> lines, Path log)
			throws InterruptedException {
		this.process = process;
		this.reader = reader;
		List<Integer> tomcat = new ArrayList<>();
		int grpc = -1;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
		while ((tomcat.size() < 2 || grpc < 0) && System.nanoTime() < deadline && process.isAlive()) {
			String line = lines.poll(1, TimeUnit.SECONDS);
			if (line == null) {
				continue;
			}
			Matcher port = TOMCAT.matcher(line);
			if (port.find()) {
				tomcat.add(Integer.parseInt(port.group(1)));
			}
			Matcher grpcPort = GRPC.matcher(line);
			if (grpcPort.find()) {
				grpc = Integer.parseInt(grpcPort.group(1));
			}
		}
		if (tomcat.size() < 2 || grpc < 0) {
			process.destroyForcibly();
			throw new IllegalStateException("The service did not start; see " + log);
		}
		// the partner API's Tomcat starts first, the management port's child context after it
		this.apiPort = tomcat.get(0);
		this.managementPort = tomcat.get(1);
		this.grpcPort = grpc;
	}

	static ServiceProcess start(Path dataDir, Path log, String... properties) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx384m", "-cp", System.getProperty("java.class.path"), InteractionServiceApplication.class.getName(),
				"--server.port=0", "--management.server.port=0", "--spring.grpc.server.port=0",
				"--spring.main.banner-mode=off", "--interactionservice.data-dir=" + dataDir));
		command.addAll(List.of(properties));
		Files.createDirectories(log.getParent());
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		BlockingQueue<String> lines = new LinkedBlockingQueue<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
					PrintWriter file = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
				String line;
				while ((line = out.readLine()) != null) {
					file.println(line);
					file.flush();
					lines.add(line);
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}, "service-output");
		reader.setDaemon(true);
		reader.start();
		return new ServiceProcess(process, reader, lines, log);
	}

	int apiPort() {
		return this.apiPort;
	}

	int managementPort() {
		return this.managementPort;
	}

	int grpcPort() {
		return this.grpcPort;
	}

	/** kill -9: the JVM gets no chance to flush, close or say goodbye. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("The killed service is still running");
		}
		this.reader.join(5000);
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
		}
		this.reader.join(5000);
	}

}
