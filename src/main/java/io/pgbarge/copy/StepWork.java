package io.pgbarge.copy;

import io.pgbarge.catalog.Table;
import io.pgbarge.exec.ServerSideException;
import io.pgbarge.exec.StepFailedException;
import io.pgbarge.exec.StepRunner;
import io.pgbarge.exec.WorkerSessions;
import io.pgbarge.plan.Step;
import io.pgbarge.plan.TableSlice;
import io.pgbarge.report.RunProgress;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What each kind of step does on a worker's sessions during a copy. */
final class StepWork implements StepRunner {
    private final RunProgress progress;
    private final Map<Long, RunProgress.TableState> states;
    private final Map<Long, CopyResult.TableRows> copied;
    private final Map<Long, SliceTally> tallies = new ConcurrentHashMap<>();

    private final java.util.function.Predicate<Step> recheck;
    private final io.pgbarge.exec.BuildWorkers builds;
    private final io.pgbarge.exec.BuildMemory memory = new io.pgbarge.exec.BuildMemory();

    /** @param recheck foreign keys to drop and add again (a resume from a newer snapshot) */
    StepWork(RunProgress progress, Map<Long, RunProgress.TableState> states, Map<Long, CopyResult.TableRows> copied,
             java.util.function.Predicate<Step> recheck, int jobs) {
        this.builds = new io.pgbarge.exec.BuildWorkers(jobs);
        this.progress = progress;
        this.states = states;
        this.copied = copied;
        this.recheck = recheck;
    }

    /** Takes over steps that wait for nothing but a running step (see Executor.claim). */
    @FunctionalInterface
    interface Claimer {
        java.util.List<Step> claim(Step by, java.util.function.Predicate<Step> which) throws StepFailedException;
    }

    private Claimer claimer = (by, which) -> java.util.List.of();

    /** Lets load steps add the foreign keys whose other table is in already (none until set). */
    void claimer(Claimer c) {
        this.claimer = c;
    }

    /**
     * A foreign key between plain tables, added validated in one statement, can go into the load of
     * either of its tables once the other is in: one transaction, one round trip and one commit fewer
     * per key (on 1,500 small tables, ~0.3 s). Its locks on the other table are taken in plan order by
     * every load, so two loads do not wait for each other in a circle.
     */
    private boolean foldable(Step d) {
        return d.kind() == Step.Kind.SQL && d.statement() != null && d.statement().kind().equals("FK CONSTRAINT")
                && d.statement().sql().startsWith("ALTER TABLE ONLY ") && !recheck.test(d);
    }

    /**
     * Two loads that share a foreign key are better run one after the other: side by side, neither
     * finds the other in, and the key becomes a step of its own (see {@link #foldable}).
     */
    boolean apart(Step a, Step b) {
        return Step.loadsSharing(a, b, this::foldable);
    }

    /** Carries a claim's failure out of the load's transaction callback. */
    private static final class ClaimFailed extends SQLException {
        final StepFailedException failure;

        ClaimFailed(StepFailedException failure) {
            super(failure.getMessage());
            this.failure = failure;
        }
    }

    /** Rows added to an extension's configuration table are not truncated first: a lost commit could double them. */
    @Override
    public boolean repeatable(Step step) {
        return !(step.kind() == Step.Kind.TASK && step.task().payload() instanceof io.pgbarge.catalog.ExtensionConfigTable t
                && !t.isSequence());
    }

    @Override
    public void run(Step step, WorkerSessions s) throws Exception {
        builds.started();
        try {
            runCounted(step, s);
        } finally {
            builds.finished();
        }
    }

    private void runCounted(Step step, WorkerSessions s) throws Exception {
        Instant start = Instant.now();
        switch (step.kind()) {
            case COPY -> {
                if (step.isLoad()) {
                    load(step, s);
                    return;
                } else if (step.slice() == null) {
                    copy(step.table(), s);
                } else {
                    copySlice(step.table(), step.slice(), s);
                }
            }
            case ANALYZE -> analyze(step, s);
            case SQL -> sql(step, s, recheck.test(step) ? ForeignKeyRecheck.redoSql(step.statement())
                    : step.statement().sql());
            case TASK -> task(step, s);
        }
        progress.stepFinished(step.kind().name(), step.describe(), Duration.between(start, Instant.now()));
    }

