package io.pgbarge.restore;

import io.pgbarge.archive.Archive;
import io.pgbarge.archive.LargeObject;
import io.pgbarge.archive.LargeObjectReader;
import org.postgresql.PGConnection;
import org.postgresql.largeobject.LargeObjectManager;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.LongConsumer;

/**
 * Writes the contents of a BLOBS entry's large objects on the target, where they exist already (the
 * BLOB / BLOB METADATA entries created them). Each object is truncated, then written in chunks of
 * {@value #CHUNK} bytes: memory stays bounded, and a retry starts clean.
 */
final class LargeObjectWriter {
    static final int CHUNK = 1 << 20;
    static final int OBJECTS_PER_TRANSACTION = 1000;

    private LargeObjectWriter() {
    }

    /** @return the number of objects written */
    static long write(Connection c, Archive archive, LargeObjectLoad load, boolean ownTransaction, LongConsumer bytes)
            throws SQLException, IOException {
        boolean autoCommit = c.getAutoCommit();
        if (ownTransaction) {
            c.setAutoCommit(false); // large-object descriptors live as long as a transaction
        }
        long objects = 0;
        try (LargeObjectReader reader = archive.openLargeObjects(load.entry())) {
            LargeObjectManager lom = c.unwrap(PGConnection.class).getLargeObjectAPI();
            byte[] buf = new byte[CHUNK];
            int inTransaction = 0;
            for (LargeObject lo; (lo = reader.next()) != null; ) {
                org.postgresql.largeobject.LargeObject target = lom.open(lo.oid(), LargeObjectManager.WRITE);
                try {
                    target.truncate(0);
                    InputStream in = lo.data();
                    int n;
                    while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                        target.write(buf, 0, n);
                        bytes.accept(n);
                    }
                } finally {
                    target.close();
                }
                objects++;
                if (ownTransaction && ++inTransaction >= OBJECTS_PER_TRANSACTION) {
                    c.commit();
                    inTransaction = 0;
                }
            }
            if (ownTransaction) {
                c.commit();
            }
            return objects;
        } catch (SQLException | IOException | RuntimeException e) {
            if (ownTransaction) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        } finally {
            if (ownTransaction) {
                try {
                    c.setAutoCommit(autoCommit);
                } catch (SQLException ignored) {
                    // the session is dropped after a failure
                }
            }
        }
    }
}
