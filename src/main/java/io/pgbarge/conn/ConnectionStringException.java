package io.pgbarge.conn;

/**
 * A connection string (or a PG* environment variable) that cannot be understood. The message names
 * the bad part and never contains a password.
 */
public class ConnectionStringException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ConnectionStringException(String message) {
        super(message);
    }
}
