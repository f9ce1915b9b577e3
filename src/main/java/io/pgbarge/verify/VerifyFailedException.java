package io.pgbarge.verify;

/** The verification could not be carried out (as opposed to finding differences, which is a result). */
public final class VerifyFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** a server could not be reached or refused the login */
        CONNECTION,
        /** a server refused a query the verification needs (catalog, snapshot) */
        RUN_FAILED
    }

    private final Reason reason;

    public VerifyFailedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
