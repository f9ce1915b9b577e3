package io.pgbarge.archive.write;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Checksum;
import java.util.zip.Deflater;

/**
 * A zlib (RFC 1950) or gzip (RFC 1952) stream compressed on several threads, as pigz does: the
 * input is cut into blocks, each block is deflated by a fresh raw {@link Deflater} primed with the
 * 32 KiB of input before it ({@link Deflater#setDictionary}) and ended with a sync flush (the last
 * with finish), so the blocks, written in order, make ONE deflate stream that any inflater (zlib's
 * inflate, gzread, pg_restore) reads like a single-threaded one. Only the back-references across
 * block boundaries are limited to the dictionary, and each flush adds a few bytes.
 *
 * <p>The checksum (Adler-32 or CRC-32) is computed on the writing thread, in order, as the input
 * arrives. At most {@code maxInFlight} blocks are being compressed at once; the writer waits for the
 * oldest when the limit is reached, which bounds memory to about {@code 2 * (maxInFlight + 1)} blocks.
 * A stream that ends within its first block is compressed on the writing thread: small tables pay
 * nothing for the threads.
 *
 * <p>One thread at a time writes to it (several may take turns, as the plain-script writer's tail is
 * handed over under a lock). A failure in a compressing thread surfaces as an {@link IOException} from
 * the next write or close; an interrupt while waiting cancels the blocks in flight and throws an
 * {@link InterruptedIOException}. After a failure every call fails: the stream cannot be resumed.
 */
final class ParallelDeflateOutputStream extends OutputStream {

    /** The framing around the deflate stream. */
    enum Wrapper { ZLIB, GZIP }

    static final int DEFAULT_BLOCK = 1 << 20;
    private static final int WINDOW = 32 * 1024;
    private static final int FIRST_BUFFER = 16 * 1024;

    private final OutputStream sink;
    private final Wrapper wrapper;
    private final int level;
    private final int blockSize;
    private final ExecutorService pool;
    private final int maxInFlight;
    private final Checksum checksum;
    private long inputBytes;

    private byte[] cur;
    private int curLen;
    /** The up to 32 KiB of input just before {@link #cur}. */
    private byte[] history = new byte[0];
    private boolean usedPool;
    private final ArrayDeque<Pending> inFlight = new ArrayDeque<>();
    private final ArrayDeque<Block> free = new ArrayDeque<>();
    private IOException failure;
    private boolean closed;

    /**
     * @param sink        where the compressed stream goes; never closed by this stream
     * @param level       zlib level, -1 for the default (6), 0 to 9
     * @param blockSize   bytes of input per block
     * @param pool        the compressing threads; null to compress every block on the writing thread
     * @param maxInFlight blocks compressing at once (at least 1)
     */
    ParallelDeflateOutputStream(OutputStream sink, Wrapper wrapper, int level, int blockSize, ExecutorService pool,
                                int maxInFlight) throws IOException {
        if (level < -1 || level > 9) {
            throw new IllegalArgumentException("zlib level " + level + " is not between -1 and 9");
        }
        if (blockSize < 1) {
            throw new IllegalArgumentException("block size must be positive");
        }
        this.sink = sink;
        this.wrapper = wrapper;
        this.level = level;
        this.blockSize = blockSize;
        this.pool = pool;
        this.maxInFlight = Math.max(1, maxInFlight);
        this.checksum = wrapper == Wrapper.ZLIB ? new Adler32() : new CRC32();
        this.cur = new byte[Math.min(blockSize, FIRST_BUFFER)];
        sink.write(header());
    }

