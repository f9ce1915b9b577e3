package io.pgbarge.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads pg_dump's primitive encodings (byte, int with sign byte, length-prefixed string, offset)
 * from a stream, counting the bytes so that every error can name its offset. The stream should be
 * buffered. Errors say what was being read: set with {@link #context(String, TocEntry)}.
 */
final class ArchiveInput {
    private static final int STEP = 64 * 1024;

    private final InputStream in;
    private final String file;
    private final long limit;
    private long pos;
    private int intSize = 4;
    private int offSize = 8;
    private String context = "header";
    private TocEntry contextEntry;

    /**
     * @param start the offset in {@code file} of the stream's first byte
     * @param limit the file's size if known (strings longer than what remains are refused at
     *              once), else -1
     */
    ArchiveInput(InputStream in, String file, long start, long limit) {
        this.in = in;
        this.file = file;
        this.pos = start;
        this.limit = limit;
    }

    String file() {
        return file;
    }

    long position() {
        return pos;
    }

    InputStream stream() {
        return in;
    }

    void sizes(int intSize, int offSize) {
        this.intSize = intSize;
        this.offSize = offSize;
    }

    int intSize() {
        return intSize;
    }

    /** What is being read, e.g. "TOC", "data block": used in error messages. */
    void context(String what, TocEntry entry) {
        this.context = what;
        this.contextEntry = entry;
    }

    String context() {
        return context;
    }

    TocEntry contextEntry() {
        return contextEntry;
    }

    ArchiveFormatException truncated(long at, long expected, long found) {
        return ArchiveFormatException.of(file, "truncated " + context, contextEntry, at,
                "expected " + expected + " bytes, found " + found);
    }

    ArchiveFormatException corrupt(long at, String detail) {
        return ArchiveFormatException.of(file, "corrupt " + context, contextEntry, at, detail);
    }

    /** One byte, or -1 at the end of the file. */
    int readByteOrEof() throws IOException {
        int b = in.read();
        if (b >= 0) {
            pos++;
        }
        return b;
    }

    int readByte() throws IOException {
        long at = pos;
        int b = readByteOrEof();
        if (b < 0) {
            throw truncated(at, 1, 0);
        }
        return b;
    }

    /** Reads up to n bytes into b; returns how many were there before the end of the file. */
    int readUpTo(byte[] b, int off, int n) throws IOException {
        int got = 0;
        while (got < n) {
            int r = in.read(b, off + got, n - got);
            if (r < 0) {
                break;
            }
            got += r;
        }
        pos += got;
        return got;
    }

    void readFully(byte[] b, int off, int n) throws IOException {
        long at = pos;
        int got = readUpTo(b, off, n);
        if (got < n) {
            throw truncated(at, n, got);
        }
    }

    /**
     * {@code ReadInt}: a sign byte then intSize little-endian bytes. Returned as a long so that
     * uint32 OIDs survive; the C reader's int wraps the same way with {@code (int) value}.
     */
    long readInt() throws IOException {
        long at = pos;
        int sign = readByteOrEof();
        if (sign < 0) {
            throw truncated(at, 1L + intSize, 0);
        }
        long v = 0;
        for (int i = 0; i < intSize; i++) {
            int b = readByteOrEof();
            if (b < 0) {
                throw truncated(at, 1L + intSize, 1L + i);
            }
            v |= ((long) b) << (8 * i);
        }
        if (sign > 1) {
            throw corrupt(at, "invalid sign byte " + sign + " of an integer");
        }
        return sign != 0 ? -v : v;
    }

    /** An int that must fit a Java int (counts, ids, lengths). */
    int readInt32(String what) throws IOException {
        long at = pos;
        long v = readInt();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw corrupt(at, what + " " + v + " out of range");
        }
        return (int) v;
    }

    /** An OID written with WriteInt: the C int reinterpreted as uint32. */
    long readOid() throws IOException {
        return ((int) readInt()) & 0xFFFFFFFFL;
    }

    /** {@code ReadStr}: int length (-1 = NULL) then the bytes; null for NULL. */
    byte[] readStrBytes() throws IOException {
        long at = pos;
        long len = readInt();
        if (len == -1) {
            return null;
        }
        if (len < 0 || len > Integer.MAX_VALUE - 16) {
            throw corrupt(at, "invalid string length " + len);
        }
        long start = pos;
        if (limit >= 0 && start + len > limit) {
            throw truncated(start, len, Math.max(0, limit - start));
        }
        int n = (int) len;
        if (n <= STEP) {
            byte[] b = new byte[n];
            int got = readUpTo(b, 0, n);
            if (got < n) {
                throw truncated(start, n, got);
            }
            return b;
        }
        // Unknown remaining length (a pipe): grow as bytes arrive, never trust a corrupt length.
        ByteArrayOutputStream out = new ByteArrayOutputStream(STEP);
        byte[] buf = new byte[STEP];
        long got = 0;
        while (got < n) {
            int want = (int) Math.min(STEP, n - got);
            int r = readUpTo(buf, 0, want);
            out.write(buf, 0, r);
            got += r;
            if (r < want) {
                throw truncated(start, n, got);
            }
        }
        return out.toByteArray();
    }

    /** {@code ReadOffset}: flag byte then offSize little-endian bytes. */
    DataOffset readOffset() throws IOException {
        long at = pos;
        int flag = readByte();
        DataOffset.State state = DataOffset.State.ofFlag(flag);
        if (state == null) {
            throw corrupt(at, "unexpected data offset flag " + flag);
        }
        long v = 0;
        for (int i = 0; i < offSize; i++) {
            int b = readByte();
            if (i < 8) {
                v |= ((long) b) << (8 * i);
            } else if (b != 0) {
                throw corrupt(at, "file offset in dump file is too large");
            }
        }
        if (state == DataOffset.State.SET) {
            if (v < 0) {
                throw corrupt(at, "negative data offset " + v);
            }
            return DataOffset.at(v);
        }
        return state == DataOffset.State.NO_DATA ? DataOffset.NO_DATA : DataOffset.NOT_SET;
    }

    /** Skips n bytes, failing if the file ends first. */
    void skipFully(long n) throws IOException {
        long at = pos;
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                // skip() may return 0 before EOF: fall back to read to tell the two apart
                if (in.read() < 0) {
                    pos += n - left;
                    throw truncated(at, n, n - left);
                }
                s = 1;
            }
            left -= s;
        }
        pos += n;
    }
}
