package io.pgbarge.copy;

import io.pgbarge.catalog.Catalog;
import io.pgbarge.catalog.ServerInfo;
import io.pgbarge.catalog.Table;
import io.pgbarge.ddl.DdlContext;
import io.pgbarge.ddl.SchemaScript;
import io.pgbarge.ddl.TablespacePolicy;
import io.pgbarge.ddl.Statement;
import io.pgbarge.exec.ConnectionSource;
import io.pgbarge.exec.Executor;
import io.pgbarge.exec.StepFailedException;
import io.pgbarge.exec.WorkerSessions;
import io.pgbarge.plan.Plan;
import io.pgbarge.plan.Planner;
import io.pgbarge.plan.ProviderRoles;
import io.pgbarge.plan.RoleMapping;
import io.pgbarge.plan.Step;
import io.pgbarge.plan.TableSlice;
import io.pgbarge.plan.TargetRoles;
import io.pgbarge.report.RunProgress;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * {@code pgbarge copy}: one snapshot on the source, the catalog read in it, the schema created on the
 * target in one transaction, then tables copied and post-data work done in parallel.
 */
public final class DatabaseCopy {
    private final ConnectionSource source;
    private final ConnectionSource target;
    private final CopyOptions options;
    private final RunProgress progress;
    private final Map<Long, CopyResult.TableRows> copied = new ConcurrentHashMap<>();
    private final List<String> notes = new ArrayList<>();

    public DatabaseCopy(ConnectionSource source, ConnectionSource target, CopyOptions options, RunProgress progress) {
        this.source = source;
        this.target = target;
        this.options = options;
        this.progress = progress;
    }

    public CopyResult run() throws CopyFailedException, InterruptedException {
        Instant start = Instant.now();
        progress.phaseStarted("connect");
        try (Connection holderConn = open(source, "pgbarge:snapshot", "source");
             Connection admin = open(target, "pgbarge:schema", "target")) {
            ServerInfo targetInfo = ServerInfo.read(admin);
            progress.phaseFinished("connect");

            progress.phaseStarted("snapshot");
            SnapshotHolder holder = SnapshotHolder.open(holderConn);
            progress.phaseFinished("snapshot");

            progress.phaseStarted("catalog");
            try (var st = holderConn.createStatement()) {
                // the server's deparse functions then qualify every name, as pg_dump relies on
                st.execute("SELECT pg_catalog.set_config('search_path', '', false)");
            }
            Catalog catalog = Catalog.read(holderConn);
            List<Statement> statements = statements(catalog, targetInfo, TablespacePolicy.read(admin));
            statements = adaptRoles(statements, options.roleMapping(), notes);
            statements = ExtensionComments.filter(admin, statements, notes);
            RoleCreation creation = RoleCreation.plan(admin, statements, options.createRoles());
            TargetRoles roles = creation.roles();
            Map<Long, List<TableSlice>> slices = options.schemaOnly() ? Map.of()
                    : TableSlicer.plan(holderConn, catalog.server().major(), catalog.tables().tables(), options.jobs());
            Plan plan = Planner.build(statements, catalog.dependencies(), catalog.tables().tables(),
                    DataTasks.of(catalog.database(), options.largeObjects()), roles, !options.schemaOnly(),
                    options.analyze(), slices);
            notes.addAll(plan.notes());
            List<Table> copiedTables = catalog.tables().tables().stream().filter(Table::hasData).toList();
            if (!options.schemaOnly()) {
                holder.lockTables(copiedTables);
            }
            progress.phaseFinished("catalog");

            progress.phaseStarted("pre-data");
            List<String> drops = conflictsOrDrops(admin, statements);
            notes.addAll(creation.create(admin));
            if (targetInfo.major() < catalog.server().major()) {
                Rehearsal.run(admin, drops, plan, targetSession(), catalog.server(), targetInfo);
            }
            PreDataRunner.run(admin, drops, plan.preData(), targetSession());
            progress.phaseFinished("pre-data");

            progress.phaseStarted("data and post-data");
            runSteps(plan, holder);
            progress.phaseFinished("data and post-data");
            holder.close();

            notes.forEach(progress::note);
            List<CopyResult.TableRows> rows = new ArrayList<>(copied.values());
            rows.sort((a, b) -> a.table().compareTo(b.table()));
            return new CopyResult(rows, rows.stream().mapToLong(CopyResult.TableRows::rows).sum(),
                    rows.stream().mapToLong(CopyResult.TableRows::bytes).sum(),
                    plan.preData().size() + plan.steps().size(), List.copyOf(progress.notes()),
                    Duration.between(start, Instant.now()));
        } catch (SQLException e) {
            throw new CopyFailedException("copy failed: " + io.pgbarge.exec.PgError.of(e).render(), e);
        }
    }

