package io.pgbarge.copy;

import io.pgbarge.report.RunProgress;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Streams one COPY … TO STDOUT on a source session into one COPY … FROM STDIN on a target session,
 * chunk by chunk, without looking at the rows. Transactions are the caller's.
 */
public final class CopyPump {
    private CopyPump() {
    }

    /** Rows sent by the source and rows stored by the target (they must agree). */
    public record Counts(long sourceRows, long targetRows, long bytes) {
    }

    /** Which server an error came from, so that the operator is told where to look. */
    public static final class SideException extends io.pgbarge.exec.ServerSideException {
        public final String side;

        SideException(String side, SQLException cause) {
            super(side, cause);
            this.side = side;
        }
    }

    public static Counts pump(Connection source, String copyOut, Connection target, String copyIn,
                              RunProgress.TableState progress) throws SQLException {
        CopyOut out;
        try {
            out = source.unwrap(PGConnection.class).getCopyAPI().copyOut(copyOut);
        } catch (SQLException e) {
            throw new SideException("source", e);
        }
        CopyIn in = null;
        long bytes = 0;
        try {
            in = target.unwrap(PGConnection.class).getCopyAPI().copyIn(copyIn);
            byte[] chunk;
            while ((chunk = read(out)) != null) {
                in.writeToCopy(chunk, 0, chunk.length);
                bytes += chunk.length;
                if (progress != null) {
                    // the server sends one CopyData message per row: a live row count for free
                    progress.bytes.addAndGet(chunk.length);
                    progress.rows.incrementAndGet();
                }
            }
            long stored = in.endCopy();
            return new Counts(out.getHandledRowCount(), stored, bytes);
        } finally {
            if (out.isActive()) {
                out.cancelCopy();
            }
            if (in != null && in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private static byte[] read(CopyOut out) throws SideException {
        try {
            return out.readFromCopy();
        } catch (SQLException e) {
            throw new SideException("source", e);
        }
    }
}
