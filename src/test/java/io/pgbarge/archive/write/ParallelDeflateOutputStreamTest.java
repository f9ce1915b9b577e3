package io.pgbarge.archive.write;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The parallel gzip/zlib stream read back by the JDK's own inflater: whatever the size, level and
 * data, the output is one valid stream of exactly the input, with the right checksums.
 */
@Timeout(120)
class ParallelDeflateOutputStreamTest {
    private static final int BLOCK = 8 * 1024;
    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(3);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        int[] sizes = {0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK, 37 * BLOCK + 123};
        for (int size : sizes) {
            for (String kind : List.of("text", "random", "zeros")) {
                for (int level : new int[] {-1, 0, 1, 9}) {
                    list.add(Arguments.of(size, kind, level));
                }
            }
        }
        return list.stream();
    }

    static byte[] data(String kind, int size) {
        byte[] b = new byte[size];
        Random r = new Random(size * 31L + kind.hashCode());
        switch (kind) {
            case "random" -> r.nextBytes(b); // incompressible
            case "zeros" -> { } // as compressible as it gets
            default -> {
                // COPY-like rows: repeats within and across blocks, for back-references through the dictionary
                StringBuilder sb = new StringBuilder();
                int i = 0;
                while (sb.length() < size) {
                    sb.append(i++).append('\t').append("name ").append(r.nextInt(1000)).append('\t')
                            .append("2024-01-").append(10 + r.nextInt(20)).append('\n');
                }
                System.arraycopy(sb.toString().getBytes(StandardCharsets.US_ASCII), 0, b, 0, size);
            }
        }
        return b;
    }

    /** Writes in uneven pieces, as a COPY stream arrives. */
    static byte[] compress(byte[] input, ParallelDeflateOutputStream.Wrapper w, int level, ExecutorService threads)
            throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        ParallelDeflateOutputStream out = new ParallelDeflateOutputStream(sink, w, level, BLOCK, threads, 4);
        Random r = new Random(input.length);
        int off = 0;
        while (off < input.length) {
            int n = Math.min(input.length - off, 1 + r.nextInt(3 * BLOCK / 2));
            if (n == 1) {
                out.write(input[off]);
            } else {
                out.write(input, off, n);
            }
            off += n;
        }
        out.close();
        assertThat(out.usedThreads()).as("threads only for streams of more than one block")
                .isEqualTo(threads != null && input.length > BLOCK);
        return sink.toByteArray();
    }

    @ParameterizedTest(name = "gzip {0} bytes of {1} at level {2}")
    @MethodSource("cases")
    void gzipReadsBackExactly(int size, String kind, int level) throws IOException {
        byte[] input = data(kind, size);
        byte[] gz = compress(input, ParallelDeflateOutputStream.Wrapper.GZIP, level, pool);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            assertThat(in.readAllBytes()).isEqualTo(input); // GZIPInputStream checks CRC-32 and ISIZE
        }
        CRC32 crc = new CRC32();
        crc.update(input);
        int n = gz.length;
        long trailerCrc = (gz[n - 8] & 0xFFL) | (gz[n - 7] & 0xFFL) << 8 | (gz[n - 6] & 0xFFL) << 16 | (gz[n - 5] & 0xFFL) << 24;
        long trailerSize = (gz[n - 4] & 0xFFL) | (gz[n - 3] & 0xFFL) << 8 | (gz[n - 2] & 0xFFL) << 16 | (gz[n - 1] & 0xFFL) << 24;
        assertThat(trailerCrc).isEqualTo(crc.getValue());
        assertThat(trailerSize).isEqualTo(size);
    }

    @ParameterizedTest(name = "zlib {0} bytes of {1} at level {2}")
    @MethodSource("cases")
    void zlibIsOneStreamWithAdler32(int size, String kind, int level) throws Exception {
        byte[] input = data(kind, size);
        byte[] z = compress(input, ParallelDeflateOutputStream.Wrapper.ZLIB, level, pool);
        // one inflate over the whole stream, as pg_restore reads a custom-format data block
        Inflater inf = new Inflater();
        inf.setInput(z);
        byte[] out = new byte[size + 1];
        int got = 0;
        while (!inf.finished()) {
            int k = inf.inflate(out, got, out.length - got);
            assertThat(k > 0 || inf.finished() || !inf.needsInput()).as("stream ended early").isTrue();
            got += k;
        }
        assertThat(inf.getRemaining()).as("nothing after the Adler-32 trailer").isZero();
        inf.end();
        assertThat(Arrays.copyOf(out, got)).isEqualTo(input); // Inflater checks the Adler-32 trailer
        Adler32 a = new Adler32();
        a.update(input);
        long trailer = (z[z.length - 4] & 0xFFL) << 24 | (z[z.length - 3] & 0xFFL) << 16 | (z[z.length - 2] & 0xFFL) << 8
                | (z[z.length - 1] & 0xFFL);
        assertThat(trailer).isEqualTo(a.getValue());
        assertThat(((z[0] & 0xFF) << 8 | (z[1] & 0xFF)) % 31).as("zlib header check bits").isZero();
    }

    @Test
    void sameBytesWithOrWithoutThreadsAndCompressesAcrossBlocks() throws IOException {
        byte[] input = data("text", 50 * BLOCK);
        byte[] threaded = compress(input, ParallelDeflateOutputStream.Wrapper.ZLIB, 6, pool);
        byte[] inline = compress(input, ParallelDeflateOutputStream.Wrapper.ZLIB, 6, null);
        assertThat(threaded).isEqualTo(inline);
        try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(threaded))) {
            assertThat(in.readAllBytes()).isEqualTo(input);
        }
        // a block that repeats the one before compresses to almost nothing: the dictionary reaches back
        byte[] repeated = new byte[4 * BLOCK];
        byte[] unit = data("random", BLOCK);
        for (int i = 0; i < 4; i++) {
            System.arraycopy(unit, 0, repeated, i * BLOCK, BLOCK);
        }
        assertThat(compress(repeated, ParallelDeflateOutputStream.Wrapper.GZIP, 6, pool).length)
                .isLessThan(BLOCK + BLOCK / 2);
    }

    @Test
    void aFailingCompressionThreadIsAnIoExceptionNotAHang() throws Exception {
        ExecutorService broken = Executors.newFixedThreadPool(2);
        broken.shutdown(); // every block is refused, as after the writer was aborted
        ParallelDeflateOutputStream out = new ParallelDeflateOutputStream(new ByteArrayOutputStream(),
                ParallelDeflateOutputStream.Wrapper.GZIP, 6, BLOCK, broken, 2);
        assertThatThrownBy(() -> out.write(new byte[3 * BLOCK])).isInstanceOf(IOException.class)
                .hasMessageContaining("compression threads have been stopped");
        assertThatThrownBy(out::close).isInstanceOf(IOException.class).hasMessageContaining("failed earlier");
    }

    @Test
    void aFailingSinkFailsTheStreamAndLaterCalls() throws Exception {
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (len > 2) {
                    throw new IOException("No space left on device");
                }
            }
        };
        ParallelDeflateOutputStream out = new ParallelDeflateOutputStream(full, ParallelDeflateOutputStream.Wrapper.ZLIB,
                6, BLOCK, pool, 2);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 20; i++) {
                out.write(data("random", BLOCK));
            }
            out.close();
        }).isInstanceOf(IOException.class).hasMessageContaining("No space left on device");
        assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class);
    }

    @Test
    void stoppingThePoolEndsAWriterWaitingForBlocks() throws Exception {
        DeflatePool deflatePool = new DeflatePool(2);
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread writer = endlessWriter(deflatePool, ParallelDeflateOutputStream.Wrapper.GZIP, started, thrown);
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200);
        deflatePool.stop();
        writer.join(30_000);
        assertThat(writer.isAlive()).as("the writer is not left waiting").isFalse();
        assertThat(thrown.get()).isInstanceOf(IOException.class).hasMessageContaining("stopped");
        assertThat(deflatePool.awaitStopped(30_000)).as("the compressing threads end").isTrue();
    }

    @Test
    void interruptingTheWriterCancelsItsBlocks() throws Exception {
        DeflatePool deflatePool = new DeflatePool(2);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread writer = endlessWriter(deflatePool, ParallelDeflateOutputStream.Wrapper.ZLIB, started, thrown);
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200);
        writer.interrupt();
        writer.join(30_000);
        assertThat(writer.isAlive()).isFalse();
        // interrupted while waiting for a block, or writing with the flag set and then waiting
        assertThat(thrown.get()).isInstanceOf(InterruptedIOException.class);
        deflatePool.stop();
        assertThat(deflatePool.awaitStopped(30_000)).isTrue();
    }

    /** A started thread that writes to a stream on {@code pool} until a write throws, which it keeps in {@code thrown}. */
    private static Thread endlessWriter(DeflatePool pool, ParallelDeflateOutputStream.Wrapper wrapper,
                                        CountDownLatch started, AtomicReference<Throwable> thrown) {
        Thread writer = new Thread(() -> {
            try {
                ParallelDeflateOutputStream out = new ParallelDeflateOutputStream(OutputStream.nullOutputStream(),
                        wrapper, 9, 256 * 1024, pool.executor(), pool.maxInFlight());
                byte[] chunk = data("text", 64 * 1024);
                started.countDown();
                while (true) {
                    out.write(chunk);
                }
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        writer.start();
        return writer;
    }
}
