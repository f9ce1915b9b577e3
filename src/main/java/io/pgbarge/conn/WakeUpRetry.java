package io.pgbarge.conn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How the first connection to a server waits for it to answer: a serverless compute (Neon) that was
 * suspended refuses or times out, or says it is starting up (57P03), for a few seconds while it
 * wakes. Such failures are retried after growing delays (0.5 s, 1 s, 2 s, 4 s, 8 s, …) up to a total;
 * any other failure (wrong password, unknown host, missing database…) is reported at once.
 *
 * @param delays  the waits before each retry, in order; empty: no retry
 * @param onRetry told before each wait, e.g. to print one line
 */
public record WakeUpRetry(List<Duration> delays, Consumer<Retry> onRetry) {
    /** No retry: the first failure is reported. */
    public static final WakeUpRetry NONE = new WakeUpRetry(List.of(), r -> { });

    /** The default total wait. */
    public static final Duration DEFAULT_TOTAL = Duration.ofSeconds(30);

    public WakeUpRetry {
        delays = List.copyOf(delays);
        Objects.requireNonNull(onRetry);
    }

    /** One retry about to happen. */
    public record Retry(int attempt, int attempts, Duration delay, ConnectionFailedException failure) {
        /** "target not answering yet (waking up?): connection refused; retrying in 2 s (attempt 3 of 7)". */
        public String describe(String which) {
            return which + " not answering yet (waking up?): " + failure.problem() + "; retrying in "
                    + seconds(delay) + " (attempt " + (attempt + 1) + " of " + attempts + ")";
        }

        private static String seconds(Duration d) {
            long ms = d.toMillis();
            return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
        }
    }

    /** Delays 0.5 s, 1 s, 2 s, 4 s, 8 s, 8 s… while their sum stays within total (the last one trimmed to fit). */
    public static WakeUpRetry within(Duration total, Consumer<Retry> onRetry) {
        List<Duration> out = new ArrayList<>();
        long left = total.toMillis();
        long next = 500;
        while (left > 0) {
            long d = Math.min(next, left);
            out.add(Duration.ofMillis(d));
            left -= d;
            next = Math.min(next * 2, 8000);
        }
        return new WakeUpRetry(out, onRetry);
    }

    /** Whether a failure is one a waking server gives. */
    public static boolean retryable(ConnectionFailedException e) {
        return switch (e.reason()) {
            case REFUSED, TIMEOUT, SERVER_NOT_READY -> true;
            default -> false;
        };
    }

    /** One connection attempt. */
    @FunctionalInterface
    public interface Attempt<T> {
        T connect() throws ConnectionFailedException;
    }

    /** Waits; replaceable in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** Runs the attempt, retrying waking-up failures after this policy's delays. */
    public <T> T run(Attempt<T> attempt) throws ConnectionFailedException {
        return run(attempt, d -> Thread.sleep(d.toMillis()));
    }

    public <T> T run(Attempt<T> attempt, Sleeper sleeper) throws ConnectionFailedException {
        int attempts = delays.size() + 1;
        for (int i = 0; ; i++) {
            try {
                return attempt.connect();
            } catch (ConnectionFailedException e) {
                if (i >= delays.size() || !retryable(e)) {
                    throw e;
                }
                Duration d = delays.get(i);
                onRetry.accept(new Retry(i + 1, attempts, d, e));
                try {
                    sleeper.sleep(d);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