    private byte[] header() {
        if (wrapper == Wrapper.ZLIB) {
            // CMF: deflate, 32 KiB window; FLG: the level class zlib's deflate writes, no dictionary
            int cmf = 0x78;
            int levelClass = level == -1 || level == 6 ? 2 : level < 2 ? 0 : level < 6 ? 1 : 3;
            int flg = levelClass << 6;
            flg += 31 - ((cmf << 8) + flg) % 31;
            return new byte[] {(byte) cmf, (byte) flg};
        }
        // magic, deflate, no flags, no mtime, XFL (2 = best, 4 = fastest), OS 3 (Unix) as zlib writes it
        int xfl = level == 9 ? 2 : level == 1 ? 4 : 0;
        return new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, (byte) xfl, 3};
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        check();
        if ((off | len) < 0 || len > b.length - off) {
            throw new IndexOutOfBoundsException();
        }
        checksum.update(b, off, len);
        inputBytes += len;
        while (len > 0) {
            if (curLen == blockSize) {
                // more input follows a full block: it is not the last one
                send(false);
            }
            if (curLen == cur.length) {
                grow();
            }
            int n = Math.min(len, cur.length - curLen);
            System.arraycopy(b, off, cur, curLen, n);
            curLen += n;
            off += n;
            len -= n;
        }
        writeFinished(false);
    }

    /** The first block starts small so that a tiny stream does not allocate a whole block. */
    private void grow() {
        byte[] bigger = new byte[(int) Math.min(blockSize, Math.max(FIRST_BUFFER, cur.length * 2L))];
        System.arraycopy(cur, 0, bigger, 0, curLen);
        cur = bigger;
    }

    /** Hands the current block to a compressing thread (or compresses it here). */
    private void send(boolean last) throws IOException {
        Block block = free.isEmpty() ? new Block() : free.poll();
        block.input = cur;
        block.inputLength = curLen;
        block.dictionary = history;
        block.last = last;
        history = nextHistory(history, cur, curLen);
        cur = block.spareInput != null && block.spareInput.length == blockSize ? block.spareInput : new byte[blockSize];
        block.spareInput = null;
        curLen = 0;
        if (pool == null || last) {
            // the last block (the only one of a small stream) is compressed here while the threads
            // finish the others: the writing thread has nothing else to do until they are written
            try {
                block.compress(level);
            } catch (RuntimeException e) {
                throw fail(new IOException("compression failed: " + e, e));
            }
            writeFinished(true);
            emit(block);
            return;
        }
        while (inFlight.size() >= maxInFlight) {
            emit(await(inFlight.poll()));
        }
        try {
            inFlight.add(new Pending(block, pool.submit(() -> block.compress(level), block)));
        } catch (RejectedExecutionException e) {
            throw fail(new IOException("the compression threads have been stopped (the archive was closed or aborted)", e));
        }
        usedPool = true;
    }

    /** The last 32 KiB of the input so far, after {@code block} is added to {@code before}. */
    private static byte[] nextHistory(byte[] before, byte[] block, int length) {
        if (length >= WINDOW) {
            byte[] h = new byte[WINDOW];
            System.arraycopy(block, length - WINDOW, h, 0, WINDOW);
            return h;
        }
        int keep = Math.min(before.length, WINDOW - length);
        byte[] h = new byte[keep + length];
        System.arraycopy(before, before.length - keep, h, 0, keep);
        System.arraycopy(block, 0, h, keep, length);
        return h;
    }

    /** Writes out the blocks at the head of the queue that are done, without waiting (all of them with wait). */
    private void writeFinished(boolean wait) throws IOException {
        while (!inFlight.isEmpty() && (wait || inFlight.peek().future.isDone())) {
            emit(await(inFlight.poll()));
        }
    }

    private Block await(Pending p) throws IOException {
        try {
            return p.future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException ie = new InterruptedIOException("interrupted while compressing");
            ie.initCause(e);
            throw fail(ie);
        } catch (CancellationException e) {
            throw fail(new IOException("the compression threads have been stopped (the archive was closed or aborted)", e));
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw fail(new IOException("compression failed: " + c, c));
        }
    }

    private void emit(Block block) throws IOException {
        try {
            sink.write(block.output, 0, block.outputLength);
        } catch (IOException e) {
            throw fail(e);
        }
        block.spareInput = block.input;
        block.input = null;
        block.dictionary = null;
        if (free.size() <= maxInFlight) {
            free.add(block);
        }
    }

    private IOException fail(IOException e) {
        if (failure == null) {
            failure = e;
        }
        cancel();
        return e;
    }

    private void check() throws IOException {
        if (failure != null) {
            throw new IOException("the compressed stream failed earlier: " + failure.getMessage(), failure);
        }
        if (closed) {
            throw new IOException("the compressed stream is closed");
        }
    }

    /** Stops the blocks in flight (an abandoned entry): their threads go on to other work. */
    void cancel() {
        for (Pending p : inFlight) {
            p.future.cancel(true);
        }
        inFlight.clear();
        free.clear();
    }

    /** Flushes what has been compressed so far; a partial block stays until it is full or the stream ends. */
    @Override
    public void flush() throws IOException {
        check();
        writeFinished(false);
        sink.flush();
    }

    /** Compresses the rest, writes the trailer and flushes the sink (which stays open). */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        check();
        try {
            send(true);
            writeFinished(true);
            sink.write(trailer());
            sink.flush();
        } catch (IOException e) {
            throw fail(e);
        } finally {
            closed = true;
            free.clear();
            cur = null;
        }
    }

    private byte[] trailer() {
        long sum = checksum.getValue();
        if (wrapper == Wrapper.ZLIB) {
            return new byte[] {(byte) (sum >>> 24), (byte) (sum >>> 16), (byte) (sum >>> 8), (byte) sum};
        }
        long size = inputBytes; // ISIZE: the input length modulo 2^32
        return new byte[] {(byte) sum, (byte) (sum >>> 8), (byte) (sum >>> 16), (byte) (sum >>> 24),
                (byte) size, (byte) (size >>> 8), (byte) (size >>> 16), (byte) (size >>> 24)};
    }

    /** Whether a block went to the compressing threads (for tests: a stream within one block does not). */
    boolean usedThreads() {
        return usedPool;
    }

    private record Pending(Block block, Future<Block> future) {
    }

    /** One block's input and, once compressed, its output; reused by the stream for later blocks. */
    private static final class Block {
        byte[] input;
        int inputLength;
        byte[] dictionary;
        boolean last;
        byte[] output;
        int outputLength;
        byte[] spareInput;

        void compress(int level) {
            Deflater d = new Deflater(level, true);
            try {
                if (dictionary.length > 0) {
                    d.setDictionary(dictionary);
                }
                d.setInput(input, 0, inputLength);
                // stored blocks and flush markers add a little to incompressible data
                int bound = inputLength + (inputLength >>> 12) * 5 + 64;
                if (output == null || output.length < bound) {
                    output = new byte[bound];
                }
                outputLength = 0;
                if (last) {
                    d.finish();
                    while (!d.finished()) {
                        room();
                        outputLength += d.deflate(output, outputLength, output.length - outputLength, Deflater.NO_FLUSH);
                    }
                } else {
                    // SYNC_FLUSH: all input consumed and the output byte-aligned when there was room
                    while (true) {
                        room();
                        int space = output.length - outputLength;
                        int n = d.deflate(output, outputLength, space, Deflater.SYNC_FLUSH);
                        outputLength += n;
                        if (n < space && d.needsInput()) {
                            break;
                        }
                    }
                }
            } finally {
                d.end();
            }
        }

        private void room() {
            if (output.length - outputLength < 64) {
                byte[] bigger = new byte[output.length + Math.max(4096, output.length / 4)];
                System.arraycopy(output, 0, bigger, 0, outputLength);
                output = bigger;
            }
        }
    }
}
