package org.byoc.interaction.setup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import org.byoc.interaction.contract.CanonicalJson;
import org.byoc.interaction.setup.cluster.ClusterSignals;
import org.byoc.interaction.setup.document.SetupDocumentReader;
import org.byoc.interaction.setup.document.SetupDocumentWriter;

/**
 * The setup, in memory for lookups on every request and in the database for durability. An apply writes the orgs
 * whose content changed in one transaction and then swaps the in-memory snapshot; other nodes pick the change up
 * through the revision check, at once when the apply's {@value #SIGNAL} signal reaches them (PostgreSQL), else at
 * the next refresh.
 */
@Service
class SetupService implements SetupDirectory, SetupAdministration {

	private static final Logger log = LoggerFactory.getLogger(SetupService.class);

	private final SetupRepository repository;

	private final TransactionTemplate transactions;

	private final SetupDocumentReader reader = new SetupDocumentReader();

	private final SetupDocumentWriter writer = new SetupDocumentWriter();

	private final JsonMapper json = JsonMapper.builder().build();

	private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(Snapshot.EMPTY);

	static final String SIGNAL = "setup";

	private final ClusterSignals signals;

	SetupService(SetupRepository repository, TransactionTemplate transactions, ClusterSignals signals) {
		this.repository = repository;
		this.transactions = transactions;
		this.signals = signals;
		reload();
		signals.listen(SIGNAL, new ClusterSignals.Listener() {

			@Override
			public void signal(String message) {
				refreshIfChanged();
			}

			@Override
			public void missed() {
				refreshIfChanged();
			}

		});
	}

	@Override
	public SetupDocument parse(String text, Path baseDir, String sourceName) {
		return this.reader.read(text, baseDir, sourceName);
	}

	@Override
	public synchronized ApplyResult apply(SetupDocument document) {
		refreshIfChanged();
		List<String> created = new ArrayList<>();
		List<String> updated = new ArrayList<>();
		List<String> unchanged = new ArrayList<>();
		this.transactions.executeWithoutResult((status) -> {
			for (Org given : document.orgs()) {
				Org org = withManagedSubscriptionIds(given);
				String stored = canonicalJson(org);
				String hash = CanonicalJson.sha256(stored);
				Optional<String> previous = this.repository.hashOf(org.key());
				if (previous.isPresent() && previous.get().equals(hash)) {
					unchanged.add(org.key());
					continue;
				}
				this.repository.save(org.key(), org.id(), stored, hash,
						org.connectedApps().stream().map(ConnectedApp::consumerKey).toList());
				(previous.isPresent() ? updated : created).add(org.key());
			}
			if (!created.isEmpty() || !updated.isEmpty()) {
				this.signals.send(SIGNAL, "changed");
			}
		});
		reload();
		return new ApplyResult(created, updated, unchanged);
	}

	@Override
	public synchronized Org updateOrg(String orgId, UnaryOperator<Map<String, Object>> change, String sourceName) {
		refreshIfChanged();
		Org current = org(orgId).orElseThrow(
				() -> new SetupValidationException(sourceName, "orgId", "'" + orgId + "' is not an org of the setup"));
		Map<String, Object> changed = change.apply(this.writer.org(current));
		String text = this.json.writeValueAsString(Map.of("orgs", List.of(changed)));
		SetupDocument document = this.reader.read(text, null, sourceName);
		Org org = document.orgs().get(0);
		if (!org.key().equals(current.key())) {
			throw new SetupValidationException(sourceName, "id", "the org id cannot change");
		}
		apply(document);
		return org(org.key()).orElseThrow();
	}

