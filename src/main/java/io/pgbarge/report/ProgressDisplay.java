package io.pgbarge.report;

/**
 * What the CLI holds while a run is going: started before the executor runs, closed after it (also on
 * failure, in a finally or try-with-resources) so that the terminal is left clean.
 */
public interface ProgressDisplay extends AutoCloseable {
    /** Starts showing progress (a background redraw or status thread). Call once. */
    void start();

    /** Stops, draws/prints the last state, leaves the terminal as it was. Idempotent. */
    @Override
    void close();

    /** For {@code --quiet}: shows nothing. */
    ProgressDisplay NONE = new ProgressDisplay() {
        @Override
        public void start() {
        }

        @Override
        public void close() {
        }
    };
}