    private void copy(Table t, WorkerSessions s) throws StepFailedException {
        RunProgress.TableState state = states.get(t.oid());
        state.bytes.set(0);
        state.rows.set(0);
        progress.tableStarted(state);
        CopyPump.Counts counts;
        try {
            counts = TableCopier.copy(t, s.source(), s.target(), state);
        } catch (SQLException e) {
            progress.tableFailed(state);
            String server = ServerSideException.serverOf(e, "target");
            throw new StepFailedException("copy of table " + t.qualifiedName(), server,
                    server.equals("source") ? TableCopier.copyOut(t) : TableCopier.copyIn(t), ServerSideException.unwrap(e));
        }
        if (counts.sourceRows() != counts.targetRows()) {
            progress.tableFailed(state);
            throw new StepFailedException("copy of table " + t.qualifiedName(), "target", null,
                    new SQLException("the source sent " + counts.sourceRows() + " rows but the target stored "
                            + counts.targetRows()));
        }
        progress.tableFinished(state, counts.targetRows());
        copied.put(t.oid(), new CopyResult.TableRows(t.qualifiedName(), counts.targetRows(), counts.bytes()));
    }

    /**
     * A small table's load step: rows, then its indexes and constraints (one batch) and ANALYZE, then one
     * commit. The table shows as done once its rows are in; the statements after them get a step line
     * of their own (-v), timed from the end of the rows.
     */
    private void load(Step step, WorkerSessions s) throws StepFailedException {
        Table t = step.table();
        RunProgress.TableState state = states.get(t.oid());
        state.bytes.set(0);
        state.rows.set(0);
        progress.tableStarted(state);
        Instant[] rowsIn = new Instant[1];
        java.util.List<Step> folded = new java.util.ArrayList<>();
        CopyPump.Counts counts;
        try {
            counts = TableCopier.copy(t, step.before(), s.source(), s.target(), state, c -> {
                if (c.sourceRows() != c.targetRows()) {
                    throw new RowsMismatch(c);
                }
                rowsIn[0] = Instant.now();
                try {
                    folded.clear();
                    folded.addAll(claimer.claim(step, this::foldable));
                } catch (StepFailedException e) {
                    throw new ClaimFailed(e);
                }
                java.util.List<io.pgbarge.ddl.Statement> after = step.after();
                if (!folded.isEmpty()) {
                    after = new java.util.ArrayList<>(after);
                    for (Step d : folded) {
                        after.add(d.statement());
                    }
                }
                AfterRows.run(t, after, step.analyzes(), s.target(), e -> progress.note(
                        AfterRows.analyzeSql(t) + " failed, statistics left to autovacuum: "
                                + io.pgbarge.exec.PgError.of(e).message()));
            });
        } catch (ClaimFailed e) {
            progress.tableFailed(state);
            throw e.failure;
        } catch (RowsMismatch e) {
            progress.tableFailed(state);
            throw new StepFailedException("copy of table " + t.qualifiedName(), "target", null,
                    new SQLException("the source sent " + e.counts.sourceRows() + " rows but the target stored "
                            + e.counts.targetRows()));
        } catch (AfterRows.Failed e) {
            progress.tableFailed(state);
            String what = e.statement == null ? "the statements of table " + t.qualifiedName()
                    : (step.before().contains(e.statement) ? "creating " : "") + e.statement.kind().toLowerCase()
                    + " " + e.statement.name();
            throw new StepFailedException(what + " (in the load of table " + t.qualifiedName()
                    + ", rolled back whole)", "target", e.statement == null ? null : e.statement.sql(), e.getCause());
        } catch (SQLException e) {
            progress.tableFailed(state);
            String server = ServerSideException.serverOf(e, "target");
            throw new StepFailedException("copy of table " + t.qualifiedName(), server,
                    server.equals("source") ? TableCopier.copyOut(t) : TableCopier.copyIn(t, !step.before().isEmpty()), ServerSideException.unwrap(e));
        }
        progress.tableFinished(state, counts.targetRows());
        copied.put(t.oid(), new CopyResult.TableRows(t.qualifiedName(), counts.targetRows(), counts.bytes()));
        // the step counts once; a table with nothing after its rows is logged as its table line alone
        boolean more = !step.after().isEmpty() || step.analyzes();
        progress.stepFinished(more ? "LOAD" : "COPY", more ? afterRows(step) : step.describe(),
                Duration.between(rowsIn[0], Instant.now()));
        for (Step d : folded) {
            progress.stepFinished(d.kind().name(), d.describe() + " (in the load of " + t.qualifiedName() + ")",
                    Duration.ZERO);
        }
    }

