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
    /** Rows are gathered into target messages of up to this size; memory per running copy. */
    static final int BUFFER_BYTES = 256 * 1024;
    /**
     * One buffer per worker thread, reused by its copies: a new one per copy made a quarter of a
     * megabyte of garbage per table (hundreds of MB of heap growth for thousands of small tables).
     */
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[BUFFER_BYTES]);

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
        return pump(source, copyOut, target, copyIn, progress, null);
    }

    /** Target work that must come before its COPY. */
    @FunctionalInterface
    public interface TargetFirst {
        void run() throws SQLException;
    }

    /**
     * @param first run on the target once the source has begun to send (null: nothing): the source
     *              reads the table while the target empties or creates it, instead of one waiting for
     *              the other
     */
    public static Counts pump(Connection source, String copyOut, Connection target, String copyIn,
                              RunProgress.TableState progress, TargetFirst first) throws SQLException {
        CopyOut out;
        try {
            out = source.unwrap(PGConnection.class).getCopyAPI().copyOut(copyOut);
        } catch (SQLException e) {
            throw new SideException("source", e);
        }
        CopyIn in = null;
        long bytes = 0;
        try {
            if (first != null) {
                first.run();
            }
            in = target.unwrap(PGConnection.class).getCopyAPI().copyIn(copyIn);
            // The source sends one CopyData message per row; the target gets them gathered into large
            // messages (fewer messages to frame and parse, fewer socket writes). Progress is updated
            // per flush, not per row.
            byte[] buffer = BUFFERS.get();
            int used = 0;
            long pendingRows = 0;
            byte[] chunk;
            CopyDataReader rows = CopyDataReader.of(source);
            while (true) {
                // rows straight into the buffer while they come; a row may straddle two target messages,
                // COPY FROM does not need them to follow row boundaries
                while (rows != null && rowNext(rows)) {
                    int left = beginRow(rows);
                    pendingRows++;
                    bytes += left;
                    while (left > 0) {
                        if (used == buffer.length) {
                            in.writeToCopy(buffer, 0, used);
                            report(progress, used, pendingRows);
                            used = 0;
                            pendingRows = 0;
                        }
                        int n = Math.min(left, buffer.length - used);
                        read(rows, buffer, used, n);
                        used += n;
                        left -= n;
                    }
                }
                // anything else, through pgjdbc: the end (null), or a row after a notice
                if ((chunk = read(out)) == null) {
                    break;
                }
                if (used + chunk.length > buffer.length) {
                    in.writeToCopy(buffer, 0, used);
                    report(progress, used, pendingRows);
                    used = 0;
                    pendingRows = 0;
                }
                if (chunk.length >= buffer.length) {
                    in.writeToCopy(chunk, 0, chunk.length);
                    report(progress, chunk.length, 1);
                } else {
                    System.arraycopy(chunk, 0, buffer, used, chunk.length);
                    used += chunk.length;
                    pendingRows++;
                }
                bytes += chunk.length;
            }
            if (used > 0) {
                in.writeToCopy(buffer, 0, used);
                report(progress, used, pendingRows);
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

    private static void report(RunProgress.TableState progress, long bytes, long rows) {
        if (progress != null) {
            progress.bytes.addAndGet(bytes);
            progress.rows.addAndGet(rows);
        }
    }

    private static boolean rowNext(CopyDataReader rows) throws SideException {
        try {
            return rows.rowNext();
        } catch (SQLException e) {
            throw new SideException("source", e);
        }
    }

    private static int beginRow(CopyDataReader rows) throws SideException {
        try {
            return rows.beginRow();
        } catch (SQLException e) {
            throw new SideException("source", e);
        }
    }

    private static void read(CopyDataReader rows, byte[] into, int offset, int length) throws SideException {
        try {
            rows.read(into, offset, length);
        } catch (SQLException e) {
            throw new SideException("source", e);
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
