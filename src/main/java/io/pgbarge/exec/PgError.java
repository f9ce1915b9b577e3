package io.pgbarge.exec;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.io.IOException;
import java.sql.SQLException;

/**
 * The parts of a server error an operator needs: SQLSTATE, message, detail, hint, and the object the
 * server names (schema, table, column, constraint), plus where in a function it happened.
 */
public record PgError(String sqlState, String message, String detail, String hint, String object, String where) {

    public PgError(String sqlState, String message, String detail, String hint) {
        this(sqlState, message, detail, hint, null, null);
    }

    public static PgError of(Throwable t) {
        Throwable c = t;
        while (c != null && !(c instanceof SQLException)) {
            c = c.getCause();
        }
        // past wrappers that only say which server, to the server's own error
        while (c instanceof ServerSideException && c.getCause() instanceof SQLException inner) {
            c = inner;
        }
        if (c instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage m = p.getServerErrorMessage();
            return new PgError(m.getSQLState(), m.getMessage(), m.getDetail(), m.getHint(), object(m), m.getWhere());
        }
        if (c instanceof SQLException s) {
            return new PgError(s.getSQLState(), s.getMessage(), null, null);
        }
        return new PgError(null, String.valueOf(t.getMessage()), null, null);
    }

    private static String object(ServerErrorMessage m) {
        StringBuilder b = new StringBuilder();
        if (m.getTable() != null) {
            b.append("table ").append(m.getSchema() == null ? "" : m.getSchema() + ".").append(m.getTable());
            if (m.getColumn() != null) {
                b.append(", column ").append(m.getColumn());
            }
        } else if (m.getDatatype() != null) {
            b.append("type ").append(m.getSchema() == null ? "" : m.getSchema() + ".").append(m.getDatatype());
        } else if (m.getSchema() != null) {
            b.append("schema ").append(m.getSchema());
        }
        if (m.getConstraint() != null) {
            b.append(b.length() == 0 ? "" : ", ").append("constraint ").append(m.getConstraint());
        }
        return b.length() == 0 ? null : b.toString();
    }

    /** Multi-line text: the message, then DETAIL/HINT/object/CONTEXT/SQLSTATE lines when present. */
    public String render() {
        StringBuilder b = new StringBuilder(message == null ? "(no message)" : message);
        if (detail != null) {
            b.append("\n  DETAIL: ").append(detail);
        }
        if (hint != null) {
            b.append("\n  HINT: ").append(hint);
        }
        if (object != null) {
            b.append("\n  OBJECT: ").append(object);
        }
        if (where != null) {
            b.append("\n  CONTEXT: ").append(where.replace("\n", "\n    "));
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

    /**
     * The session is gone, not the statement wrong: a lost or refused connection (class 08), the
     * backend terminated (57P01 pg_terminate_backend or a fast shutdown, 57P02 a crash of another
     * backend), the server starting up or shutting down (57P03), or an I/O error on the socket.
     * Worth trying again on a new session, for a step that is safe to repeat.
     */
    public boolean connectionLost() {
        if (sqlState != null && (sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02")
                || sqlState.equals("57P03"))) {
            return true;
        }
        return false;
    }

    /** True when any cause in the chain is an I/O error of the socket (pgjdbc reports some without SQLSTATE). */
    public static boolean connectionLost(Throwable t) {
        if (of(t).connectionLost()) {
            return true;
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException && !(c.getClass().getName().startsWith("io.pgbarge"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The object a step creates is there already: on a step that may have committed before its
     * session died (its acknowledgement lost, or the process killed before the journal said so), that
     * means it did.
     */
    public boolean alreadyExists() {
        // 42P07 duplicate_table (an index), 42710 duplicate_object (a constraint, trigger…),
        // 42P16 a second primary key
        return "42P07".equals(sqlState) || "42710".equals(sqlState) || "42P16".equals(sqlState);
    }

    /**
     * {@link #alreadyExists()}, or its form for {@code ADD CONSTRAINT … USING INDEX} run a second time:
     * "index … is already associated with a constraint" (55000).
     */
    public boolean alreadyDone(String sql) {
        return alreadyExists() || ("55000".equals(sqlState) && sql != null && sql.contains(" USING INDEX "));
    }

    /** The statement was cancelled (57014): by pgbarge itself when the run is interrupted. */
    public boolean cancelled() {
        return "57014".equals(sqlState);
    }
}