    /** For -v: what a load step did after the rows, e.g. "2 indexes, 3 constraints and ANALYZE of public.t". */
    static String afterRows(Step step) {
        long indexes = step.after().stream().filter(x -> x.kind().equals("INDEX")).count();
        long constraints = step.after().size() - indexes;
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (indexes > 0) {
            parts.add(indexes + (indexes == 1 ? " index" : " indexes"));
        }
        if (constraints > 0) {
            parts.add(constraints + (constraints == 1 ? " constraint" : " constraints"));
        }
        if (step.analyzes()) {
            parts.add("ANALYZE");
        }
        String list = parts.size() == 1 ? parts.get(0)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
        return list + " of " + step.table().qualifiedName() + " (with its rows)";
    }

    /** The load's row counts disagree: thrown inside its transaction, so nothing is committed. */
    private static final class RowsMismatch extends SQLException {
        final CopyPump.Counts counts;

        RowsMismatch(CopyPump.Counts counts) {
            super("row counts differ");
            this.counts = counts;
        }
    }

    /**
     * A load step run again after its session was lost mid-commit (or after a kill) that finds its first
     * index or constraint already there: the earlier attempt committed, and its work was all-or-nothing.
     */
    @Override
    public boolean foundDone(Step step, StepFailedException f) {
        if (!step.isLoad()) {
            return StepRunner.super.foundDone(step, f);
        }
        java.util.List<io.pgbarge.ddl.Statement> first = !step.before().isEmpty() ? step.before() : step.after();
        return !first.isEmpty() && first.get(0).sql().equals(f.sql()) && f.error().alreadyDone(f.sql());
    }

    /**
     * One slice of a table: the table shows as started with its first slice and finished with its
     * last; rows and bytes add up over the slices.
     */
    private void copySlice(Table t, TableSlice slice, WorkerSessions s) throws StepFailedException {
        RunProgress.TableState state = states.get(t.oid());
        SliceTally tally = tallies.computeIfAbsent(t.oid(), k -> new SliceTally());
        if (tally.started.getAndIncrement() == 0) {
            progress.tableStarted(state);
        }
        CopyPump.Counts counts;
        try {
            counts = TableCopier.copySlice(t, slice, s.source(), s.target(), state);
        } catch (SQLException e) {
            // a retry copies the slice again, from nothing: its rows were rolled back
            progress.tableFailed(state);
            String server = e instanceof CopyPump.SideException side ? side.side : "target";
            throw new StepFailedException("copy of table " + t.qualifiedName() + " (" + slice + ")", server, null,
                    e instanceof CopyPump.SideException ? e.getCause() : e);
        }
        if (counts.sourceRows() != counts.targetRows()) {
            progress.tableFailed(state);
            throw new StepFailedException("copy of table " + t.qualifiedName() + " (" + slice + ")", "target", null,
                    new SQLException("the source sent " + counts.sourceRows() + " rows but the target stored "
                            + counts.targetRows()));
        }
        long rows = tally.rows.addAndGet(counts.targetRows());
        long bytes = tally.bytes.addAndGet(counts.bytes());
        if (tally.done.incrementAndGet() == slice.count()) {
            progress.tableFinished(state, rows);
            copied.put(t.oid(), new CopyResult.TableRows(t.qualifiedName(), rows, bytes));
        }
    }

    /** What the slices of one table have done so far. */
    private static final class SliceTally {
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final AtomicLong rows = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();

    }

    /**
     * Statistics are a convenience, not part of the copy: a table whose ANALYZE fails (a foreign-table
     * child whose server is unreachable, say) gets a note, and the copy goes on.
     */
    private void analyze(Step step, WorkerSessions s) {
        try (var st = s.target().createStatement()) {
            st.execute("ANALYZE " + step.table().qualifiedName());
        } catch (SQLException e) {
            s.discard();
            progress.note("ANALYZE " + step.table().qualifiedName() + " failed, statistics left to autovacuum: "
                    + io.pgbarge.exec.PgError.of(e).message());
        }
    }

    private void task(Step step, WorkerSessions s) throws StepFailedException {
        try {
            DataTasks.run(step.task(), s.source(), s.target());
        } catch (SQLException e) {
            throw new StepFailedException(step.describe(), ServerSideException.serverOf(e, "target"), null,
                    ServerSideException.unwrap(e));
        }
    }

    private void sql(Step step, WorkerSessions s, String sql) throws StepFailedException {
        try (var st = s.target().createStatement()) {
            if (step.statement().kind().equals("INDEX")) {
                builds.beforeBuild(s.target());
                memory.beforeBuild(s.target(), sql);
            }
            st.execute(sql);
        } catch (SQLException e) {
            throw new StepFailedException(step.describe(), ServerSideException.serverOf(e, "target"), sql,
                    ServerSideException.unwrap(e));
        }
    }
}