	/**
	 * Managed subscriptions get their record id when first applied and keep it: one applied again under the same
	 * developer name (a setup file without ids, re-applied at every start) is the same subscription.
	 */
	private Org withManagedSubscriptionIds(Org org) {
		if (org.managedSubscriptions().stream().allMatch((m) -> m.id() != null)) {
			return org;
		}
		List<ManagedSubscription> previous = org(org.key()).map(Org::managedSubscriptions).orElse(List.of());
		List<ManagedSubscription> assigned = new ArrayList<>();
		for (ManagedSubscription subscription : org.managedSubscriptions()) {
			if (subscription.id() != null) {
				assigned.add(subscription);
				continue;
			}
			String id = previous.stream()
				.filter((p) -> p.developerName().equalsIgnoreCase(subscription.developerName()))
				.map(ManagedSubscription::id)
				.filter((candidate) -> org.managedSubscriptions().stream().noneMatch((m) -> OrgIds.sameId(m.id(), candidate)))
				.findFirst()
				.orElseGet(() -> RecordIds.newId(ManagedSubscription.KEY_PREFIX));
			assigned.add(subscription.withId(id));
		}
		return org.withManagedSubscriptions(assigned);
	}

	@Override
	public SetupDocument export() {
		return new SetupDocument(this.snapshot.get().orgs());
	}

	@Override
	public Map<String, Object> toTree(SetupDocument document) {
		return this.writer.document(document);
	}

	@Override
	public List<Org> orgs() {
		return this.snapshot.get().orgs();
	}

	@Override
	public Optional<Org> org(String orgId) {
		return Optional.ofNullable(orgId).map((id) -> this.snapshot.get().orgsByKey().get(OrgIds.key(id)));
	}

	@Override
	public Optional<ConnectedApp> connectedApp(String consumerKey) {
		return Optional.ofNullable(consumerKey).map((key) -> this.snapshot.get().apps().get(key));
	}

	@Override
	public Optional<Channel> channel(String orgId, String developerName) {
		return org(orgId).flatMap((org) -> org.channel(developerName));
	}

	@Override
	public Optional<BotIntegration> botIntegration(String orgId, String developerName) {
		return org(orgId).flatMap((org) -> org.botIntegration(developerName));
	}

	@Override
	public Optional<AddressOfChannel> address(String orgId, String addressIdentifier) {
		if (orgId == null || addressIdentifier == null) {
			return Optional.empty();
		}
		return Optional.ofNullable(this.snapshot.get().addresses().get(OrgIds.key(orgId) + "/" + addressIdentifier));
	}

	/** Picks up an apply made by another node sharing the database. */
	@Scheduled(fixedDelayString = "${interactionservice.setup.refresh-interval:5s}")
	void refreshIfChanged() {
		if (this.repository.revision() != this.snapshot.get().revision()) {
			reload();
		}
	}

	private synchronized void reload() {
		long revision = this.repository.revision();
		List<Org> orgs = new ArrayList<>();
		for (SetupRepository.StoredOrg stored : this.repository.findAll()) {
			orgs.addAll(this.reader.read(stored.document(), null, "stored setup of org " + stored.orgKey()).orgs());
		}
		this.snapshot.set(Snapshot.of(orgs, revision));
		log.debug("Setup loaded: {} org(s), revision {}", orgs.size(), revision);
	}

	private String canonicalJson(Org org) {
		return this.json.writeValueAsString(Map.of("orgs", List.of(this.writer.org(org))));
	}

	private record Snapshot(List<Org> orgs, Map<String, Org> orgsByKey, Map<String, ConnectedApp> apps,
			Map<String, AddressOfChannel> addresses, long revision) {

		static final Snapshot EMPTY = new Snapshot(List.of(), Map.of(), Map.of(), Map.of(), -1);

		static Snapshot of(List<Org> orgs, long revision) {
			Map<String, Org> byKey = new HashMap<>();
			Map<String, ConnectedApp> apps = new HashMap<>();
			Map<String, AddressOfChannel> addresses = new HashMap<>();
			for (Org org : orgs) {
				byKey.put(org.key(), org);
				org.connectedApps().forEach((app) -> apps.put(app.consumerKey(), app));
				for (Channel channel : org.channels()) {
					for (Channel.ChannelAddress address : channel.addresses()) {
						addresses.put(org.key() + "/" + address.identifier(), new AddressOfChannel(channel, address));
					}
				}
			}
			return new Snapshot(List.copyOf(orgs), Map.copyOf(byKey), Map.copyOf(apps), Map.copyOf(addresses),
					revision);
		}

	}

}
