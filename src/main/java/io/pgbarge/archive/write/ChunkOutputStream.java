package io.pgbarge.archive.write;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The chunk framing of custom-format data blocks ({@code _CustomWriteFunc}): each chunk is an int
 * length (never 0) and that many bytes. Close writes the last chunk; the caller writes the int 0
 * that ends the block.
 */
final class ChunkOutputStream extends OutputStream {
    static final int CHUNK = 64 * 1024;

    private final OutputStream out;
    private final byte[] buf = new byte[CHUNK];
    private int used;
    private boolean closed;

    ChunkOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        if (used == buf.length) {
            emit();
        }
        buf[used++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (used == buf.length) {
                emit();
            }
            int n = Math.min(len, buf.length - used);
            System.arraycopy(b, off, buf, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    private void emit() throws IOException {
        if (used > 0) {
            out.write(TocEncoder.intBytes(used));
            out.write(buf, 0, used);
            used = 0;
        }
    }

    @Override
    public void flush() throws IOException {
        // chunk boundaries carry no meaning; keep chunks large
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            emit();
        }
    }
}
