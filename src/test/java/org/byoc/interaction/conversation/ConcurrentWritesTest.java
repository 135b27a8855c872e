package org.byoc.interaction.conversation;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.InteractionApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which refusals are worth running the transaction again for, and how often. */
class ConcurrentWritesTest {

	@Test
	void whenTheDatabaseRefusesForAConcurrentTransactionThenItIsAConflict() {
		assertThat(ConcurrentWrites.isConflict(new TransactionSystemException("JDBC commit failed",
				new SQLTransientException("Concurrent update in table \"conversation_entry\"", "90131")))).isTrue();
		assertThat(ConcurrentWrites.isConflict(new CannotAcquireLockException("deadlock"))).isTrue();
		assertThat(ConcurrentWrites.isConflict(new RuntimeException(new SQLException("could not serialize", "40001"))))
			.isTrue();
	}

	@Test
	void whenTheFailureIsAnOutageOrOursThenItIsNotRetried() {
		assertThat(ConcurrentWrites.isConflict(new CannotGetJdbcConnectionException("down",
				new SQLTransientConnectionException("timeout")))).isFalse();
		assertThat(ConcurrentWrites.isConflict(new DuplicateKeyException("dup"))).isFalse();
		assertThat(ConcurrentWrites.isConflict(ErrorCode.DUPLICATE_ENTRY_ID.exception())).isFalse();
	}

	@Test
	void whenAConflictClearsThenTheSecondRunAnswers() {
		AtomicInteger runs = new AtomicInteger();
		String answer = ConcurrentWrites.retrying(() -> {
			if (runs.incrementAndGet() == 1) {
				throw new CannotAcquireLockException("busy");
			}
			return "recorded";
		});
		assertThat(answer).isEqualTo("recorded");
		assertThat(runs).hasValue(2);
	}

	@Test
	void whenConflictsPersistOrTheFailureIsNoConflictThenItPropagates() {
		AtomicInteger runs = new AtomicInteger();
		assertThatThrownBy(() -> ConcurrentWrites.retrying(() -> {
			runs.incrementAndGet();
			throw new CannotAcquireLockException("busy");
		})).isInstanceOf(CannotAcquireLockException.class);
		assertThat(runs).hasValue(ConcurrentWrites.ATTEMPTS);

		AtomicInteger once = new AtomicInteger();
		assertThatThrownBy(() -> ConcurrentWrites.retrying(() -> {
			once.incrementAndGet();
			throw ErrorCode.DUPLICATE_ENTRY_ID.exception();
		})).isInstanceOf(InteractionApiException.class);
		assertThat(once).hasValue(1);
	}

}
