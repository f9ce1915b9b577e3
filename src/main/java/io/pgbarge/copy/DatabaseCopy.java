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
import io.pgbarge.journal.JournaledSteps;
import io.pgbarge.journal.ResumableRun;
import io.pgbarge.journal.RunJournal;
import io.pgbarge.plan.Plan;
import io.pgbarge.plan.Planner;
import io.pgbarge.plan.ProviderRoles;
import io.pgbarge.plan.RoleMapping;
import io.pgbarge.plan.Step;
import io.pgbarge.plan.TableSlice;
import io.pgbarge.plan.TargetRoles;
import io.pgbarge.report.RunProgress;
import io.pgbarge.select.SourceRelations;
import io.pgbarge.select.TableFilter;

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
    private RunJournal journal;
    private final ResumableRun stop = new ResumableRun();

    /** What must pass before the copy's first change on the target; it runs while the catalog is read. */
    @FunctionalInterface
    public interface StartGate {
        /** Returns when the copy may go on; throws why it must not. */
        void pass() throws CopyFailedException, InterruptedException;
    }

    private StartGate gate;

    /** @param g waited for once the catalog is read, before anything is done on the target (null: none) */
    public DatabaseCopy gate(StartGate g) {
        this.gate = g;
        return this;
    }

    /** Records finished work in the journal, and skips what an earlier run of the same job finished. */
    public DatabaseCopy journal(RunJournal j) {
        this.journal = j;
        return this;
    }

    /**
     * Stops the copy from another thread (Ctrl-C): the servers are asked to cancel what runs now, no new
     * step starts, and {@link #run} ends with {@link CopyFailedException.Reason#INTERRUPTED}. What finished
     * stays recorded in the journal.
     */
    public void interrupt() {
        stop.interrupt();
    }

    public DatabaseCopy(ConnectionSource source, ConnectionSource target, CopyOptions options, RunProgress progress) {
        this.source = source;
        this.target = target;
        this.options = options;
        this.progress = progress;
    }

    public CopyResult run() throws CopyFailedException, InterruptedException {
        return run(null);
    }

    /** @param afterCopy run after the last step, before the snapshot is released (null: nothing) */
    public CopyResult run(AfterCopy afterCopy) throws CopyFailedException, InterruptedException {
        Instant start = Instant.now();
        progress.phaseStarted("connect");
        try (Connection holderConn = open(source, "pgbarge:snapshot", "source");
             Connection admin = open(target, "pgbarge:schema", "target")) {
            stop.admin(admin);
            ServerInfo targetInfo = ServerInfo.read(admin);
            progress.phaseFinished("connect");

            progress.phaseStarted("snapshot");
            SnapshotHolder holder = SnapshotHolder.open(holderConn);
            progress.phaseFinished("snapshot");

            progress.phaseStarted("catalog");
            String refused = options.selection().conflictWith(options.schemaOnly());
            if (refused != null) {
                throw new CopyFailedException(CopyFailedException.Reason.USAGE, refused, null);
            }
            // -t patterns without a schema find what the source's search_path shows, as in pg_dump
            List<TableFilter.Relation> relations = SourceRelations.read(holderConn);
            try (var st = holderConn.createStatement()) {
                // the server's deparse functions then qualify every name, as pg_dump relies on
                st.execute("SELECT pg_catalog.set_config('search_path', '', false)");
            }
            Catalog catalog;
            try (Connection helper = open(source, "pgbarge:catalog", "source")) {
                holder.join(helper);
                catalog = Catalog.read(holderConn, helper);
            }
            if (options.selection().dataOnly()) {
                if (gate != null) {
                    gate.pass();
                }
                return new DataOnlyLoad(source, target, options, progress, notes).run(holder, catalog, relations, admin, start);
            }
            List<Statement> statements = statements(catalog, targetInfo, TablespacePolicy.read(admin));
            SelectedObjects selected = SelectedObjects.select(options.selection(), catalog, relations, statements,
                    admin, notes);
            statements = selected.statements();
            List<Table> dataTables = selected.dataTables(catalog.tables().tables());
            statements = adaptRoles(statements, options.roleMapping(), notes);
            statements = ExtensionComments.filter(admin, statements, notes);
            io.pgbarge.plan.ExtensionExclusion.Result kept = leaveOutExtensions(admin, statements, catalog);
            statements = kept.statements();
            statements = RoleSettings.filter(admin, statements, notes);
            RoleCreation creation = RoleCreation.plan(admin, statements, options.createRoles());
            TargetRoles roles = creation.roles();
            statements = OwnerSchemaGrants.add(admin, statements, roles, notes);
            List<Table> tables = dataTables.stream()
                    .filter(t -> !kept.keys().contains(io.pgbarge.ddl.Keys.rel(t.oid()))).toList();
            // large objects and extension configuration rows go with the whole database only, as in pg_dump
            List<io.pgbarge.plan.DataTask> tasks = options.selection().filter().includeEverything()
                    ? DataTasks.of(catalog.database(), options.largeObjects()).stream()
                            .filter(t -> !(t.payload() instanceof io.pgbarge.catalog.ExtensionConfigTable x
                                    && kept.leftOut().containsKey(x.extension()))).toList()
                    : List.of();
            if (!options.schemaOnly()) {
                statements = IndexesBeforeRows.apply(statements, catalog.tables().indexes(), tables, holderConn, admin,
                        journal != null && journal.preDataDone(), notes);
            }
            Map<Long, List<TableSlice>> slices = options.schemaOnly() ? Map.of()
                    : TableSlicer.plan(holderConn, catalog.server().major(), tables, options.jobs());
            Plan plan = Planner.build(statements, catalog.dependencies(), tables, tasks,
                    roles, !options.schemaOnly(), options.analyze(), slices, loadInOneStep(slices),
                    createInLoad(admin, tables));
            notes.addAll(plan.notes());
            List<Table> copiedTables = tables.stream().filter(Table::hasData).toList();
            if (!options.schemaOnly()) {
                holder.lockTables(copiedTables);
            }
            progress.phaseFinished("catalog");
            if (gate != null) {
                gate.pass();
            }

            JournaledSteps journaled = journal == null ? null : new JournaledSteps(journal, plan.steps());
            stopIfInterrupted();
            progress.phaseStarted("pre-data");
            if (journal != null && journal.preDataDone()) {
                long done = plan.steps().stream().filter(journaled::done).count();
                notes.add("resumed (run " + journal.run() + " of this job): the schema was created by the interrupted"
                        + " run, and " + done + " of its " + plan.steps().size() + " later steps finished then are not"
                        + " done again");
            } else {
                List<String> drops = conflictsOrDrops(admin, statements);
                notes.addAll(creation.create(admin));
                if (targetInfo.major() < catalog.server().major()) {
                    Rehearsal.run(admin, drops, plan, targetSession(), catalog.server(), targetInfo);
                }
                PreDataRunner.run(admin, drops, plan.preData(), targetSession());
                if (journal != null) {
                    journalWrite(journal::preDataFinished);
                }
            }
            if (journaled != null && journaled.dataDoneEarlier() > 0) {
                int fks = ForeignKeyRecheck.mark(plan.steps(), journaled);
                notes.add("resumed from a NEWER SNAPSHOT of the source: " + journaled.dataDoneEarlier() + " tables (or"
                        + " data tasks) were copied by the interrupted run from its snapshot, which ended with it; the"
                        + " rest come from this run's snapshot. If the source was written to in between, the target"
                        + " mixes two points in time: run pgbarge verify to compare. Foreign keys validated by the"
                        + " interrupted run are dropped, added and validated again (" + fks + ").");
            }
            progress.phaseFinished("pre-data");

            progress.phaseStarted("data and post-data");
            runSteps(plan, holder, journaled);
            progress.phaseFinished("data and post-data");
            if (afterCopy != null) {
                afterCopy.run(holder, catalog);
            }
            holder.close();
            if (journal != null) {
                journalWrite(journal::complete);
            }

            notes.forEach(progress::note);
            List<CopyResult.TableRows> rows = new ArrayList<>(copied.values());
            rows.sort((a, b) -> a.table().compareTo(b.table()));
            return new CopyResult(rows, rows.stream().mapToLong(CopyResult.TableRows::rows).sum(),
                    rows.stream().mapToLong(CopyResult.TableRows::bytes).sum(),
                    plan.preData().size() + plan.steps().size(), List.copyOf(progress.notes()),
                    Duration.between(start, Instant.now()));
        } catch (SQLException e) {
            if (stop.interrupted()) {
                throw interruptedFailure(e);
            }
            if (io.pgbarge.exec.PgError.connectionLost(e)) {
                throw new CopyFailedException(CopyFailedException.Reason.CONNECTION, "a server went away during the copy: "
                        + io.pgbarge.exec.PgError.of(e).render() + resumeHint(), e);
            }
            throw new CopyFailedException("copy failed: " + io.pgbarge.exec.PgError.of(e).render() + resumeHint(), e);
        } catch (CopyFailedException e) {
            if (stop.interrupted() && e.reason() != CopyFailedException.Reason.INTERRUPTED) {
                throw interruptedFailure(e);
            }
            throw e;
        } finally {
            stop.admin(null);
            ResumableRun.close(journal);
        }
    }

    /**
     * Tables below this size (heap + TOAST) are loaded in one step each: rows, indexes, constraints and
     * ANALYZE in one transaction (see {@code plan.TableLoads}). Each step costs about a millisecond of
     * round trip, commit and journal flush; a 4 MB table takes tens of milliseconds to copy and index, so
     * above that the steps saved are lost in the noise, while a larger table's index builds and foreign
     * key validations gain from running on several workers. It stays far below the size from which a
     * table is loaded with COPY FREEZE or in slices, so a one-step table is always emptied with DELETE.
     */
    static final long LOAD_MAX_BYTES = 4L << 20;
    /** Tests set another limit (0: every table in separate steps, as before load steps existed). */
    static final String LOAD_MAX_BYTES_PROPERTY = "pgbarge.loadMaxBytes";

    /**
     * Which tables get one step. On resume the journal decides where it knows: a table whose rows were
     * copied as a step of their own (a large table, or a journal of a pgbarge that had no load steps)
     * keeps that layout, so its finished index and constraint steps are recognized; a table whose load
     * step finished keeps it, even if the table grew past the limit since. A table chosen to be copied
     * in slices is not loaded in one step.
     */
    private java.util.function.Predicate<Table> loadInOneStep(Map<Long, List<TableSlice>> slices) {
        java.util.Set<String> done = journal != null && journal.preDataDone() ? journal.doneSteps() : java.util.Set.of();
        long max = Long.getLong(LOAD_MAX_BYTES_PROPERTY, LOAD_MAX_BYTES);
        return t -> done.contains(io.pgbarge.journal.StepKeys.loadKey(t.qualifiedName()))
                || (!done.contains(io.pgbarge.journal.StepKeys.copyKey(t.qualifiedName()))
                && t.estimatedBytes() < max && slices.getOrDefault(t.oid(), List.of()).size() < 2);
    }

    /**
     * Which small tables their load step may create (see {@code plan.LoadCreates}). A resumed run leaves
     * out the tables that exist on the target: the interrupted run created them in its pre-data (it was
     * a pgbarge that did so) or its load step for them committed.
     */
    private java.util.function.Predicate<Table> createInLoad(Connection admin, List<Table> tables) throws SQLException {
        if (!Boolean.parseBoolean(System.getProperty(CREATE_IN_LOAD_PROPERTY, "true"))) {
            return t -> false;
        }
        if (journal == null || !journal.preDataDone()) {
            return t -> true;
        }
        java.util.Set<Long> existing = TargetTables.find(admin, tables).keySet().stream().map(Table::oid)
                .collect(Collectors.toSet());
        return t -> !existing.contains(t.oid());
    }

    /** Tests set it to false: every table created in pre-data, as before load steps created them. */
    static final String CREATE_IN_LOAD_PROPERTY = "pgbarge.createInLoad";

    /** Extensions the target cannot have: refused, or left out with what needs them, as the user chose. */
    private io.pgbarge.plan.ExtensionExclusion.Result leaveOutExtensions(Connection admin, List<Statement> statements,
                                                                         Catalog catalog)
            throws SQLException, CopyFailedException {
        try {
            return MissingExtensions.apply(admin, statements, catalog.dependencies(), options.extensions(), notes);
        } catch (MissingExtensions.Refused e) {
            throw new CopyFailedException(CopyFailedException.Reason.BLOCKED, e.getMessage(), null);
        }
    }

    private void journalWrite(ResumableRun.JournalWrite w) throws CopyFailedException {
        ResumableRun.write(journal, w, CopyFailedException::new);
    }

    private void stopIfInterrupted() throws CopyFailedException {
        if (stop.interrupted()) {
            throw interruptedFailure(null);
        }
    }

    private CopyFailedException interruptedFailure(Throwable cause) {
        return new CopyFailedException(CopyFailedException.Reason.INTERRUPTED, "interrupted: the running steps were"
                + " cancelled on the servers and rolled back." + resumeHint(), cause);
    }

    /** What to do next after a failure, when there is a journal to resume from. */
    private String resumeHint() {
        if (journal == null) {
            return "";
        }
        return "\nThe run is resumable: what finished is recorded in " + journal.file() + ". Run the same command"
                + " again with --resume to continue (finished tables are not copied again).";
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

    private void runSteps(Plan plan, SnapshotHolder holder, JournaledSteps journaled)
            throws CopyFailedException, InterruptedException {
        List<Step> steps = plan.steps();
        Map<Long, RunProgress.TableState> states = new ConcurrentHashMap<>();
        long toRun = 0;
        for (Step s : steps) {
            if (journaled != null && journaled.done(s)) {
                continue;
            }
            toRun++;
            if (s.kind() == Step.Kind.COPY) {
                Table t = s.table();
                states.put(t.oid(), progress.addTable(t.qualifiedName(), t.estimatedBytes(), t.estimatedRows()));
            }
        }
        progress.addSteps(toRun);
        StepWork work = new StepWork(progress, states, copied, s -> journaled != null && journaled.isRedo(s),
                options.jobs());
        Executor ex = new Executor(options.jobs(),
                i -> new WorkerSessions("worker-" + i, source, holder::join, target, targetSession()),
                work, 3).notes(progress::note);
        work.claimer(ex::claim);
        ex.apart(work::apart);
        if (journaled != null) {
            ex.journal(journaled);
        }
        stop.executor(ex);
        try {
            ex.run(steps);
            stopIfInterrupted();
        } catch (StepFailedException e) {
            if (stop.interrupted()) {
                throw interruptedFailure(e);
            }
            if (e.connectionLost()) {
                throw new CopyFailedException(CopyFailedException.Reason.CONNECTION, "the " + e.server()
                        + " server went away: " + e.render() + "\nIt could not be reached again after "
                        + "several tries." + resumeHint(), e);
            }
            throw new CopyFailedException(e.render() + resumeHint(), e);
        } finally {
            stop.executor(null);
        }
    }

    /** Settings of every target session: quiet, no timeouts, bodies not checked until the objects exist. */
    static io.pgbarge.exec.SessionSetup targetSession() {
        return c -> {
            try (var st = c.createStatement()) {
                st.execute("SET statement_timeout = 0; SET lock_timeout = 0; SET idle_in_transaction_session_timeout = 0;"
                        + " SET client_min_messages = warning; SET check_function_bodies = false;"
                        // on, whatever the server's default: the journal records a step as done after its
                        // COMMIT, and a crash must not take back what --resume then skips
                        + " SET synchronous_commit = on; SET maintenance_work_mem = '256MB';"
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
