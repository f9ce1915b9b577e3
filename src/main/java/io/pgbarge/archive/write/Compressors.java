package io.pgbarge.archive.write;

import com.github.luben.zstd.ZstdOutputStream;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.xxhash.XXHashFactory;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The compressed streams pg_dump writes. Closing a returned stream ends the compressed stream
 * (zlib/gzip trailer, LZ4 end mark, zstd frame end) but never closes the stream under it.
 */
final class Compressors {
    private static final int BUF = 64 * 1024;

    private Compressors() {
    }

    /** System property: input bytes per parallel gzip block (tests use small blocks to stay fast). */
    static final String BLOCK_SIZE_PROPERTY = "pgbarge.gzip.blockSize";

    /**
     * One custom-format data block's stream, or one lz4/zstd directory file: a zlib (RFC 1950)
     * stream for gzip, an LZ4 frame, a zstd frame, or the bytes as they are. gzip is compressed on
     * the pool's threads once the stream outgrows one block.
     */
    static OutputStream block(CompressionSpec spec, OutputStream sink, DeflatePool pool) throws IOException {
        OutputStream base = new NonClosing(sink);
        return switch (spec.algorithm()) {
            case NONE -> base;
            case GZIP -> deflate(spec, base, ParallelDeflateOutputStream.Wrapper.ZLIB, pool);
            case LZ4 -> lz4(spec, base);
            case ZSTD -> zstd(spec, base);
        };
    }

    /** A directory-format data file or a compressed plain script: gzip (RFC 1952) for gzip, else as {@link #block}. */
    static OutputStream file(CompressionSpec spec, OutputStream sink, DeflatePool pool) throws IOException {
        if (spec.algorithm() == io.pgbarge.archive.CompressionAlgorithm.GZIP) {
            return deflate(spec, new NonClosing(sink), ParallelDeflateOutputStream.Wrapper.GZIP, pool);
        }
        return block(spec, sink, pool);
    }

    private static OutputStream deflate(CompressionSpec spec, OutputStream base, ParallelDeflateOutputStream.Wrapper w,
                                        DeflatePool pool) throws IOException {
        return new ParallelDeflateOutputStream(base, w, spec.zlibLevel(), blockSize(), pool.executor(),
                pool.maxInFlight());
    }

    /** 1 MiB, or the system property's value. */
    static int blockSize() {
        String p = System.getProperty(BLOCK_SIZE_PROPERTY);
        if (p != null) {
            try {
                int n = Integer.parseInt(p.trim());
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // the default
            }
        }
        return ParallelDeflateOutputStream.DEFAULT_BLOCK;
    }

    /** Stops the blocks an abandoned entry's gzip stream still has in flight. */
    static void cancel(OutputStream compressed) {
        if (compressed instanceof ParallelDeflateOutputStream p) {
            p.cancel();
        }
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
