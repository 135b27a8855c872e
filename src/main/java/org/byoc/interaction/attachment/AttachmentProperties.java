package org.byoc.interaction.attachment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the attachment rules.
 *
 * @param maxSize the largest file accepted (contract: 25 MB); larger files get 10008
 */
@ConfigurationProperties("interactionservice.attachments")
record AttachmentProperties(@DefaultValue("25MB") DataSize maxSize) {

	AttachmentProperties {
		if (maxSize.toBytes() < 1) {
			throw new IllegalArgumentException("interactionservice.attachments.max-size must be at least 1 byte");
		}
	}

}
