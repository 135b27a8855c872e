package org.byoc.interaction.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * A record as a publishing client writes it: one plain Avro binary datum in the record's own schema. Written here,
 * not borrowed from the service, so the tests check the service against an independent encoder.
 */
public final class AvroDatum {

	private AvroDatum() {
	}

	public static byte[] write(GenericRecord record) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
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

}
