package io.pgbarge.archive;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * The outermost layer of every data stream handed out: any failure of a decompressor (zlib, LZ4,
 * zstd) becomes an {@link ArchiveFormatException} naming the file, the entry and the offset in
 * the compressed input; at the end of the decompressed data it runs a check (for the custom
 * format: read on to the block's end marker, so that a truncation right after the compressed
 * stream is still noticed).
 */
final class GuardedInputStream extends InputStream {

    /** An action that may fail with an IOException. */
    interface IoAction {
        void run() throws IOException;
    }

    /** Makes the decompressing stream; called at the first read, since decoders read a header at once. */
    interface Decoder {
        InputStream open() throws IOException;
    }

    private final Decoder decoder;
    private InputStream decoded;
    private final String file;
    private final TocEntry entry;
    private final LongSupplier offset;
    private final IoAction atEnd;
    private final IoAction onClose;
    private boolean ended;
    private boolean closed;

    GuardedInputStream(Decoder decoder, String file, TocEntry entry, LongSupplier offset, IoAction atEnd,
                       IoAction onClose) {
        this.decoder = decoder;
        this.file = file;
        this.entry = entry;
        this.offset = offset;
        this.atEnd = atEnd;
        this.onClose = onClose;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int r = read(one, 0, 1);
        return r < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (ended) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        try {
            if (decoded == null) {
                decoded = decoder.open();
            }
            int r = decoded.read(b, off, len);
            if (r < 0) {
                ended = true;
                if (atEnd != null) {
                    atEnd.run();
                }
            }
            return r;
        } catch (IOException | RuntimeException e) {
            throw translate(e);
        }
    }

    private ArchiveFormatException translate(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ArchiveFormatException afe) {
                return afe;
            }
        }
        long at = -1;
        try {
            at = offset.getAsLong();
        } catch (RuntimeException ignored) {
            // no offset then
        }
        String problem = e instanceof EOFException ? "truncated compressed data" : "corrupt compressed data";
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return ArchiveFormatException.of(file, problem, entry, at, detail, e);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (decoded != null) {
                decoded.close();
            }
        } catch (IOException | RuntimeException e) {
            // closing a broken decompressor says nothing new
        } finally {
            if (onClose != null) {
                onClose.run();
            }
        }
    }
}
