package io.pgbarge.archive.write;

import io.pgbarge.archive.TocEntry;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A writer whose output is one sequential stream (custom file, tar file, plain script) while
 * entries' data arrive in any order, from several threads.
 *
 * <p>One entry at a time owns the tail of the output. When an entry is opened and the tail is free
 * (and, for ordered formats, the entry is the next one due), it streams straight into the tail;
 * otherwise it is spooled ({@link Spool}: memory, then a temporary file). Whoever frees the tail
 * copies the completed spools that may go next. Nobody waits for anybody.
 *
 * <p>An entry's data is a sequence of named segments: custom writes one (the data block), tar one
 * per member ({@code 3340.dat}; {@code blob_<oid>.dat}… and {@code blobs.toc}), plain one.
 */
abstract class SequencedArchiveWriter extends AbstractArchiveWriter {

    private final boolean ordered;
    private final Object tailLock = new Object();
    private boolean tailBusy;
    private List<Integer> order = List.of();
    private int next;
    private final Map<Integer, Spooled> completedSpools = new LinkedHashMap<>();
    private final Map<Integer, Boolean> finishedIds = new HashMap<>();
    private final Path spoolDir;

    /**
     * @param ordered whether entries must reach the output in TOC order (tar, plain)
     */
    SequencedArchiveWriter(Path path, ArchiveWriteOptions options, boolean ordered) {
        super(path, options);
        this.ordered = ordered;
        Path dir = options.tempDirectory();
        if (dir == null) {
            Path abs = path.toAbsolutePath();
            dir = abs.getParent() != null ? abs.getParent() : Path.of(".");
        }
        this.spoolDir = dir;
    }

    // ---- format hooks, called by the thread that owns the tail ----

    /** The tail of the output. */
    abstract OutputStream tail();

    /** An entry starts at the tail. */
    abstract void tailBeginEntry(TocEntry e) throws IOException;

    /** A segment of yet unknown length starts at the tail. */
    abstract void tailBeginSegment(TocEntry e, String name) throws IOException;

    /** The segment started by {@link #tailBeginSegment} ends after {@code length} bytes. */
    abstract void tailEndSegment(TocEntry e, String name, long length) throws IOException;

    /** A spooled segment of known length is copied to the tail. */
    abstract void tailCopySegment(TocEntry e, String name, long length, InputStream in) throws IOException;

    /** The entry ends at the tail. */
    abstract void tailEndEntry(TocEntry e) throws IOException;

    /**
     * Drops what an aborted entry wrote to the tail since {@link #tailBeginEntry}; false when the
     * output cannot be rewound (a compressed script), which breaks the archive.
     */
    abstract boolean tailRewind(TocEntry e) throws IOException;

    @Override
    void freeze(List<TocEntry> toc) throws IOException {
        List<Integer> ids = new ArrayList<>();
        for (TocEntry e : toc) {
            if (e.hadDumper()) {
                ids.add(e.dumpId());
            }
        }
        synchronized (tailLock) {
            order = ids;
        }
    }

    /** Whether every entry reached the output (nothing left spooled). */
    void checkAllWritten() throws IOException {
        synchronized (tailLock) {
            if (tailBusy || !completedSpools.isEmpty()) {
                throw new IllegalStateException(path + ": " + completedSpools.size() + " spooled entries were not written");
            }
        }
    }

    /** Opens the channel an entry writes its segments into. */
    Channel openChannel(TocEntry e) throws IOException {
        boolean direct;
        synchronized (tailLock) {
            direct = !tailBusy && (!ordered || (next < order.size() && order.get(next) == e.dumpId()));
            if (direct) {
                tailBusy = true;
            }
        }
        if (direct) {
            try {
                tailBeginEntry(e);
            } catch (IOException | RuntimeException ex) {
                fail(ex instanceof IOException io ? io : new IOException(ex));
                releaseTail(null);
                throw ex;
            }
            return new DirectChannel(e);
        }
        return new SpoolChannel(e, new Spool(spoolDir, ".pgbarge-" + e.dumpId() + "-", options.spoolMemory()));
    }

    /** Frees the tail; {@code finished} is the entry that just completed there, or null. Then drains. */
    private void releaseTail(TocEntry finished) {
        synchronized (tailLock) {
            tailBusy = false;
            if (finished != null) {
                finishedIds.put(finished.dumpId(), true);
                advance();
            }
        }
    }

    private void advance() {
        while (next < order.size() && finishedIds.containsKey(order.get(next))) {
            next++;
        }
    }

