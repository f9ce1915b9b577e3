package io.pgbarge.archive.write;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads one archive writer compresses gzip blocks on, shared by all its entries' streams
 * ({@link ParallelDeflateOutputStream}). Started with the first stream that outgrows one block;
 * stopped when the writer closes or aborts, which cancels whatever is still queued, so that no
 * stream waits for a block that will never come.
 */
final class DeflatePool {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    private ThreadPoolExecutor executor;
    private boolean stopped;

    /** @param threads compressing threads; 1 or fewer compresses on the writing threads */
    DeflatePool(int threads) {
        this.threads = threads;
    }

    int threads() {
        return threads;
    }

    /** Blocks one stream may have compressing at once: enough to keep every thread busy with one stream. */
    int maxInFlight() {
        return Math.max(2, threads * 2);
    }

    /** The executor, or null when blocks are compressed on the writing thread. */
    synchronized ExecutorService executor() {
        if (threads <= 1) {
            return null;
        }
        if (executor == null) {
            int pool = POOLS.incrementAndGet();
            AtomicInteger n = new AtomicInteger();
            executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "pgbarge-gzip-" + pool + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            // idle threads go away between entries; they come back with the next big one
            executor.allowCoreThreadTimeOut(true);
            if (stopped) {
                executor.shutdown();
            }
        }
        return executor;
    }

    /** Stops the threads: queued blocks are cancelled, running ones interrupted (they end with their block). */
    synchronized void stop() {
        stopped = true;
        if (executor != null) {
            List<Runnable> queued = executor.shutdownNow();
            for (Runnable r : queued) {
                if (r instanceof Future<?> f) {
                    f.cancel(false);
                }
            }
        }
    }

    /** Whether every thread has ended (for tests). */
    synchronized boolean awaitStopped(long millis) throws InterruptedException {
        return executor == null || executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }
}
