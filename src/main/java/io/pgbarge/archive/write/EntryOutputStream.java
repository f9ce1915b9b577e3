package io.pgbarge.archive.write;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The data stream of one archive entry. {@link #close()} completes the entry; {@link #abort()}
 * throws away what was written (the entry can then be opened again).
 */
public abstract class EntryOutputStream extends OutputStream {

    /** Discards the entry's data written so far. Does nothing after close. */
    public abstract void abort();

    /** Bytes written to this stream (before compression). */
    public abstract long bytesWritten();
}
