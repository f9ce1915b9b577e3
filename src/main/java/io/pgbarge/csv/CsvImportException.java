package io.pgbarge.csv;

/** A load that did not happen, in words for the operator; the reason picks the exit code. */
public final class CsvImportException extends Exception {
    public enum Reason {
        /** bad input or flags: a file that cannot be read, a header that does not match the table */
        USAGE,
        /** --create, but the table exists */
        TABLE_EXISTS,
        CONNECTION,
        /** the server refused, or too many rows were rejected: nothing was loaded */
        RUN_FAILED,
        /** an input that exists but cannot be read through: not gzip after all, truncated, unreadable */
        BAD_INPUT
    }

    private final Reason reason;

    public CsvImportException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
