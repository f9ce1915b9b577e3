package io.pgbarge.restore;

import io.pgbarge.archive.Archive;
import io.pgbarge.archive.RestoreList;
import io.pgbarge.archive.TocEntry;
import io.pgbarge.verify.ArchiveRows;
import io.pgbarge.catalog.ServerInfo;
import io.pgbarge.copy.DatabaseCopy;
import io.pgbarge.copy.ExtensionComments;
import io.pgbarge.copy.RoleCreation;
import io.pgbarge.copy.TargetConflicts;
import io.pgbarge.ddl.Statement;
import io.pgbarge.exec.ConnectionSource;
import io.pgbarge.exec.Executor;
import io.pgbarge.exec.PgError;
import io.pgbarge.exec.SessionSetup;
import io.pgbarge.exec.StepFailedException;
import io.pgbarge.exec.WorkerSessions;
import io.pgbarge.journal.JournaledSteps;
import io.pgbarge.journal.ResumableRun;
import io.pgbarge.journal.RunJournal;
import io.pgbarge.plan.DataTask;
import io.pgbarge.plan.Plan;
import io.pgbarge.plan.Planner;
import io.pgbarge.plan.ProviderRoles;
import io.pgbarge.plan.Step;
import io.pgbarge.report.RunProgress;

import java.io.IOException;
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
 * {@code pgbarge restore} of a pg_dump archive: the selected entries become a plan; the pre-data
 * (after --clean's drops) runs in ONE target transaction, so that a failure leaves the target as it
 * was; then the data (each table in its own transaction) and post-data run on N sessions, indexes and
 * constraints of a table as soon as its rows have landed. With --single-transaction everything runs in
 * one transaction on one session.
 */
public final class DatabaseRestore {
    private final ConnectionSource target;
    private final RestoreOptions options;
    private final RunProgress progress;
    private final Map<String, Long> rows = new ConcurrentHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private ArchiveRows verify;
    private RunJournal journal;
    private final ResumableRun stop = new ResumableRun();

    /**
     * Records finished work in the journal, and skips what an earlier run of the same job finished (not
     * with --single-transaction, which leaves nothing behind to resume).
     */
    public DatabaseRestore journal(RunJournal j) {
        this.journal = j;
        return this;
    }

    /**
     * Stops the restore from another thread (Ctrl-C): the target is asked to cancel what runs now, no
     * new step starts, and {@link #run} ends with {@link RestoreFailedException.Reason#INTERRUPTED}.
     */
    public void interrupt() {
        stop.interrupt();
    }

    public DatabaseRestore(ConnectionSource target, RestoreOptions options, RunProgress progress) {
        this.target = target;
        this.options = options;
        this.progress = progress;
    }

    /**
     * restore --verify: every table's lines are counted and hashed as they stream from the archive, and
     * the SEQUENCE SET values noted, into {@code rows}; compare them with the target afterwards
     * ({@link io.pgbarge.verify.ArchiveVerify}).
     */
    public DatabaseRestore verifyInto(ArchiveRows rows) {
        this.verify = rows;
        return this;
    }

    public RestoreResult run(Archive archive) throws RestoreFailedException, InterruptedException {
        String problem = options.problem();
        if (problem != null) {
            throw new RestoreFailedException(RestoreFailedException.Reason.USAGE, problem, null);
        }
        Instant start = Instant.now();
        progress.phaseStarted("connect");
        if (options.singleTransaction()) {
            journal = null;
        }
        try (Connection admin = open()) {
            stop.admin(admin);
            ServerInfo info = ServerInfo.read(admin);
            progress.phaseFinished("connect");

            progress.phaseStarted("plan");
            List<SelectedEntry> selected = EntrySelection.select(archive, options, list(archive));
            ArchivePlan archivePlan = ArchivePlan.build(archive, selected, options);
            notes.addAll(archivePlan.notes());
            if (!"UTF8".equalsIgnoreCase(String.valueOf(archive.encoding())) && archive.encoding() != null) {
                notes.add("the archive's data is in " + archive.encoding() + ": converted to the target's "
                        + info.encoding() + " as it is loaded");
            }
            List<Statement> statements = DatabaseCopy.adaptRoles(splitProviderAcls(archivePlan.statements()),
                    options.roleMapping(), notes);
            statements = ExtensionComments.filter(admin, statements, notes);
            statements = SuperuserOnlyEntries.filter(admin, statements, notes);
            statements = ArchiveTablespaces.adapt(admin, archive, statements, notes);
            io.pgbarge.plan.ExtensionExclusion.Result kept = leaveOutExtensions(admin, statements);
            statements = kept.statements();
            RoleCreation creation = RoleCreation.plan(admin, statements, options.createRoles());
            statements = io.pgbarge.copy.OwnerSchemaGrants.add(admin, statements, creation.roles(), notes,
                    new ArchiveSchemaNaming(archive));
            List<DataTask> tasks = resumedLoads(admin, withoutLeftOut(archivePlan.tasks(), kept.keys()));
            Plan plan = Planner.build(statements, List.of(), List.of(), tasks, creation.roles(), true);
            notes.addAll(plan.notes());
            progress.phaseFinished("plan");

            JournaledSteps journaled = journal == null ? null : new JournaledSteps(journal, plan.steps());
            boolean schemaDone = journal != null && journal.preDataDone();
            if (!schemaDone && !options.clean() && !options.dataOnly()) {
                refuseConflicts(admin, statements);
            }
            if (!schemaDone) {
                notes.addAll(creation.create(admin));
            }
            SessionSetup setup = RestoreSession.of(archivePlan.settings());
            Map<Integer, RunProgress.TableState> states = tableStates(archivePlan.tasks(), plan.steps(), journaled);
            progress.addSteps(plan.steps().stream().filter(st -> journaled == null || !journaled.done(st)).count());
            RestoreStepWork work = new RestoreStepWork(archive, progress, states, rows, !options.singleTransaction(),
                    verify).jobs(options.jobs());
            if (verify != null) {
                expectations(archive, selected);
            }
            stopIfInterrupted();
            if (options.singleTransaction()) {
                singleTransaction(admin, setup, archivePlan.drops(), plan, work);
            } else {
                progress.phaseStarted("pre-data");
                if (schemaDone) {
                    long done = plan.steps().stream().filter(journaled::done).count();
                    notes.add("resumed (run " + journal.run() + " of this job): the schema was created by the"
                            + " interrupted run, and " + done + " of its " + plan.steps().size() + " later steps"
                            + " finished then are not done again");
                } else {
                    preData(admin, setup, archivePlan.drops(), plan.preData());
                    if (journal != null) {
                        journalWrite(journal::preDataFinished);
                    }
                }
                progress.phaseFinished("pre-data");
                progress.phaseStarted("data and post-data");
                steps(plan.steps(), setup, work, journaled);
                progress.phaseFinished("data and post-data");
            }
            if (journal != null) {
                journalWrite(journal::complete);
            }
            if (options.clean()) {
                notes.add("--clean: ran " + archivePlan.drops().size() + " DROP … IF EXISTS statements first");
            }
            notes.forEach(progress::note);
            return new RestoreResult(rows, plan.preData().size() + plan.steps().size(), notes,
                    Duration.between(start, Instant.now()));
        } catch (SQLException e) {
            if (stop.interrupted()) {
                throw interruptedFailure(e);
            }
            if (PgError.connectionLost(e)) {
                throw new RestoreFailedException(RestoreFailedException.Reason.CONNECTION, "the target server went"
                        + " away during the restore: " + PgError.of(e).render() + resumeHint(), e);
            }
            throw new RestoreFailedException("restore failed: " + PgError.of(e).render() + resumeHint(), e);
        } catch (RestoreFailedException e) {
            if (stop.interrupted() && e.reason() != RestoreFailedException.Reason.INTERRUPTED) {
                throw interruptedFailure(e);
            }
            throw e;
        } finally {
            stop.admin(null);
            ResumableRun.close(journal);
        }
    }

    /** Extensions the target cannot have: refused, or left out with what needs them, as the user chose. */
    private io.pgbarge.plan.ExtensionExclusion.Result leaveOutExtensions(Connection admin, List<Statement> statements)
            throws SQLException, RestoreFailedException {
        if (options.dataOnly()) {
            return io.pgbarge.plan.ExtensionExclusion.apply(statements, List.of(), List.of());
        }
        try {
            return io.pgbarge.copy.MissingExtensions.apply(admin, statements, List.of(), options.extensions(), notes);
        } catch (io.pgbarge.copy.MissingExtensions.Refused e) {
            throw new RestoreFailedException(RestoreFailedException.Reason.BLOCKED, e.getMessage(), null);
        }
    }

    /**
     * On resume, the journal decides how a table is loaded where it knows: one whose rows were loaded as
     * a step of their own (by a pgbarge that had no load steps) keeps that layout, so that its finished
     * index and constraint steps are recognized; and a load step does not create a table that is on the
     * target already (the interrupted run created it in its pre-data).
     */
    private List<DataTask> resumedLoads(Connection admin, List<DataTask> tasks) throws SQLException {
        if (journal == null || !journal.preDataDone()) {
            return tasks;
        }
        java.util.Set<String> done = journal.doneSteps();
        List<String> names = tasks.stream().filter(t -> t.load() != null && t.load().creator() != null)
                .map(t -> TableDataLoader.relation((TableDataLoad) t.payload())).toList();
        java.util.Set<String> existing = new java.util.HashSet<>();
        if (!names.isEmpty()) {
            try (var ps = admin.prepareStatement("SELECT n FROM pg_catalog.unnest(?::text[]) n"
                    + " WHERE pg_catalog.to_regclass(n) IS NOT NULL")) {
                ps.setArray(1, admin.createArrayOf("text", names.toArray()));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        existing.add(rs.getString(1));
                    }
                }
            }
        }
        List<DataTask> out = new ArrayList<>(tasks.size());
        for (DataTask t : tasks) {
            if (t.load() == null) {
                out.add(t);
            } else if (done.contains(io.pgbarge.journal.StepKeys.taskKey(t.description()))) {
                out.add(t.withLoad(null));
            } else if (t.load().creator() != null
                    && existing.contains(TableDataLoader.relation((TableDataLoad) t.payload()))) {
                out.add(t.withLoad(new DataTask.Load(null)));
            } else {
                out.add(t);
            }
        }
        return out;
    }

    /** The data loads without those of tables left out (their TABLE DATA entries depend on them). */
    private static List<DataTask> withoutLeftOut(List<DataTask> tasks, java.util.Set<String> leftOut) {
        if (leftOut.isEmpty()) {
            return tasks;
        }
        java.util.function.Predicate<Object> keep = load -> !(load instanceof TableDataLoad d)
                || d.entry().dependencies().stream().noneMatch(id -> leftOut.contains(ArchivePlan.key(id)));
        List<DataTask> out = new ArrayList<>();
        for (DataTask t : tasks) {
            if (t.payload() instanceof SequentialLoad s) {
                out.add(new DataTask(t.description(), t.provides(), t.estimatedBytes(),
                        new SequentialLoad(s.loads().stream().filter(keep).toList())));
            } else if (keep.test(t.payload())) {
                out.add(t);
            }
        }
        return out;
    }

    /** What --verify compares besides table rows: sequence values, and data it cannot compare. */
    private void expectations(Archive archive, List<SelectedEntry> selected) {
        int major = ArchiveRows.major(archive.header().serverVersion());
        if (major >= 0 && major < 12) {
            verify.floatsInexact();
        }
        for (SelectedEntry s : selected) {
            TocEntry e = s.entry();
            if (s.data() && e.desc().equals("SEQUENCE SET")) {
                verify.addSequence(e.defn());
            } else if (s.data() && e.isTableData() && e.hadDumper()
                    && !(e.copyStmt() == null ? "" : Definitions.trim(e.copyStmt())).regionMatches(true, 0, "COPY ", 0, 5)) {
                verify.note("data of " + (e.namespace() == null ? "" : e.namespace() + ".") + e.tag()
                        + " is INSERT statements in the archive (pg_dump --inserts): not compared");
            }
        }
    }

    private void journalWrite(ResumableRun.JournalWrite w) throws RestoreFailedException {
        ResumableRun.write(journal, w, RestoreFailedException::new);
    }

    private void stopIfInterrupted() throws RestoreFailedException {
        if (stop.interrupted()) {
            throw interruptedFailure(null);
        }
    }

    private RestoreFailedException interruptedFailure(Throwable cause) {
        return new RestoreFailedException(RestoreFailedException.Reason.INTERRUPTED, "interrupted: the running steps"
                + " were cancelled on the target and rolled back." + resumeHint(), cause);
    }

    /** What to do next after a failure, when there is a journal to resume from. */
    private String resumeHint() {
        if (journal == null) {
            return "";
        }
        return "\nThe restore is resumable: what finished is recorded in " + journal.file() + ". Run the same"
                + " command again with --resume to continue (finished tables are not loaded again).";
    }

    private RestoreList list(Archive archive) throws RestoreFailedException {
        if (options.listFile() == null) {
            return null;
        }
        try {
            RestoreList list = RestoreList.parse(options.listFile());
            list.warningsFor(archive).forEach(notes::add);
            list.select(archive); // an ID naming no entry is an error before anything is done
            return list;
        } catch (IOException e) {
            throw new RestoreFailedException(RestoreFailedException.Reason.USAGE,
                    "cannot read the list file " + options.listFile() + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new RestoreFailedException(RestoreFailedException.Reason.USAGE, e.getMessage(), e);
        }
    }

    private Map<Integer, RunProgress.TableState> tableStates(List<DataTask> tasks, List<Step> steps,
                                                            JournaledSteps journaled) {
        java.util.Set<DataTask> finished = new java.util.HashSet<>();
        for (Step s : steps) {
            if (s.task() != null && journaled != null && journaled.done(s)) {
                finished.add(s.task());
            }
        }
        Map<Integer, RunProgress.TableState> states = new ConcurrentHashMap<>();
        for (DataTask t : tasks) {
            if (finished.contains(t)) {
                continue;
            }
            List<Object> loads = t.payload() instanceof SequentialLoad s ? s.loads() : List.of(t.payload());
            for (Object load : loads) {
                if (load instanceof TableDataLoad d) {
                    states.put(d.entry().dumpId(), progress.addTable(d.table(),
                            loads.size() == 1 ? t.estimatedBytes() : 0, 0));
                }
            }
        }
        return states;
    }

    private void refuseConflicts(Connection admin, List<Statement> statements)
            throws SQLException, RestoreFailedException {
        List<Statement> conflicts = TargetConflicts.find(admin, statements);
        if (conflicts.isEmpty()) {
            return;
        }
        String names = conflicts.stream().limit(20)
                .map(s -> "  " + s.creates().objectType().toLowerCase() + " " + s.creates().identity())
                .collect(Collectors.joining("\n"));
        String more = conflicts.size() > 20 ? "\n  … and " + (conflicts.size() - 20) + " more" : "";
        throw new RestoreFailedException(RestoreFailedException.Reason.TARGET_NOT_EMPTY, "the target already has "
                + conflicts.size() + " of the objects this restore would create:\n" + names + more
                + "\nNothing was changed on the target. Restore into an empty database, or add -c/--clean"
                + " to drop these objects first.", null);
    }

    private void preData(Connection admin, SessionSetup setup, List<String> drops, List<Statement> preData)
            throws SQLException, RestoreFailedException {
        setup.prepare(admin);
        admin.setAutoCommit(false);
        try {
            PreDataRun.run(admin, drops, preData);
            admin.commit();
        } catch (StepFailedException e) {
            rollback(admin);
            throw new RestoreFailedException(e.render() + "\nThe schema was created in one transaction,"
                    + " which was rolled back: nothing was changed on the target.", e);
        } finally {
            admin.setAutoCommit(true);
        }
    }

    private void singleTransaction(Connection admin, SessionSetup setup, List<String> drops, Plan plan,
                                   RestoreStepWork work) throws SQLException, RestoreFailedException {
        setup.prepare(admin);
        admin.setAutoCommit(false);
        progress.phaseStarted("single transaction");
        try {
            PreDataRun.run(admin, drops, plan.preData());
            for (Step s : plan.steps()) {
                work.run(s, admin);
            }
            admin.commit();
        } catch (StepFailedException e) {
            rollback(admin);
            throw new RestoreFailedException(e.server().equals("archive") ? RestoreFailedException.Reason.BAD_INPUT
                    : RestoreFailedException.Reason.RUN_FAILED, e.render()
                    + "\n--single-transaction: the transaction was rolled back: nothing was changed on the target.", e);
        } finally {
            admin.setAutoCommit(true);
        }
        progress.phaseFinished("single transaction");
    }

    private void steps(List<Step> steps, SessionSetup setup, RestoreStepWork work, JournaledSteps journaled)
            throws RestoreFailedException, InterruptedException {
        ConnectionSource noSource = name -> {
            throw new SQLException("a restore reads no source database");
        };
        Executor ex = new Executor(options.jobs(),
                i -> new WorkerSessions("restore-" + i, noSource, SessionSetup.NONE, target, setup), work, 3)
                .notes(progress::note).apart(work::apart);
        work.claimer(ex::claim);
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
                throw new RestoreFailedException(RestoreFailedException.Reason.CONNECTION, "the target server went"
                        + " away: " + e.render() + "\nIt could not be reached again after several tries."
                        + resumeHint(), e);
            }
            String after = e.server().equals("archive")
                    ? "\nThat table's transaction was rolled back: it holds none of the archive's rows."
                    + " What was restored before stays on the target."
                    : "\nWhat was restored before this step stays on the target.";
            throw new RestoreFailedException(e.server().equals("archive") ? RestoreFailedException.Reason.BAD_INPUT
                    : RestoreFailedException.Reason.RUN_FAILED, e.render() + after + resumeHint(), e);
        } finally {
            stop.executor(null);
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is closed next
        }
    }

    private Connection open() throws RestoreFailedException {
        try {
            return target.open("pgbarge:restore");
        } catch (SQLException e) {
            throw new RestoreFailedException(RestoreFailedException.Reason.CONNECTION,
                    "cannot connect to the target: " + e.getMessage(), e);
        }
    }

    /**
     * An archive's ACL entry holds every GRANT/REVOKE on its object; one naming a role a provider
     * reserves (rds_superuser…) is split into its statements, so that only those naming that role are
     * left out, not the object's other grants.
     */
    private static List<Statement> splitProviderAcls(List<Statement> statements) {
        List<Statement> out = new ArrayList<>(statements.size());
        for (Statement s : statements) {
            boolean acl = s.kind().equals("ACL") || s.kind().equals("DEFAULT ACL");
            List<String> parts = acl && s.roles().stream().anyMatch(ProviderRoles::isProviderRole)
                    ? Definitions.split(s.sql()) : List.of();
            if (parts.size() < 2) {
                out.add(s);
                continue;
            }
            String previous = null;
            for (int i = 0; i < parts.size(); i++) {
                boolean last = i == parts.size() - 1;
                String key = "acl-part:" + s.name() + ":" + System.identityHashCode(s) + ":" + i;
                java.util.Set<String> req = new java.util.LinkedHashSet<>(s.requires());
                if (previous != null) {
                    req.add(previous);
                }
                out.add(new Statement(s.kind(), s.name(), s.section(), parts.get(i),
                        last ? s.provides() : java.util.Set.of(key), req, ArchivePlan.roles(parts.get(i)),
                        last ? s.creates() : null));
                previous = key;
            }
        }
        return out;
    }
}
