package io.pgbarge.exec;

import java.sql.SQLException;

/** An error that happened on a known server ("source" or "target"), so that the operator is told where to look. */
public class ServerSideException extends SQLException {
    private static final long serialVersionUID = 1L;
    private final String server;

    public ServerSideException(String server, SQLException cause) {
        super(cause.getMessage(), cause.getSQLState(), cause);
        this.server = server;
    }

    public String server() {
        return server;
    }

    /** The server named by the first ServerSideException in the chain, else {@code fallback}. */
    public static String serverOf(Throwable t, String fallback) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ServerSideException s) {
                return s.server();
            }
        }
        return fallback;
    }

    /** The server's own error under the wrapper, for the message. */
    public static Throwable unwrap(Throwable t) {
        return t instanceof ServerSideException && t.getCause() != null ? t.getCause() : t;
    }
}
