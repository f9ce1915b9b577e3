package io.pgbarge.dump;

import io.pgbarge.archive.write.ArchiveWriter;
import io.pgbarge.archive.write.LargeObjectOutput;
import io.pgbarge.report.RunProgress;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams one source {@code COPY … TO STDOUT} (text format) into an archive entry as it arrives, and
 * large objects chunk by chunk: memory stays bounded whatever the sizes.
 */
final class TableDataWriter {
    static final byte[] COPY_END = ArchiveWriter.COPY_END.getBytes(StandardCharsets.US_ASCII);
    private static final int CHUNK = 1 << 20;
    private static final int GROUP = 16;

    private TableDataWriter() {
    }

    /** Rows and bytes written. */
    record Counts(long rows, long bytes) {
    }

    /** A failure reading from the source (as opposed to writing the archive). */
    static final class SourceException extends IOException {
        SourceException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    static Counts copy(Connection source, String copyOut, OutputStream out, RunProgress.TableState progress)
            throws IOException {
        CopyOut op;
        try {
            op = source.unwrap(PGConnection.class).getCopyAPI().copyOut(copyOut);
        } catch (SQLException e) {
            throw new SourceException(e);
        }
        long bytes = 0;
        try {
            byte[] chunk;
            while ((chunk = read(op)) != null) {
                out.write(chunk);
                bytes += chunk.length;
                if (progress != null) {
                    progress.bytes.addAndGet(chunk.length);
                    progress.rows.incrementAndGet(); // one CopyData message per row
                }
            }
            out.write(COPY_END);
            return new Counts(op.getHandledRowCount(), bytes);
        } finally {
            if (op.isActive()) {
                try {
                    op.cancelCopy();
                } catch (SQLException e) {
                    // the session is discarded after a failure
                }
            }
        }
    }

    private static byte[] read(CopyOut op) throws SourceException {
        try {
            return op.readFromCopy();
        } catch (SQLException e) {
            throw new SourceException(e);
        }
    }

    /** Writes the large objects' contents, read with lo_get inside the snapshot; returns the bytes. */
    static long largeObjects(Connection source, List<Long> oids, LargeObjectOutput out) throws IOException {
        long total = 0;
        try (PreparedStatement first = source.prepareStatement("SELECT pg_catalog.lo_get(u.o, 0, " + CHUNK + ")"
                + " FROM pg_catalog.unnest(?::pg_catalog.oid[]) WITH ORDINALITY AS u(o, n) ORDER BY u.n");
             PreparedStatement next = source.prepareStatement(
                     "SELECT pg_catalog.lo_get(?::pg_catalog.oid, ?, " + CHUNK + ")")) {
            for (int i = 0; i < oids.size(); i += GROUP) {
                List<Long> group = oids.subList(i, Math.min(oids.size(), i + GROUP));
                first.setString(1, group.toString().replace('[', '{').replace(']', '}').replace(" ", ""));
                List<byte[]> chunks = new ArrayList<>();
                try (ResultSet rs = first.executeQuery()) {
                    while (rs.next()) {
                        byte[] b = rs.getBytes(1);
                        chunks.add(b == null ? new byte[0] : b);
                    }
                }
                for (int j = 0; j < group.size(); j++) {
                    long oid = group.get(j);
                    byte[] chunk = chunks.set(j, null);
                    try (OutputStream o = out.open(oid)) {
                        o.write(chunk);
                        total += chunk.length;
                        long offset = chunk.length;
                        while (chunk.length == CHUNK) {
                            next.setLong(1, oid);
                            next.setLong(2, offset);
                            try (ResultSet rs = next.executeQuery()) {
                                rs.next();
                                chunk = rs.getBytes(1);
                            }
                            o.write(chunk);
                            total += chunk.length;
                            offset += chunk.length;
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new SourceException(e);
        }
        return total;
    }
}
