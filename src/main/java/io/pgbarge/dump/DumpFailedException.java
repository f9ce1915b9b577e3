package io.pgbarge.dump;

/** A dump that could not be written; the reason picks the exit code. */
public final class DumpFailedException extends Exception {
    public enum Reason {
        /** bad options or an output path that cannot be used */
        USAGE,
        /** the source could not be reached */
        CONNECTION,
        /** the source refused something, or writing the archive failed, during the dump */
        RUN_FAILED
    }

    private final Reason reason;

    public DumpFailedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
