package org.byoc.interaction.attachment;

import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The limits as Spring binds them when nothing is configured, so tests use the real default. */
final class AttachmentPropertiesDefaults {

	private final AttachmentProperties properties = new Binder(new MapConfigurationPropertySource(Map.of()))
		.bindOrCreate("interactionservice.attachments", AttachmentProperties.class);

	long maxSize() {
		return this.properties.maxSize().toBytes();
	}

}
