package org.byoc.interaction.journal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;

import org.byoc.interaction.contract.ContractFindings.Finding;
import org.byoc.interaction.setup.FaultRule;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.SetupDirectory;

/**
 * The gRPC face's test kit edge: journals each Pub/Sub call when it closes (method, metadata with the token
 * redacted, its first request, status, duration) and aborts streams as the org's {@code abortStream} rules say,
 * instead of sending their next batch of events: a dropped stream the partner must resume from its last replay id.
 * Outermost, so it sees every close, refusals included; a call is the org's when its {@code tenantid} and its
 * token's org agree.
 */
final class PubSubJournalInterceptor implements ServerInterceptor, Ordered {

	private static final Metadata.Key<String> TENANT_ID = Metadata.Key.of("tenantid", Metadata.ASCII_STRING_MARSHALLER);

	private static final Metadata.Key<String> ACCESS_TOKEN = Metadata.Key.of("accesstoken",
			Metadata.ASCII_STRING_MARSHALLER);

	private static final int MAX_MESSAGE_CHARS = 1000;

	private final RequestJournal journal;

	private final FaultInjector faults;

	private final SetupDirectory setup;

	PubSubJournalInterceptor(RequestJournal journal, FaultInjector faults, SetupDirectory setup) {
		this.journal = journal;
		this.faults = faults;
		this.setup = setup;
	}

	@Override
	public int getOrder() {
		// before Spring gRPC's exception handling (1) and security (2, 3)
		return 0;
	}

	@Override
	public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
			ServerCallHandler<Q, R> next) {
		String orgKey = org(headers);
		if (orgKey == null) {
			return next.startCall(call, headers);
		}
		JournaledCall<Q, R> journaled = new JournaledCall<>(call, orgKey, headers);
		ServerCall.Listener<Q> listener = next.startCall(journaled, headers);
		return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {

			@Override
			public void onMessage(Q message) {
				journaled.firstMessage(message);
				super.onMessage(message);
			}

		};
	}

	private @Nullable String org(Metadata headers) {
		String tenant = headers.get(TENANT_ID);
		String token = headers.get(ACCESS_TOKEN);
		if (tenant == null || tenant.trim().length() < 15) {
			return null;
		}
		String orgKey = OrgIds.key(tenant.trim());
		int bang = (token != null) ? token.indexOf('!') : -1;
		if (bang < 0 || !OrgIds.sameId(token.substring(0, bang), orgKey)) {
			return null;
		}
		return this.setup.org(orgKey).isPresent() ? orgKey : null;
	}

	private final class JournaledCall<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {

		private final String orgKey;

		private final Metadata headers;

		private final Instant time = Instant.now();

		private final long start = System.nanoTime();

		private final List<Finding> findings = new ArrayList<>(1);

		private volatile @Nullable String request;

		private boolean closed;

		JournaledCall(ServerCall<Q, R> call, String orgKey, Metadata headers) {
			super(call);
			this.orgKey = orgKey;
			this.headers = headers;
		}

		void firstMessage(Object message) {
			if (this.request == null) {
				String text = message.toString().strip();
				this.request = (text.length() > MAX_MESSAGE_CHARS) ? text.substring(0, MAX_MESSAGE_CHARS) + "…" : text;
			}
		}

		@Override
		public synchronized void sendMessage(R message) {
			if (this.closed) {
				return;
			}
			FaultRule fault = PubSubJournalInterceptor.this.faults.hasRules(this.orgKey)
					? PubSubJournalInterceptor.this.faults.grpc(this.orgKey, getMethodDescriptor().getBareMethodName())
					: null;
			if (fault != null) {
				String description = "The test kit aborted this stream (fault rule " + fault.id()
						+ "); resume from your last replay id.";
				this.findings.add(new Finding(Finding.INJECTED, fault.id(), null, description));
				close(Status.fromCode(Status.Code.valueOf(fault.grpcStatus())).withDescription(description),
						new Metadata());
				return;
			}
			super.sendMessage(message);
		}

		@Override
		public synchronized void close(Status status, Metadata trailers) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			try {
				super.close(status, trailers);
			}
			finally {
				record(status);
			}
		}

		private void record(Status status) {
			RequestJournal journal = PubSubJournalInterceptor.this.journal;
			if (!journal.enabled()) {
				return;
			}
			if (!status.isOk() && this.findings.isEmpty()) {
				this.findings.add(new Finding(Finding.REFUSAL, "refused", null,
						status.getCode() + ((status.getDescription() != null) ? ": " + status.getDescription() : "")));
			}
			journal.record(this.orgKey, new JournalEntry(journal.nextId(), this.time, "grpc",
					getMethodDescriptor().getFullMethodName(), "/" + getMethodDescriptor().getServiceName(),
					metadata(this.headers), null, this.request, List.of(), status.getCode().name(), null,
					(System.nanoTime() - this.start) / 1_000_000, null, List.copyOf(this.findings)));
		}

	}

	private static Map<String, String> metadata(Metadata headers) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String key : headers.keys()) {
			if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
				continue;
			}
			String value = headers.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
			if (value == null) {
				continue;
			}
			if (key.toLowerCase(Locale.ROOT).equals("accesstoken")) {
				int bang = value.indexOf('!');
				value = (bang > 0) ? value.substring(0, bang + 1) + "[redacted]" : "[redacted]";
			}
			values.put(key, value);
		}
		return values;
	}

}
