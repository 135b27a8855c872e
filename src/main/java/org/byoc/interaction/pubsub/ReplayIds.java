package org.byoc.interaction.pubsub;

import java.nio.ByteBuffer;

import com.google.protobuf.ByteString;

/**
 * Replay ids on the wire: exactly 8 bytes, big-endian, because real clients read them with
 * {@code readBigUInt64BE} and crash on anything shorter.
 */
final class ReplayIds {

	static final int LENGTH = 8;

	private ReplayIds() {
	}

	static ByteString encode(long replayId) {
		return ByteString.copyFrom(ByteBuffer.allocate(LENGTH).putLong(replayId).array());
	}

	/** The replay id, or -1 when the bytes cannot be one of ours. */
	static long decode(ByteString bytes) {
		if (bytes.size() != LENGTH) {
			return -1;
		}
		return bytes.asReadOnlyByteBuffer().getLong();
	}

}