    /** Copies completed spools to the tail while the tail is free and one of them may go next. */
    void drain() throws IOException {
        while (true) {
            Spooled s;
            synchronized (tailLock) {
                if (tailBusy) {
                    return;
                }
                if (ordered) {
                    s = next < order.size() ? completedSpools.remove(order.get(next)) : null;
                } else {
                    Iterator<Spooled> it = completedSpools.values().iterator();
                    s = it.hasNext() ? it.next() : null;
                    if (s != null) {
                        it.remove();
                    }
                }
                if (s == null) {
                    return;
                }
                tailBusy = true;
            }
            boolean ok = false;
            try (InputStream in = s.spool.input()) {
                tailBeginEntry(s.entry);
                for (Segment seg : s.segments) {
                    tailCopySegment(s.entry, seg.name, seg.length, new BoundedInputStream(in, seg.length));
                }
                tailEndEntry(s.entry);
                ok = true;
            } catch (IOException ex) {
                ArchiveWriteException w = ArchiveWriteException.wrap(ex, path, "could not copy the spooled data", s.entry);
                fail(w);
                throw w;
            } finally {
                s.spool.delete();
                releaseTail(ok ? s.entry : null);
            }
        }
    }

    /** What a format's entry stream writes into. */
    abstract static class Channel {
        /** Starts a segment; returns where its bytes go. */
        abstract OutputStream begin(String name) throws IOException;

        /** Ends the current segment. */
        abstract void end() throws IOException;

        /** Completes the entry. */
        abstract void finish() throws IOException;

        /** Discards the entry. */
        abstract void abort();
    }

    private record Segment(String name, long length) {
    }

    private record Spooled(TocEntry entry, Spool spool, List<Segment> segments) {
    }

    private final class DirectChannel extends Channel {
        private final TocEntry e;
        private String segment;
        private CountingStream current;
        private boolean done;

        DirectChannel(TocEntry e) {
            this.e = e;
        }

        @Override
        OutputStream begin(String name) throws IOException {
            tailBeginSegment(e, name);
            segment = name;
            current = new CountingStream(tail());
            return current;
        }

        @Override
        void end() throws IOException {
            tailEndSegment(e, segment, current.count);
            segment = null;
        }

        @Override
        void finish() throws IOException {
            if (done) {
                return;
            }
            try {
                tailEndEntry(e);
            } catch (IOException ex) {
                abort();
                throw ex;
            }
            done = true;
            completed(e);
            releaseTail(e);
            drain();
        }

        @Override
        void abort() {
            if (done) {
                return;
            }
            done = true;
            try {
                if (!tailRewind(e)) {
                    fail(new IOException("the data of entry " + e.label() + " was abandoned halfway and "
                            + "this output cannot be rewound"));
                }
            } catch (IOException ex) {
                fail(ex);
            }
            reopened(e);
            releaseTail(null);
            try {
                drain();
            } catch (IOException ignored) {
                // recorded by fail(); reported by the next call
            }
        }
    }

    private final class SpoolChannel extends Channel {
        private final TocEntry e;
        private final Spool spool;
        private final List<Segment> segments = new ArrayList<>();
        private String segment;
        private long segmentStart;
        private boolean done;

        SpoolChannel(TocEntry e, Spool spool) {
            this.e = e;
            this.spool = spool;
        }

        @Override
        OutputStream begin(String name) {
            segment = name;
            segmentStart = spool.size();
            return new Compressors.NonClosing(spool);
        }

        @Override
        void end() {
            segments.add(new Segment(segment, spool.size() - segmentStart));
            segment = null;
        }

        @Override
        void finish() throws IOException {
            if (done) {
                return;
            }
            done = true;
            spool.close();
            completed(e);
            synchronized (tailLock) {
                completedSpools.put(e.dumpId(), new Spooled(e, spool, List.copyOf(segments)));
            }
            drain();
        }

        @Override
        void abort() {
            if (!done) {
                done = true;
                spool.delete();
                reopened(e);
            }
        }
    }

    /** Counts bytes on their way to the tail; close does not close the tail. */
    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() {
            // the tail stays open
        }
    }

    /** The next {@code limit} bytes of a stream. */
    static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() {
            // the spool's stream is closed by its owner
        }
    }

    /** Copies exactly {@code length} bytes. */
    static void copy(InputStream in, OutputStream out, long length, String what) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new IOException(what + " ended " + left + " bytes early");
            }
            out.write(buf, 0, n);
            left -= n;
        }
    }
}
