package io.pgbarge.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Streams large objects' contents from the source to the target, where they already exist (created
 * empty in pre-data). Memory stays bounded whatever the objects' sizes: at most {@value #GROUP}
 * chunks of {@value #CHUNK} bytes are held at once.
 *
 * <p>Small objects are the common case (a database may hold millions), so the first chunk of
 * {@value #GROUP} objects is read in one query; only objects larger than a chunk take one more round
 * trip per chunk. Each object is truncated before it is written, and the target commits every
 * {@value #OBJECTS_PER_TRANSACTION} objects: a failed batch rolls back whole and can simply run again.
 *
 * <p>The source connection is used as it is (normally inside the exported snapshot, which lo_get
 * reads in); its login needs SELECT on the objects. The target's login needs UPDATE on them.
 */
public final class LargeObjectCopier {
    static final int CHUNK = 1 << 20;
    static final int GROUP = 16;
    static final int OBJECTS_PER_TRANSACTION = 1000;
    private static final int INV_WRITE = 0x20000;

    private LargeObjectCopier() {
    }

    /** Copies the contents of the objects; returns the bytes copied, also reported chunk by chunk. */
    public static long copy(Connection source, Connection target, List<Long> oids, LongConsumer bytesCopied)
            throws SQLException {
        boolean autoCommit = target.getAutoCommit();
        target.setAutoCommit(false);
        long total = 0;
        try (PreparedStatement first = source.prepareStatement("SELECT pg_catalog.lo_get(u.o, 0, " + CHUNK + ")"
                + " FROM pg_catalog.unnest(?::pg_catalog.oid[]) WITH ORDINALITY AS u(o, n) ORDER BY u.n");
             PreparedStatement next = source.prepareStatement("SELECT pg_catalog.lo_get(?::pg_catalog.oid, ?, " + CHUNK + ")");
             PreparedStatement truncate = target.prepareStatement("SELECT pg_catalog.lo_truncate64("
                     + "pg_catalog.lo_open(o, " + INV_WRITE + "), 0) FROM pg_catalog.unnest(?::pg_catalog.oid[]) AS o");
             PreparedStatement put = target.prepareStatement("SELECT pg_catalog.lo_put(?::pg_catalog.oid, ?, ?)")) {
            int inTransaction = 0;
            for (int i = 0; i < oids.size(); i += GROUP) {
                List<Long> group = oids.subList(i, Math.min(oids.size(), i + GROUP));
                String array = oidArray(group);
                truncate.setString(1, array);
                truncate.executeQuery().close();
                List<byte[]> firstChunks = firstChunks(first, array);
                for (int j = 0; j < group.size(); j++) {
                    long oid = group.get(j);
                    byte[] chunk = firstChunks.set(j, null); // let it go once written
                    total += write(put, oid, 0, chunk, bytesCopied);
                    long offset = chunk.length;
                    while (chunk.length == CHUNK) {
                        chunk = chunk(next, oid, offset);
                        total += write(put, oid, offset, chunk, bytesCopied);
                        offset += chunk.length;
                    }
                }
                inTransaction += group.size();
                if (inTransaction >= OBJECTS_PER_TRANSACTION) {
                    target.commit();
                    inTransaction = 0;
                }
            }
            target.commit();
            return total;
        } catch (SQLException | RuntimeException e) {
            try {
                target.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            target.setAutoCommit(autoCommit);
        }
    }

    private static List<byte[]> firstChunks(PreparedStatement first, String array) throws SQLException {
        first.setString(1, array);
        List<byte[]> out = new ArrayList<>();
        try (ResultSet rs = first.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getBytes(1));
            }
        }
        return out;
    }

    private static byte[] chunk(PreparedStatement next, long oid, long offset) throws SQLException {
        next.setLong(1, oid);
        next.setLong(2, offset);
        try (ResultSet rs = next.executeQuery()) {
            rs.next();
            return rs.getBytes(1);
        }
    }

    private static long write(PreparedStatement put, long oid, long offset, byte[] chunk, LongConsumer bytesCopied)
            throws SQLException {
        if (chunk.length == 0) {
            return 0;
        }
        put.setLong(1, oid);
        put.setLong(2, offset);
        put.setBytes(3, chunk);
        put.executeQuery().close();
        bytesCopied.accept(chunk.length);
        return chunk.length;
    }

    private static String oidArray(List<Long> oids) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < oids.size(); i++) {
            b.append(i == 0 ? "" : ",").append(oids.get(i));
        }
        return b.append('}').toString();
    }
}
