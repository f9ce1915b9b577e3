package io.pgbarge.archive.write;

import com.github.luben.zstd.ZstdOutputStream;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.xxhash.XXHashFactory;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The compressed streams pg_dump writes. Closing a returned stream ends the compressed stream
 * (zlib/gzip trailer, LZ4 end mark, zstd frame end) but never closes the stream under it.
 */
final class Compressors {
    private static final int BUF = 64 * 1024;

    private Compressors() {
    }

    /**
     * One custom-format data block's stream, or one lz4/zstd directory file: a zlib (RFC 1950)
     * stream for gzip, an LZ4 frame, a zstd frame, or the bytes as they are.
     */
    static OutputStream block(CompressionSpec spec, OutputStream sink) throws IOException {
        OutputStream base = new NonClosing(sink);
        return switch (spec.algorithm()) {
            case NONE -> base;
            case GZIP -> {
                Deflater d = new Deflater(spec.zlibLevel());
                yield new DeflaterOutputStream(base, d, BUF) {
                    @Override
                    public void close() throws IOException {
                        try {
                            super.close();
                        } finally {
                            d.end();
                        }
                    }
                };
            }
            case LZ4 -> lz4(spec, base);
            case ZSTD -> zstd(spec, base);
        };
    }

    /** A directory-format data file or a compressed plain script: gzip (RFC 1952) for gzip, else as {@link #block}. */
    static OutputStream file(CompressionSpec spec, OutputStream sink) throws IOException {
        if (spec.algorithm() == io.pgbarge.archive.CompressionAlgorithm.GZIP) {
            Deflater d = new Deflater(spec.zlibLevel(), true);
            GZIPOutputStream g = new GZIPOutputStream(new NonClosing(sink), BUF) {
                {
                    def.end();
                    def = d;
                }

                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        d.end();
                    }
                }
            };
            return g;
        }
        return block(spec, sink);
    }

    private static OutputStream lz4(CompressionSpec spec, OutputStream base) throws IOException {
        LZ4Factory f = LZ4Factory.fastestInstance();
        int level = spec.isDefaultLevel() ? 0 : spec.level();
        LZ4Compressor c = level < 3 ? f.fastCompressor() : f.highCompressor(level);
        return new LZ4FrameOutputStream(base, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB, -1L, c,
                XXHashFactory.fastestInstance().hash32(), LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE);
    }

    private static OutputStream zstd(CompressionSpec spec, OutputStream base) throws IOException {
        ZstdOutputStream z = new ZstdOutputStream(base, spec.isDefaultLevel() ? 3 : spec.level());
        if (spec.workers() > 0) {
            z.setWorkers(spec.workers());
        }
        if (spec.longMode()) {
            z.setLong(27);
        }
        return z;
    }

    /** Passes writes through; close flushes only. */
    static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
