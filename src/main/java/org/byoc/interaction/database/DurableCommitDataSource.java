package org.byoc.interaction.database;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Hands out connections whose writes are in the database file once they count as done: after {@code commit()}, after
 * a write in auto-commit mode, and after {@code setAutoCommit(true)} (which commits) following writes, the
 * connection waits for the {@link GroupCommit}. Reads and transactions that wrote nothing never wait. This covers
 * every path to the database (Spring's transactions, plain auto-commit statements, the migrations) without each
 * caller having to remember it.
 */
final class DurableCommitDataSource extends DelegatingDataSource {

	private static final Set<String> WRITES = Set.of("executeUpdate", "executeLargeUpdate", "executeBatch",
			"executeLargeBatch", "execute");

	private final GroupCommit groupCommit;

	DurableCommitDataSource(DataSource target, GroupCommit groupCommit) {
		super(target);
		this.groupCommit = groupCommit;
	}

	@Override
	public Connection getConnection() throws SQLException {
		return durable(super.getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return durable(super.getConnection(username, password));
	}

	private Connection durable(Connection connection) {
		DurableConnection handler = new DurableConnection(connection, this.groupCommit);
		handler.self = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
				new Class<?>[] { Connection.class }, handler);
		return handler.self;
	}

	/** One connection's state: whether it wrote since its changes were last made durable. */
	private static final class DurableConnection implements InvocationHandler {

		private final Connection target;

		private final GroupCommit groupCommit;

		private boolean unwritten;

		/** The proxy standing for this connection. */
		private Connection self;

		DurableConnection(Connection target, GroupCommit groupCommit) {
			this.target = target;
			this.groupCommit = groupCommit;
		}

		@Override
		public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
			switch (method.getName()) {
				case "commit" -> {
					call(method, args);
					afterCommit();
					return null;
				}
				case "rollback" -> {
					call(method, args);
					if (args == null) {
						this.unwritten = false;
						VisibleCommits.rolledBack();
					}
					return null;
				}
				case "setAutoCommit" -> {
					// switching auto-commit on commits what is pending; in auto-commit mode nothing is left pending
					call(method, args);
					if (Boolean.TRUE.equals(args[0])) {
						afterCommit();
					}
					return null;
				}
				case "unwrap" -> {
					return ((Class<?>) args[0]).isInstance(proxy) ? proxy : call(method, args);
				}
				case "isWrapperFor" -> {
					return ((Class<?>) args[0]).isInstance(proxy) || (Boolean) call(method, args);
				}
				case "equals" -> {
					return proxy == args[0];
				}
				case "hashCode" -> {
					return System.identityHashCode(proxy);
				}
				default -> {
					Object result = call(method, args);
					return (result instanceof Statement statement) ? statement(statement) : result;
				}
			}
		}

		private void afterCommit() throws SQLException {
			VisibleCommits.committed();
			if (this.unwritten) {
				this.unwritten = false;
				this.groupCommit.awaitWritten(this.target);
			}
		}

		private Statement statement(Statement statement) {
			Class<?> type = (statement instanceof CallableStatement) ? CallableStatement.class
					: (statement instanceof PreparedStatement) ? PreparedStatement.class : Statement.class;
			return (Statement) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] { type },
					(proxy, method, args) -> {
						if ("getConnection".equals(method.getName())) {
							// a commit through the statement's connection must wait as well
							return this.self;
						}
						Object result = call(statement, method, args);
						if (WRITES.contains(method.getName())) {
							this.unwritten = true;
							if (this.target.getAutoCommit()) {
								afterCommit();
							}
						}
						return result;
					});
		}

		private Object call(Method method, Object[] args) throws Throwable {
			return call(this.target, method, args);
		}

		private static Object call(Object target, Method method, Object[] args) throws Throwable {
			try {
				return method.invoke(target, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
		}

	}

}
