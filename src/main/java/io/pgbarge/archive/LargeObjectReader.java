package io.pgbarge.archive;

import java.io.Closeable;
import java.io.IOException;

/**
 * The large objects of one BLOBS entry, in archive order. Each {@link #next()} skips whatever was
 * left unread of the previous object's stream.
 */
public interface LargeObjectReader extends Closeable {

    /** The next large object, or null after the last one. */
    LargeObject next() throws IOException;
}
