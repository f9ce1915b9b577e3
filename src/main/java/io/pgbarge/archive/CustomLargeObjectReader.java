package io.pgbarge.archive;

import java.io.IOException;
import java.io.InputStream;

/** The large objects of a custom-format BLOBS block, whose header has been read. */
final class CustomLargeObjectReader implements LargeObjectReader {
    private final ArchiveInput in;
    private final CompressionAlgorithm algorithm;
    private final TocEntry entry;
    private final GuardedInputStream.IoAction onClose;
    private ChunkInputStream current;
    private InputStream currentStream;
    private boolean done;
    private boolean closed;

    CustomLargeObjectReader(ArchiveInput in, CompressionAlgorithm algorithm, TocEntry entry,
                            GuardedInputStream.IoAction onClose) {
        this.in = in;
        this.algorithm = algorithm;
        this.entry = entry;
        this.onClose = onClose;
    }

    @Override
    public LargeObject next() throws IOException {
        if (closed) {
            throw new IOException("large object reader closed");
        }
        if (done) {
            return null;
        }
        finishCurrent();
        in.context("large objects block", entry);
        long oid = in.readOid();
        if (oid == 0) {
            done = true;
            return null;
        }
        in.context("large object " + oid + " in data block", entry);
        ChunkInputStream chunks = new ChunkInputStream(in);
        current = chunks;
        currentStream = new GuardedInputStream(() -> Decompression.customBlock(chunks, algorithm), in.file(), entry, chunks::position, chunks::drain, null);
        return new LargeObject(oid, currentStream);
    }

    private void finishCurrent() throws IOException {
        if (current != null) {
            currentStream.close();
            current.drain();
            current = null;
            currentStream = null;
        }
    }

    /** Reads on to the end of the block (used when the archive is read from a pipe). */
    void skipRest() throws IOException {
        while (next() != null) {
            // skip
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (currentStream != null) {
                currentStream.close();
            }
        } finally {
            closed = true;
            if (onClose != null) {
                onClose.run();
            }
        }
    }
}
