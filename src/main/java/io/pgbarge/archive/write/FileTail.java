package io.pgbarge.archive.write;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The end of a single-file archive (custom, tar), written through a buffer at a tracked position,
 * with in-place patches of earlier bytes (the custom TOC's offsets, tar member headers) and
 * truncation (an aborted entry). Used by one thread at a time.
 */
final class FileTail extends OutputStream {
    private final FileChannel channel;
    private final ByteBuffer buf = ByteBuffer.allocate(256 * 1024);
    private long position;

    FileTail(FileChannel channel, long position) {
        this.channel = channel;
        this.position = position;
    }

    /** The offset the next byte will have. */
    long position() {
        return position;
    }

    @Override
    public void write(int b) throws IOException {
        if (!buf.hasRemaining()) {
            flush();
        }
        buf.put((byte) b);
        position++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (!buf.hasRemaining()) {
                flush();
            }
            int n = Math.min(len, buf.remaining());
            buf.put(b, off, n);
            off += n;
            len -= n;
            position += n;
        }
    }

    @Override
    public void flush() throws IOException {
        buf.flip();
        long at = position - buf.remaining();
        while (buf.hasRemaining()) {
            at += channel.write(buf, at);
        }
        buf.clear();
    }

    /** Overwrites bytes already written at {@code at}. */
    void patch(long at, byte[] bytes) throws IOException {
        flush();
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            at += channel.write(b, at);
        }
    }

    /** Drops everything from {@code at} on. */
    void truncate(long at) throws IOException {
        flush();
        channel.truncate(at);
        position = at;
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
