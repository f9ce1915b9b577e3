package io.pgbarge.archive.write;

import io.pgbarge.archive.ArchiveFormat;
import io.pgbarge.archive.ArchiveHeader;
import io.pgbarge.archive.ArchiveVersion;
import io.pgbarge.archive.TocEntry;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What every writer shares: the TOC (entries in the order added, frozen by the first data write),
 * the state of each entry's data (not started, open, done), the header, error messages.
 */
abstract class AbstractArchiveWriter implements ArchiveWriter {

    enum DataState { NOT_STARTED, OPEN, DONE }

    protected final Path path;
    protected final ArchiveWriteOptions options;
    protected final ArchiveVersion version;

    private final List<TocEntry> entries = new ArrayList<>();
    private final Map<Integer, Integer> indexById = new LinkedHashMap<>();
    private final Map<Integer, DataState> dataStates = new LinkedHashMap<>();
    private boolean frozen;
    private boolean closed;
    private volatile IOException failure;
    private Charset charset;
    /** The threads gzip streams compress on; stopped when the writer closes or aborts. */
    final DeflatePool deflatePool;

    AbstractArchiveWriter(Path path, ArchiveWriteOptions options) {
        this.path = path;
        this.options = options;
        this.version = options.version();
        this.deflatePool = new DeflatePool(options.compressionThreads());
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public ArchiveWriteOptions options() {
        return options;
    }

    /** The format of the header, or null for plain scripts. */
    abstract ArchiveFormat format();

    /** Called once, with the final TOC, before the first data is written (or at close when there is none). */
    abstract void freeze(List<TocEntry> toc) throws IOException;

    abstract EntryOutputStream newDataStream(TocEntry e) throws IOException;

    abstract LargeObjectOutput newLargeObjectOutput(TocEntry e) throws IOException;

    /** Writes what is left; every entry with data is done. */
    abstract void finish(List<TocEntry> toc) throws IOException;

    /** Closes and deletes the output. */
    abstract void discard();

    ArchiveHeader header() {
        return new ArchiveHeader(version, TocEncoder.INT_SIZE, TocEncoder.OFF_SIZE, format(),
                options.compression().headerCompression(version), options.createdAt(), options.isDst(),
                options.databaseName(), options.serverVersion(), options.dumperVersion());
    }

    @Override
    public synchronized void addEntry(TocEntry entry) {
        if (frozen) {
            throw new IllegalStateException(path + ": cannot add entry " + entry.label()
                    + " after data has been written; add every TOC entry first");
        }
        if (closed) {
            throw new IllegalStateException(path + ": writer is closed");
        }
        if (entry.dumpId() <= 0) {
            throw new IllegalArgumentException(path + ": entry " + entry.label() + " needs a dumpId > 0");
        }
        if (indexById.containsKey(entry.dumpId())) {
            throw new IllegalStateException(path + ": dumpId " + entry.dumpId() + " is used twice: "
                    + entries.get(indexById.get(entry.dumpId())).label() + " and " + entry.label());
        }
        if (entry.section() == null || entry.desc() == null || entry.tag() == null) {
            throw new IllegalArgumentException(path + ": entry " + entry.dumpId() + " needs a tag, desc and section");
        }
        if (entry.isLargeObjects() && !entry.hadDumper()) {
            throw new IllegalArgumentException(path + ": BLOBS entry " + entry.label() + " must have hadDumper set");
        }
        if ("BLOB METADATA".equals(entry.desc()) && !version.isAtLeast(ArchiveVersion.V1_16)) {
            throw new IllegalArgumentException(path + ": BLOB METADATA entries (" + entry.label()
                    + ") need archive version 1.16 (pg_dump 17); write BLOB entries for " + version);
        }
        if (entry.isLargeObjects() && !version.isAtLeast(ArchiveVersion.V1_16)
                && entries.stream().anyMatch(TocEntry::isLargeObjects)) {
            throw new IllegalArgumentException(path + ": several BLOBS entries need archive version 1.16 (pg_dump 17), not "
                    + version);
        }
        TocEntry normalized = entry.withDataOffset(null).withFileName(null);
        indexById.put(entry.dumpId(), entries.size());
        entries.add(normalized);
        if (entry.hadDumper()) {
            dataStates.put(entry.dumpId(), DataState.NOT_STARTED);
        }
    }

    @Override
    public synchronized List<TocEntry> entries() {
        return List.copyOf(entries);
    }

    /** Replaces a stored entry (to set its data offset or file name). */
    synchronized void updateEntry(TocEntry e) {
        entries.set(indexById.get(e.dumpId()), e);
    }

    synchronized TocEntry entry(int dumpId) {
        Integer i = indexById.get(dumpId);
        return i == null ? null : entries.get(i);
    }

    /** The charset of the TOC strings (from the ENCODING entry). */
    synchronized Charset charset() {
        if (charset == null) {
            charset = TocEncoder.charsetOf(entries);
        }
        return charset;
    }

    private final Object freezeLock = new Object();
    private volatile boolean freezeDone;

    private void ensureFrozen() throws IOException {
        if (freezeDone) {
            return;
        }
        synchronized (freezeLock) {
            if (freezeDone) {
                return;
            }
            List<TocEntry> toc;
            synchronized (this) {
                frozen = true;
                toc = List.copyOf(entries);
            }
            try {
                freeze(toc);
            } catch (IOException e) {
                fail(e);
                throw ArchiveWriteException.wrap(e, path, "could not write the table of contents", null);
            } finally {
                freezeDone = true;
            }
        }
    }

    /** Every data-bearing entry's dumpId, in TOC order. */
    synchronized List<Integer> dataIds() {
        return entries.stream().filter(TocEntry::hadDumper).map(TocEntry::dumpId).collect(Collectors.toList());
    }

    private TocEntry startEntry(int dumpId, boolean largeObjects) throws IOException {
        checkUsable();
        ensureFrozen();
        synchronized (this) {
            TocEntry e = entry(dumpId);
            if (e == null) {
                throw new IllegalArgumentException(path + ": no TOC entry with dumpId " + dumpId);
            }
            if (!e.hadDumper()) {
                throw new IllegalArgumentException(path + ": entry " + e.label() + " has no data (hadDumper is false)");
            }
            if (largeObjects != e.isLargeObjects()) {
                throw new IllegalArgumentException(path + ": entry " + e.label()
                        + (largeObjects ? " is not a BLOBS entry; use openData" : " is a BLOBS entry; use openLargeObjects"));
            }
            DataState s = dataStates.get(dumpId);
            if (s != DataState.NOT_STARTED) {
                throw new IllegalStateException(path + ": data of entry " + e.label()
                        + (s == DataState.OPEN ? " is being written already" : " has been written already"));
            }
            dataStates.put(dumpId, DataState.OPEN);
            return e;
        }
    }

    @Override
    public EntryOutputStream openData(int dumpId) throws IOException {
        TocEntry e = startEntry(dumpId, false);
        try {
            return newDataStream(e);
        } catch (IOException ex) {
            reopened(e);
            throw ArchiveWriteException.wrap(ex, path, "could not start the data", e);
        } catch (RuntimeException ex) {
            reopened(e);
            throw ex;
        }
    }

    @Override
    public LargeObjectOutput openLargeObjects(int dumpId) throws IOException {
        TocEntry e = startEntry(dumpId, true);
        try {
            return newLargeObjectOutput(e);
        } catch (IOException ex) {
            reopened(e);
            throw ArchiveWriteException.wrap(ex, path, "could not start the large objects", e);
        } catch (RuntimeException ex) {
            reopened(e);
            throw ex;
        }
    }

    /** The entry's data is complete. */
    synchronized void completed(TocEntry e) {
        dataStates.put(e.dumpId(), DataState.DONE);
    }

    /** The entry's data was discarded: it can be written again. */
    synchronized void reopened(TocEntry e) {
        dataStates.put(e.dumpId(), DataState.NOT_STARTED);
    }

    synchronized DataState state(int dumpId) {
        return dataStates.get(dumpId);
    }

    /** Marks the writer as broken: the archive cannot be completed any more. */
    void fail(IOException e) {
        if (failure == null) {
            failure = e;
        }
    }

    void checkUsable() throws ArchiveWriteException {
        synchronized (this) {
            if (closed) {
                throw new ArchiveWriteException(path + ": writer is closed", path.toString(), null, null);
            }
        }
        IOException f = failure;
        if (f != null) {
            throw ArchiveWriteException.of(path, "archive cannot be completed after an earlier error", null, f);
        }
    }

    @Override
    public void close() throws IOException {
        List<TocEntry> toc;
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        checkUsable();
        ensureFrozen();
        synchronized (this) {
            List<String> open = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (Map.Entry<Integer, DataState> s : dataStates.entrySet()) {
                if (s.getValue() == DataState.OPEN) {
                    open.add(entry(s.getKey()).label());
                } else if (s.getValue() == DataState.NOT_STARTED) {
                    missing.add(entry(s.getKey()).label());
                }
            }
            if (!open.isEmpty()) {
                throw new ArchiveWriteException(path + ": cannot close while the data of " + String.join(", ", open)
                        + " is being written", path.toString(), open.get(0), null);
            }
            if (!missing.isEmpty()) {
                closed = true;
                deflatePool.stop();
                discard();
                throw new ArchiveWriteException(path + ": the data of " + missing.size() + " entr"
                        + (missing.size() == 1 ? "y" : "ies") + " was never written: " + String.join(", ", missing)
                        + "; the incomplete archive was deleted", path.toString(), missing.get(0), null);
            }
            closed = true;
            toc = List.copyOf(entries);
        }
        try {
            finish(toc);
        } catch (IOException e) {
            discard();
            throw ArchiveWriteException.wrap(e, path, "could not complete the archive", null);
        } finally {
            deflatePool.stop();
        }
    }

    @Override
    public void abort() {
        synchronized (this) {
            closed = true;
        }
        // first: a writing thread waiting for a block gets its cancellation instead of waiting on
        deflatePool.stop();
        discard();
    }

    /** Wraps an I/O error in writing an entry's data. */
    ArchiveWriteException writeError(IOException e, Object file, TocEntry entry) {
        return ArchiveWriteException.wrap(e, file, "could not write the data", entry);
    }

    /**
     * The user-facing stream of one entry: counts, turns I/O errors into messages naming the file
     * and entry, runs the format's completion or discard.
     */
    final class EntryStream extends EntryOutputStream {
        private final TocEntry entry;
        private final Object file;
        private final OutputStream top;
        private final IoAction onClose;
        private final Runnable onAbort;
        private long count;
        private boolean done;

        EntryStream(TocEntry entry, Object file, OutputStream top, IoAction onClose, Runnable onAbort) {
            this.entry = entry;
            this.file = file;
            this.top = top;
            this.onClose = onClose;
            this.onAbort = onAbort;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (done) {
                throw new ArchiveWriteException(file + ": data of entry " + entry.label() + " is closed already",
                        String.valueOf(file), entry.label(), null);
            }
            try {
                top.write(b, off, len);
                count += len;
            } catch (IOException e) {
                throw writeError(e, file, entry);
            }
        }

        @Override
        public void close() throws IOException {
            if (done) {
                return;
            }
            done = true;
            try {
                top.close();
                onClose.run();
            } catch (IOException e) {
                abortQuietly();
                throw writeError(e, file, entry);
            } catch (RuntimeException e) {
                abortQuietly();
                throw e;
            }
        }

        private void abortQuietly() {
            try {
                onAbort.run();
            } catch (RuntimeException ignored) {
                // the first error is the one to report
            }
        }

        @Override
        public void abort() {
            if (!done) {
                done = true;
                abortQuietly();
            }
        }

        @Override
        public long bytesWritten() {
            return count;
        }
    }

    @FunctionalInterface
    interface IoAction {
        void run() throws IOException;
    }

    /** Checks a large object OID (uint32, not 0). */
    static void checkOid(long oid) {
        if (oid <= 0 || oid > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("large object OID " + oid + " is not between 1 and 4294967295");
        }
    }
}
