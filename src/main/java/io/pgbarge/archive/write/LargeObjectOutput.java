package io.pgbarge.archive.write;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The large objects of one BLOBS entry, written one after another:
 * {@code try (OutputStream o = out.open(oid)) { o.write(bytes); }} for each, then {@link #close()}.
 */
public interface LargeObjectOutput extends Closeable {

    /**
     * Starts the next large object. The previous one's stream must be closed first.
     *
     * @param oid the large object's OID, 1 to 4294967295
     */
    OutputStream open(long oid) throws IOException;

    /** Writes one whole large object. */
    default void write(long oid, byte[] data) throws IOException {
        try (OutputStream o = open(oid)) {
            o.write(data);
        }
    }

    /** Completes the BLOBS entry. */
    @Override
    void close() throws IOException;

    /** Discards the entry's large objects written so far (the entry can be written again). */
    void abort();
}
