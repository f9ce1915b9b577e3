package io.pgbarge.exec;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;

/** The parts of a server error an operator needs: SQLSTATE, message, detail, hint, where. */
public record PgError(String sqlState, String message, String detail, String hint) {

    public static PgError of(Throwable t) {
        Throwable c = t;
        while (c != null && !(c instanceof SQLException)) {
            c = c.getCause();
        }
        if (c instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage m = p.getServerErrorMessage();
            return new PgError(m.getSQLState(), m.getMessage(), m.getDetail(), m.getHint());
        }
        if (c instanceof SQLException s) {
            return new PgError(s.getSQLState(), s.getMessage(), null, null);
        }
        return new PgError(null, String.valueOf(t.getMessage()), null, null);
    }

    /** Multi-line text: the message, then DETAIL/HINT/SQLSTATE lines when present. */
    public String render() {
        StringBuilder b = new StringBuilder(message == null ? "(no message)" : message);
        if (detail != null) {
            b.append("\n  DETAIL: ").append(detail);
        }
        if (hint != null) {
            b.append("\n  HINT: ").append(hint);
        }
        if (sqlState != null) {
            b.append("\n  SQLSTATE: ").append(sqlState);
        }
        return b.toString();
    }

    /** Errors worth running the same step again for: deadlocks and serialization failures. */
    public boolean retryable() {
        return "40P01".equals(sqlState) || "40001".equals(sqlState);
    }
}
