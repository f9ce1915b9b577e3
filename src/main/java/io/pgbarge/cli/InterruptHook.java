package io.pgbarge.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) or SIGTERM during a run: instead of dying with sessions still copying, the run is told
 * to stop — it cancels what runs on the servers and records what finished — and the JVM exits (130 for
 * Ctrl-C) once the run has said how to resume, or after a grace period if it cannot.
 */
final class InterruptHook implements AutoCloseable {
    private static final long GRACE_SECONDS = 20;
    private final Thread hook;
    private final CountDownLatch unwound = new CountDownLatch(1);
    private volatile boolean fired;

    private InterruptHook(Runnable interrupt) {
        hook = new Thread(() -> {
            fired = true;
            interrupt.run();
            try {
                unwound.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // exit now
            }
        }, "pgbarge-interrupt");
    }

    static InterruptHook install(Runnable interrupt) {
        InterruptHook h = new InterruptHook(interrupt);
        Runtime.getRuntime().addShutdownHook(h.hook);
        return h;
    }

    /** Whether the process is being stopped by a signal. */
    boolean fired() {
        return fired;
    }

    /** The run has unwound (and printed its message): the process may end. */
    @Override
    public void close() {
        unwound.countDown();
        if (!fired) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // shutdown already under way
            }
        }
    }
}
