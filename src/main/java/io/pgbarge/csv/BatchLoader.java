package io.pgbarge.csv;

import io.pgbarge.exec.PgError;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads batches into the table on one session, inside that session's open transaction, and sets aside
 * the records the server refuses. COPY stops at the first bad row and takes the whole statement with
 * it, so each COPY runs under a savepoint; on a row error the server's CONTEXT ("COPY t, line 7, column
 * qty: …") names the bad record: the records before it are sent again (they went in once, they go in
 * again), the bad one goes to the rejects file, and the load goes on after it. Each record is thus sent
 * at most twice, whatever the number of bad rows. When the error names no line (a constraint checked
 * at the end of the statement), the range is halved until the bad records are alone.
 */
final class BatchLoader {
    private static final Pattern LINE = Pattern.compile(", line (\\d+)(?:, (column [^:]*))?");

    private final Connection session;
    private final Rejects rejects;

    BatchLoader(Connection session, Rejects rejects) {
        this.session = session;
        this.rejects = rejects;
    }

    /** @return rows stored */
    long load(Batch b) throws SQLException, IOException, Rejects.TooMany {
        return load(b, 0, b.count);
    }

    private long load(Batch b, int from, int to) throws SQLException, IOException, Rejects.TooMany {
        long stored = 0;
        while (from < to) {
            SQLException failure;
            try {
                return stored + copy(b, from, to);
            } catch (SQLException e) {
                failure = e;
            }
            ServerErrorMessage m = failure instanceof PSQLException p ? p.getServerErrorMessage() : null;
            Matcher line = m == null || m.getWhere() == null ? null : LINE.matcher(m.getWhere());
            boolean hasLine = line != null && line.find();
            if (!rowError(m, hasLine)) {
                throw failure;
            }
            int bad = hasLine ? record(b, from, to, Long.parseLong(line.group(1))) : -1;
            if (bad < 0) {
                if (to - from == 1) {
                    reject(b, from, m, null);
                    return stored;
                }
                int mid = (from + to) >>> 1;
                return stored + load(b, from, mid) + load(b, mid, to);
            }
            stored += load(b, from, bad);
            boolean lockWait = m.getSQLState().equals("55P03") || m.getSQLState().equals("40P01");
            if (lockWait || to - from == 1 || b.newlinesIn(from, to) == 0) {
                reject(b, bad, m, line.group(2));
            } else {
                // quoted newlines make the server's line count approximate: the record alone says for sure
                stored += load(b, bad, bad + 1);
            }
            from = bad + 1;
        }
        return stored;
    }

    /**
     * The record of [from, to) the server's "line N" points at, or -1. COPY counts a line per record
     * plus one per newline inside quotes, except in the statement's first record (its end-of-line
     * style is not known yet then), and reports the line the failing record ends on.
     */
    private static int record(Batch b, int from, int to, long reported) {
        long end = 0;
        for (int i = from; i < to; i++) {
            end += 1 + (i == from ? 0 : b.newlines[i]);
            if (end == reported) {
                return i;
            }
            if (end > reported) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * Errors about the data of one row: bad input (22), constraints (23), a trigger's RAISE (P0), and a
     * lock wait on a row another session of this load inserted (a duplicate key across two batches
     * loading in parallel waits for the other transaction, which only ends with the whole load).
     */
    private static boolean rowError(ServerErrorMessage m, boolean hasLine) {
        if (m == null || m.getSQLState() == null) {
            return false;
        }
        String s = m.getSQLState();
        return s.startsWith("22") || s.startsWith("23") || s.startsWith("P0")
                || (hasLine && (s.equals("55P03") || s.equals("40P01")));
    }

    private void reject(Batch b, int i, ServerErrorMessage m, String column) throws IOException, Rejects.TooMany {
        String reason = m.getMessage();
        if (m.getSQLState().equals("55P03") || m.getSQLState().equals("40P01")) {
            reason = "waits on a row another session of this load inserted, most likely a duplicate key (" + reason + ")";
        }
        if (column != null) {
            reason += " (" + column + ")";
        }
        if (m.getDetail() != null) {
            reason += ": " + m.getDetail();
        }
        rejects.add(b.source.name(), b.lines[i], reason, b.text(i));
    }

    /** Records [from, to) in one COPY under a savepoint; rolled back to it on failure. */
    private long copy(Batch b, int from, int to) throws SQLException {
        try (Statement st = session.createStatement()) {
            st.execute("SAVEPOINT pgbarge_csv");
            CopyIn in = null;
            try {
                in = session.unwrap(PGConnection.class).getCopyAPI().copyIn(b.source.copySql());
                in.writeToCopy(b.data, b.start(from), b.start(to) - b.start(from));
                long rows = in.endCopy();
                st.execute("RELEASE SAVEPOINT pgbarge_csv");
                return rows;
            } catch (SQLException e) {
                if (in != null && in.isActive()) {
                    try {
                        in.cancelCopy();
                    } catch (SQLException ignored) {
                        // the error that matters is e
                    }
                }
                if (session.isClosed() || PgError.of(e).sqlState() == null
                        || PgError.of(e).sqlState().startsWith("08")) {
                    throw e;
                }
                st.execute("ROLLBACK TO SAVEPOINT pgbarge_csv");
                st.execute("RELEASE SAVEPOINT pgbarge_csv");
                throw e;
            }
        }
    }
}
