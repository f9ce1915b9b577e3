package io.pgbarge.restore;

/** A restore that could not be done, with a message for the operator (what, where, what to do). */
public final class RestoreFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The class of failure, so that the CLI can give each its own exit code. */
    public enum Reason {
        USAGE, TARGET_NOT_EMPTY, CONNECTION, RUN_FAILED, BLOCKED, INTERRUPTED,
        /** the archive or script could not be read on: truncated, corrupt, not what it claims to be */
        BAD_INPUT
    }

    private final Reason reason;

    public RestoreFailedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public RestoreFailedException(String message, Throwable cause) {
        this(Reason.RUN_FAILED, message, cause);
    }

    public Reason reason() {
        return reason;
    }
}
