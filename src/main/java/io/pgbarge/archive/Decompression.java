package io.pgbarge.archive;

import com.github.luben.zstd.ZstdInputStream;
import net.jpountz.lz4.LZ4FrameInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/** Decompressing streams for each algorithm, as pg_dump's readers expect them. */
final class Decompression {
    private static final int BUFFER = 64 * 1024;

    private Decompression() {
    }

    /**
     * The payload of a custom-format data block (or of one large object in it): gzip means a zlib
     * (RFC 1950) stream, lz4 an LZ4 frame, zstd a zstd frame. An empty payload is empty data.
     */
    static InputStream customBlock(InputStream payload, CompressionAlgorithm algorithm) throws IOException {
        return wrap(payload, algorithm, false);
    }

    /**
     * A directory-format data file, by its suffix's algorithm: gzip means a gzip (RFC 1952) file
     * (possibly several members), lz4 LZ4 frames, zstd zstd frames.
     */
    static InputStream file(InputStream in, CompressionAlgorithm algorithm) throws IOException {
        return wrap(in, algorithm, true);
    }

    private static InputStream wrap(InputStream in, CompressionAlgorithm algorithm, boolean gzipFile)
            throws IOException {
        if (algorithm == CompressionAlgorithm.NONE) {
            return in;
        }
        PushbackInputStream p = new PushbackInputStream(in, 1);
        int first = p.read();
        if (first < 0) {
            return InputStream.nullInputStream();
        }
        p.unread(first);
        switch (algorithm) {
            case GZIP:
                if (gzipFile) {
                    return new GZIPInputStream(p, BUFFER);
                }
                Inflater inflater = new Inflater(false);
                return new InflaterInputStream(p, inflater, BUFFER) {
                    @Override
                    public void close() throws IOException {
                        try {
                            super.close();
                        } finally {
                            inflater.end();
                        }
                    }
                };
            case LZ4:
                return new LZ4FrameInputStream(p);
            case ZSTD:
                return new ZstdInputStream(p);
            default:
                throw new IllegalStateException("unknown algorithm " + algorithm);
        }
    }
}
