package io.pgbarge.verify;

import io.pgbarge.catalog.Catalog;
import io.pgbarge.copy.SnapshotHolder;
import io.pgbarge.ddl.DdlContext;
import io.pgbarge.ddl.TablespacePolicy;
import io.pgbarge.exec.ConnectionSource;
import io.pgbarge.exec.PgError;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code pgbarge verify}: proves a target equal to its source, or lists every difference.
 *
 * <p>One snapshot is exported on each server and held for the whole run: the catalogs are read in
 * them and every worker session joins them, so both sides are compared each as of one instant even
 * while other sessions write. Then the schemas are compared ({@link SchemaVerifier}), every relation's
 * rows ({@link DataVerifier}, N at a time) and every sequence's value.
 *
 * <pre>
 * VerifyReport r = new DatabaseVerify(src, tgt, VerifyOptions.defaults(), VerifyProgress.NONE).run();
 * if (!r.equal()) r.differences().forEach(System.out::println);
 * </pre>
 */
public final class DatabaseVerify {
    private final ConnectionSource source;
    private final ConnectionSource target;
    private final VerifyOptions options;
    private final VerifyProgress progress;

    public DatabaseVerify(ConnectionSource source, ConnectionSource target, VerifyOptions options,
                          VerifyProgress progress) {
        this.source = source;
        this.target = target;
        this.options = options;
        this.progress = progress == null ? VerifyProgress.NONE : progress;
    }

    public VerifyReport run() throws VerifyFailedException, InterruptedException {
        return compare(null, null);
    }

    /**
     * Verifies with the source side read in a snapshot someone else holds — the copy's own, for
     * {@code copy --verify} — so that rows written to the source after it are not differences.
     * Sequence values are taken from {@code copied}, the catalog the copy read and set them from:
     * a sequence is not transactional, so reading it again would show later values.
     *
     * @param snapshot the open source snapshot; not closed here (its holder session is used and its
     *                 settings changed for verifying)
     */
    public VerifyReport runInSnapshot(SnapshotHolder snapshot, Catalog copied)
            throws VerifyFailedException, InterruptedException {
        return compare(snapshot, copied);
    }

    private VerifyReport compare(SnapshotHolder heldSource, Catalog copied)
            throws VerifyFailedException, InterruptedException {
        Instant start = Instant.now();
        Connection sourceConn = heldSource != null ? heldSource.connection() : open(source, "source");
        Connection targetConn;
        try {
            targetConn = open(target, "target");
        } catch (VerifyFailedException e) {
            if (heldSource == null) {
                DataVerifier.close(sourceConn);
            }
            throw e;
        }
        String side = "source";
        SnapshotHolder sourceSnap = heldSource;
        SnapshotHolder targetSnap = null;
        try {
            if (sourceSnap == null) {
                sourceSnap = SnapshotHolder.open(sourceConn);
            }
            side = "target";
            // the target is held in a snapshot too: a target still being written to is then compared
            // as of one instant, like the source
            targetSnap = SnapshotHolder.open(targetConn);
            side = "source";
            progress.phase("snapshot");
            VerifySession.apply(sourceConn);
            side = "target";
            VerifySession.apply(targetConn);

            progress.phase("catalog");
            side = "source";
            // read again even in the copy's snapshot: under the verify settings, as the target's is
            Catalog sourceCatalog = Catalog.read(sourceConn);
            side = "target";
            Catalog targetCatalog = options.schema() ? Catalog.read(targetConn) : null;
            List<String> notes = new ArrayList<>();

            List<SchemaDifference> schemaDiffs = List.of();
            int compared = 0;
            if (options.schema()) {
                progress.phase("schema");
                Set<String> roles = roles(targetConn);
                SchemaVerifier.Result r = SchemaVerifier.compare(sourceCatalog, targetCatalog,
                        new DdlContext(sourceCatalog.server(), targetCatalog.server()),
                        TablespacePolicy.read(targetConn), roles::contains);
                schemaDiffs = r.differences();
                compared = r.compared();
                notes.addAll(r.notes());
            }

            List<TableResult> tables = List.of();
            List<SequenceResult> sequences = List.of();
            if (options.data()) {
                progress.phase("data");
                DataVerifier data = new DataVerifier(source, sourceSnap::join, target, targetSnap::join,
                        options.jobs(), progress);
                tables = data.verifyTables(VerifiedRelation.of(sourceCatalog));
                progress.phase("sequences");
                side = "target";
                sequences = DataVerifier.verifySequences(
                        DataVerifier.sequences(copied != null ? copied : sourceCatalog), targetConn);
            }
            return new VerifyReport(sourceCatalog.server(),
                    targetCatalog != null ? targetCatalog.server() : io.pgbarge.catalog.ServerInfo.read(targetConn),
                    options.schema(), options.data(), tables, sequences, schemaDiffs, compared, notes,
                    Duration.between(start, Instant.now()));
        } catch (SQLException e) {
            throw new VerifyFailedException(VerifyFailedException.Reason.RUN_FAILED,
                    "verify failed on the " + side + ": " + PgError.of(e).render(), e);
        } finally {
            if (heldSource == null) {
                if (sourceSnap != null) {
                    sourceSnap.close();
                } else {
                    DataVerifier.close(sourceConn);
                }
            }
            if (targetSnap != null) {
                targetSnap.close();
            } else {
                DataVerifier.close(targetConn);
            }
        }
    }

    private static Set<String> roles(Connection c) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT rolname FROM pg_catalog.pg_roles")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static Connection open(ConnectionSource cs, String which) throws VerifyFailedException {
        try {
            return cs.open("pgbarge:verify:" + which);
        } catch (SQLException e) {
            throw new VerifyFailedException(VerifyFailedException.Reason.CONNECTION,
                    "cannot connect to the " + which + ": " + e.getMessage(), e);
        }
    }
}
