package io.pgbarge.archive.write;

import io.pgbarge.archive.TocEntry;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Set;

/** One BLOBS entry's large objects, one after another; the format supplies the framing. */
abstract class LargeObjectOutputBase implements LargeObjectOutput {
    private final AbstractArchiveWriter writer;
    private final TocEntry entry;
    private final Object file;
    private final Set<Long> oids = new HashSet<>();
    private OutputStream current;
    private long currentOid;
    private boolean done;

    LargeObjectOutputBase(AbstractArchiveWriter writer, TocEntry entry, Object file) {
        this.writer = writer;
        this.entry = entry;
        this.file = file;
    }

    /** Starts one large object; the returned stream's close ends it. */
    abstract OutputStream startObject(long oid) throws IOException;

    /** Ends the entry after the last large object. */
    abstract void finishAll() throws IOException;

    /** Discards the entry. */
    abstract void abortAll();

    @Override
    public OutputStream open(long oid) throws IOException {
        AbstractArchiveWriter.checkOid(oid);
        if (done) {
            throw new IllegalStateException(file + ": large objects of entry " + entry.label() + " are closed already");
        }
        if (current != null) {
            throw new IllegalStateException(file + ": close large object " + currentOid + " before opening " + oid);
        }
        if (!oids.add(oid)) {
            throw new IllegalArgumentException(file + ": large object " + oid + " is written twice in entry " + entry.label());
        }
        try {
            OutputStream o = startObject(oid);
            current = o;
            currentOid = oid;
            return new OutputStream() {
                private boolean closed;

                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (closed) {
                        throw new IOException("large object " + oid + " is closed");
                    }
                    try {
                        o.write(b, off, len);
                    } catch (IOException e) {
                        throw error(e, oid);
                    }
                }

                @Override
                public void close() throws IOException {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    current = null;
                    try {
                        o.close();
                    } catch (IOException e) {
                        throw error(e, oid);
                    }
                }
            };
        } catch (IOException e) {
            throw error(e, oid);
        }
    }

    private ArchiveWriteException error(IOException e, long oid) {
        return ArchiveWriteException.wrap(e, file, "could not write large object " + oid, entry);
    }

    @Override
    public void close() throws IOException {
        if (done) {
            return;
        }
        if (current != null) {
            throw new IllegalStateException(file + ": large object " + currentOid + " of entry " + entry.label()
                    + " is still open");
        }
        done = true;
        try {
            finishAll();
        } catch (IOException e) {
            abortAll();
            throw ArchiveWriteException.wrap(e, file, "could not write the large objects", entry);
        }
    }

    @Override
    public void abort() {
        if (!done) {
            done = true;
            abortAll();
        }
    }

    AbstractArchiveWriter writer() {
        return writer;
    }
}
