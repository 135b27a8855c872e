package org.byoc.interaction.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP forwarder on 127.0.0.1 in front of a backing service (PostgreSQL, S3Proxy), so a test can take that service
 * away the way a network or a crash does: {@link #cut()} resets every open connection and refuses new ones,
 * {@link #restore()} listens again on the same port. {@link #cutAfterUpstreamBytes} cuts in the middle of a
 * transfer; {@link #delayResponses} makes the service slow. Every thread is a daemon and ends when its sockets close.
 */
public final class TcpProxy implements AutoCloseable {

	private final InetSocketAddress target;

	private final int port;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final AtomicLong upstreamBytes = new AtomicLong();

	private volatile long cutAt = Long.MAX_VALUE;

	private volatile long responseDelayMillis;

	private volatile java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(0);

	private volatile ServerSocket server;

	private TcpProxy(InetSocketAddress target) throws IOException {
		this.target = target;
		this.server = listen(0);
		this.port = this.server.getLocalPort();
		accept(this.server);
	}

	public static TcpProxy to(String host, int port) {
		try {
			return new TcpProxy(new InetSocketAddress(host, port));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start the TCP proxy", ex);
		}
	}

	public int port() {
		return this.port;
	}

	/** Bytes forwarded from clients to the backing service since the proxy started. */
	public long upstreamBytes() {
		return this.upstreamBytes.get();
	}

	/** The backing service is gone: open connections are reset, new ones refused. */
	public synchronized void cut() {
		ServerSocket listening = this.server;
		this.server = null;
		if (listening != null) {
			closeQuietly(listening);
		}
		for (Socket socket : this.open) {
			reset(socket);
		}
		this.open.clear();
	}

	/** Cuts as soon as this many more bytes went from clients to the backing service. */
	public void cutAfterUpstreamBytes(long bytes) {
		this.cutAt = this.upstreamBytes.get() + bytes;
	}

	/**
	 * From now on every chunk the backing service sends back waits this long before it is passed on (a slow or
	 * overloaded service); {@link Duration#ZERO} ends it.
	 */
	public void delayResponses(java.time.Duration delay) {
		this.responseDelayMillis = delay.toMillis();
	}

	/** From now on whatever the backing service sends back waits until {@link #releaseResponses()}. */
	public void holdResponses() {
		this.held = new java.util.concurrent.CountDownLatch(1);
	}

	public void releaseResponses() {
		this.held.countDown();
	}

	/** The backing service is back, on the same port. */
	public synchronized void restore() {
		this.cutAt = Long.MAX_VALUE;
		if (this.server != null) {
			return;
		}
		try {
			this.server = listen(this.port);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot listen on port " + this.port + " again", ex);
		}
		accept(this.server);
	}

	@Override
	public void close() {
		cut();
	}

	private static ServerSocket listen(int port) throws IOException {
		ServerSocket socket = new ServerSocket();
		socket.setReuseAddress(true);
		socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		return socket;
	}

	private void accept(ServerSocket listening) {
		Thread acceptor = new Thread(() -> {
			while (!listening.isClosed()) {
				try {
					Socket client = listening.accept();
					Socket upstream = new Socket();
					try {
						upstream.connect(this.target, 5000);
					}
					catch (IOException ex) {
						closeQuietly(client);
						closeQuietly(upstream);
						continue;
					}
					this.open.add(client);
					this.open.add(upstream);
					pump(client, upstream, true);
					pump(upstream, client, false);
				}
				catch (IOException ex) {
					// closed by cut()
				}
			}
		}, "tcp-proxy-accept-" + this.port);
		acceptor.setDaemon(true);
		acceptor.start();
	}

	private void pump(Socket from, Socket to, boolean upstream) {
		Thread pump = new Thread(() -> {
			byte[] buffer = new byte[16 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int n;
				while ((n = in.read(buffer)) != -1) {
					long delay = this.responseDelayMillis;
					if (!upstream && delay > 0) {
						Thread.sleep(delay);
					}
					if (!upstream) {
						this.held.await();
					}
					out.write(buffer, 0, n);
					out.flush();
					if (upstream && this.upstreamBytes.addAndGet(n) >= this.cutAt) {
						cut();
						return;
					}
				}
			}
			catch (IOException ex) {
				// one side closed or was reset
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
				this.open.remove(from);
				this.open.remove(to);
			}
		}, "tcp-proxy-pump-" + this.port);
		pump.setDaemon(true);
		pump.start();
	}

	/** Closes with a TCP reset rather than an orderly FIN, as a crashed peer or a broken network does. */
	private static void reset(Socket socket) {
		try {
			socket.setSoLinger(true, 0);
		}
		catch (IOException ex) {
			// already closed
		}
		closeQuietly(socket);
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// nothing left to release
		}
	}

}