    private List<Statement> statements(Catalog catalog, ServerInfo targetInfo, TablespacePolicy tablespaces) {
        SchemaScript.Result script = SchemaScript.statements(catalog, new DdlContext(catalog.server(), targetInfo),
                tablespaces);
        notes.addAll(script.notes());
        return script.statements().stream()
                .filter(s -> !(options.noOwner() && s.kind().equals("OWNER")))
                .filter(s -> !(options.noPrivileges() && (s.kind().equals("ACL") || s.kind().equals("DEFAULT ACL"))))
                .filter(s -> options.largeObjects() || !isLargeObject(s))
                .collect(Collectors.toList());
    }

    private static boolean isLargeObject(Statement s) {
        return s.kind().equals("LARGE OBJECT") || s.provides().stream().anyMatch(k -> k.startsWith("pg_largeobject"))
                || s.requires().stream().anyMatch(k -> k.startsWith("pg_largeobject"));
    }

    /**
     * --role-map's renames, then statements naming roles the server or a managed service reserves left
     * out (unless the user mapped a role onto one by name).
     */
    public static List<Statement> adaptRoles(List<Statement> statements, RoleMapping mapping, List<String> notes) {
        List<Statement> mapped = mapping.apply(statements);
        ProviderRoles.Result r = ProviderRoles.filter(mapped, mapping.targets());
        notes.addAll(r.notes());
        return r.statements();
    }

    private List<String> conflictsOrDrops(Connection admin, List<Statement> statements)
            throws SQLException, CopyFailedException {
        List<Statement> conflicts = TargetConflicts.find(admin, statements);
        if (conflicts.isEmpty()) {
            return List.of();
        }
        if (!options.clean()) {
            String names = conflicts.stream().limit(20)
                    .map(s -> "  " + s.creates().objectType().toLowerCase() + " " + s.creates().identity())
                    .collect(Collectors.joining("\n"));
            String more = conflicts.size() > 20 ? "\n  … and " + (conflicts.size() - 20) + " more" : "";
            throw new CopyFailedException(CopyFailedException.Reason.TARGET_NOT_EMPTY, "the target already has " + conflicts.size()
                    + " of the objects this copy would create:\n" + names + more
                    + "\nNothing was changed on the target. Copy into an empty database, or add --clean"
                    + " to drop these objects (and what depends on them) first.", null);
        }
        notes.add("--clean: dropped " + conflicts.size() + " existing objects on the target before creating them");
        return TargetConflicts.dropStatements(conflicts);
    }

    private void runSteps(Plan plan, SnapshotHolder holder) throws CopyFailedException, InterruptedException {
        List<Step> steps = plan.steps();
        Map<Long, RunProgress.TableState> states = new ConcurrentHashMap<>();
        for (Step s : steps) {
            if (s.kind() == Step.Kind.COPY) {
                Table t = s.table();
                states.put(t.oid(), progress.addTable(t.qualifiedName(), t.estimatedBytes(), t.estimatedRows()));
            }
        }
        progress.addSteps(steps.size());
        StepWork work = new StepWork(progress, states, copied);
        Executor executor = new Executor(options.jobs(),
                i -> new WorkerSessions("worker-" + i, source, holder::join, target, targetSession()),
                work, 3);
        try {
            executor.run(steps);
        } catch (StepFailedException e) {
            throw new CopyFailedException(e.render(), e);
        }
    }

    /** Settings of every target session: quiet, no timeouts, bodies not checked until the objects exist. */
    static io.pgbarge.exec.SessionSetup targetSession() {
        return c -> {
            try (var st = c.createStatement()) {
                st.execute("SET statement_timeout = 0; SET lock_timeout = 0; SET idle_in_transaction_session_timeout = 0;"
                        + " SET client_min_messages = warning; SET check_function_bodies = false;"
                        + " SET synchronous_commit = off; SET maintenance_work_mem = '256MB';"
                        // a copied ALTER DATABASE … SET default_transaction_read_only must not stop the load
                        + " SET default_transaction_read_only = off;"
                        + " SELECT pg_catalog.set_config('search_path', '', false)");
            }
        };
    }

    private static Connection open(ConnectionSource cs, String name, String which) throws CopyFailedException {
        try {
            return cs.open(name);
        } catch (SQLException e) {
            throw new CopyFailedException(CopyFailedException.Reason.CONNECTION,
                    "cannot connect to the " + which + ": " + e.getMessage(), e);
        }
    }
}
