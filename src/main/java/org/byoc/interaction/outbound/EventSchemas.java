package org.byoc.interaction.outbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Avro schemas of platform events, shaped like the vendor's (record named after the event, namespace
 * {@code com.sforce.eventbus}, CreatedDate/CreatedById, nullable string custom fields), and their ids. A schema id is
 * a fingerprint of the schema text, so the same definition always gets the same id on every node; each one is
 * stored before any event carries it and never deleted, so consumers can resolve old events' schemas forever.
 */
@Component
class EventSchemas {

	static final String NAMESPACE = "com.sforce.eventbus";

	static final String CREATED_DATE = "CreatedDate";

	static final String CREATED_BY_ID = "CreatedById";

	private final JdbcClient jdbc;

	private final TransactionTemplate ownTransaction;

	private final Map<String, Schema> stored = new ConcurrentHashMap<>();

	private final Set<String> usedByTopic = ConcurrentHashMap.newKeySet();

	EventSchemas(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	static Schema schemaFor(String eventName, List<String> customFields) {
		SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record(eventName)
			.namespace(NAMESPACE)
			.fields()
			.name(CREATED_DATE).doc("CreatedDate:DateTime").type().longType().noDefault()
			.name(CREATED_BY_ID).doc("CreatedBy:EntityId").type().stringType().noDefault();
		for (String field : customFields) {
			fields = fields.name(field).type().optional().stringType();
		}
		return fields.endRecord();
	}

	static String idOf(Schema schema) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(schema.toString().getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Stores the schema unless it already is, in a transaction of its own: it must outlive a caller's rollback
	 * and must not make concurrent callers' transactions collide on its key.
	 */
	String register(Schema schema) {
		String id = idOf(schema);
		if (this.stored.containsKey(id)) {
			return id;
		}
		this.ownTransaction.executeWithoutResult((status) -> {
			boolean present = this.jdbc.sql("select count(*) from event_schema where schema_id = ?")
				.param(id)
				.query(Long.class)
				.single() > 0;
			if (!present) {
				try {
					this.jdbc.sql("insert into event_schema (schema_id, schema_json, created_at) values (?, ?, ?)")
						.params(id, schema.toString(), System.currentTimeMillis())
						.update();
				}
				catch (DuplicateKeyException ex) {
					// another node stored the same fingerprint first: same schema, nothing to do
				}
			}
		});
		this.stored.put(id, schema);
		return id;
	}

	/**
	 * Stores the schema as {@link #register(Schema)} does and records that the org's topic uses it, so it stays
	 * readable to that org ({@link #usedBy}) after the topic's fields change.
	 */
	String register(String orgKey, String topic, Schema schema) {
		String id = register(schema);
		if (this.usedByTopic.add(orgKey + "\n" + topic + "\n" + id)) {
			this.ownTransaction.executeWithoutResult((status) -> {
				try {
					if (!usedBy(orgKey, topic, id)) {
						this.jdbc.sql("insert into topic_schema (org_key, topic, schema_id) values (?, ?, ?)")
							.params(orgKey, topic, id)
							.update();
					}
				}
				catch (DuplicateKeyException ex) {
					// another node recorded it first
				}
			});
		}
		return id;
	}

	/** Whether the org's topic uses or used the schema. */
	boolean usedBy(String orgKey, String topic, String schemaId) {
		return this.jdbc.sql("select count(*) from topic_schema where org_key = ? and topic = ? and schema_id = ?")
			.params(orgKey, topic, schemaId)
			.query(Long.class)
			.single() > 0;
	}

	Optional<Schema> find(String schemaId) {
		if (schemaId == null || schemaId.isEmpty()) {
			return Optional.empty();
		}
		Schema known = this.stored.get(schemaId);
		if (known != null) {
			return Optional.of(known);
		}
		Optional<Schema> loaded = this.jdbc.sql("select schema_json from event_schema where schema_id = ?")
			.param(schemaId)
			.query(String.class)
			.optional()
			.map((json) -> new Schema.Parser().parse(json));
		loaded.ifPresent((schema) -> this.stored.put(schemaId, schema));
		return loaded;
	}

}
