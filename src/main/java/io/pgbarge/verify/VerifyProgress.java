package io.pgbarge.verify;

/** What a verification reports while it runs (the CLI prints it on stderr). */
public interface VerifyProgress {
    VerifyProgress NONE = new VerifyProgress() {
    };

    /** A phase begins: "snapshot", "catalog", "schema", "data", "sequences". */
    default void phase(String name) {
    }

    /** The data phase starts with this many relations. */
    default void tablesStarted(int total) {
    }

    /** One relation is done (called from worker threads). */
    default void tableVerified(TableResult result, int done, int total) {
    }
}
