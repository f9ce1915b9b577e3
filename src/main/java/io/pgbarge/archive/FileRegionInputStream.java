package io.pgbarge.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A buffered stream over a region of a file, read with positional reads: many of them may read the
 * same {@link FileChannel} at once (parallel restore workers), and skipping is a seek.
 */
final class FileRegionInputStream extends InputStream {
    private static final int BUFFER = 64 * 1024;

    private final FileChannel channel;
    private final long end;
    private final ByteBuffer buf = ByteBuffer.allocate(BUFFER);
    private long next; // file position of the byte after what is in buf

    /** Reads {@code [start, end)} of the channel. */
    FileRegionInputStream(FileChannel channel, long start, long end) {
        this.channel = channel;
        this.next = start;
        this.end = end;
        buf.flip(); // empty
    }

    private boolean fill() throws IOException {
        if (buf.hasRemaining()) {
            return true;
        }
        if (next >= end) {
            return false;
        }
        buf.clear();
        buf.limit((int) Math.min(BUFFER, end - next));
        int r;
        do {
            r = channel.read(buf, next);
        } while (r == 0);
        buf.flip();
        if (r < 0) {
            return false;
        }
        next += r;
        return true;
    }

    @Override
    public int read() throws IOException {
        return fill() ? buf.get() & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, buf.remaining());
        buf.get(b, off, n);
        return n;
    }

    @Override
    public long skip(long n) {
        if (n <= 0) {
            return 0;
        }
        long inBuf = Math.min(n, buf.remaining());
        buf.position(buf.position() + (int) inBuf);
        long rest = Math.min(n - inBuf, Math.max(0, end - next));
        next += rest;
        return inBuf + rest;
    }

    @Override
    public int available() {
        return buf.remaining();
    }
}
