package org.byoc.interaction.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/** An event payload is one plain Avro binary datum, written with exactly the schema its schema id names. */
final class AvroPayloads {

	private AvroPayloads() {
	}

	static byte[] encode(GenericRecord record) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(256);
		BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
		try {
			new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
			encoder.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/** Decodes a whole datum; trailing bytes mean the payload was not written with this schema. */
	static GenericRecord decode(Schema schema, byte[] payload) throws IOException {
		BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(payload, null);
		GenericRecord record = new GenericDatumReader<GenericRecord>(schema).read(null, decoder);
		if (!decoder.isEnd()) {
			throw new IOException("payload has " + payload.length + " bytes, more than one datum of the schema");
		}
		return record;
	}

}
