package io.pgbarge.copy;

/** A copy that could not be done, with a message for the operator (what, where, what to do). */
public final class CopyFailedException extends Exception {
    /** The class of failure, so that the CLI can give each its own exit code. */
    public enum Reason { TARGET_NOT_EMPTY, CONNECTION, RUN_FAILED, USAGE, BLOCKED, INTERRUPTED }

    private final Reason reason;

    public CopyFailedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public CopyFailedException(String message, Throwable cause) {
        this(Reason.RUN_FAILED, message, cause);
    }

    public Reason reason() {
        return reason;
    }
}
