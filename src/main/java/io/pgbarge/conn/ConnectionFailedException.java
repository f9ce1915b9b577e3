package io.pgbarge.conn;

import java.sql.SQLException;

/**
 * A connection that could not be opened, explained for the operator: which server (never the
 * password), what went wrong, and what to do. The SQLSTATE and the driver's exception are kept.
 */
public final class ConnectionFailedException extends SQLException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, for callers that act on it (exit codes, retries). */
    public enum Reason {
        UNKNOWN_HOST,
        REFUSED,
        TIMEOUT,
        NETWORK,
        PASSWORD_FAILED,
        NO_PASSWORD,
        LOGIN_REJECTED,
        ROLE_MISSING,
        DATABASE_MISSING,
        SSL_NOT_SUPPORTED,
        SSL_CERTIFICATE,
        SSL_SETUP,
        CHANNEL_BINDING,
        TOO_MANY_CONNECTIONS,
        SERVER_NOT_READY,
        OTHER
    }

    private final String server;
    private final Reason reason;
    private final String problem;
    private final String advice;

    public ConnectionFailedException(String server, Reason reason, String problem, String advice, String sqlState,
            Throwable cause) {
        super("could not connect to " + server + ": " + problem + (advice == null ? "" : "; " + advice)
                + (sqlState == null ? "" : " (SQLSTATE " + sqlState + ")"), sqlState, cause);
        this.server = server;
        this.reason = reason;
        this.problem = problem;
        this.advice = advice;
    }

    /** "host:port/database as user". */
    public String server() {
        return server;
    }

    public Reason reason() {
        return reason;
    }

    /** What went wrong, in a few words. */
    public String problem() {
        return problem;
    }

    /** What to do about it, or null. */
    public String advice() {
        return advice;
    }
}
