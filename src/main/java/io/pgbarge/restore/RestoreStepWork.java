package io.pgbarge.restore;

import io.pgbarge.archive.Archive;
import io.pgbarge.exec.StepFailedException;
import io.pgbarge.exec.StepRunner;
import io.pgbarge.exec.WorkerSessions;
import io.pgbarge.plan.Step;
import io.pgbarge.report.RunProgress;
import io.pgbarge.verify.ArchiveRows;
import io.pgbarge.verify.LineChecksum;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What each step of a restore does on a worker's target session (or the one session of --single-transaction). */
final class RestoreStepWork implements StepRunner {
    private final Archive archive;
    private final RunProgress progress;
    private final Map<Integer, RunProgress.TableState> states;
    private final Map<String, Long> rows;
    private final boolean ownTransactions;
    private final ArchiveRows verify;
    private io.pgbarge.exec.BuildWorkers builds;
    private final io.pgbarge.exec.BuildMemory memory = new io.pgbarge.exec.BuildMemory();

    /**
     * @param states          progress of each TABLE DATA entry, by dump id
     * @param rows            filled with the rows stored per table
     * @param ownTransactions false in --single-transaction: nothing commits but the caller
     */
    RestoreStepWork(Archive archive, RunProgress progress, Map<Integer, RunProgress.TableState> states,
                    Map<String, Long> rows, boolean ownTransactions) {
        this(archive, progress, states, rows, ownTransactions, null);
    }

    /** @param verify when not null, gets every loaded table's lines as they were in the archive (--verify) */
    RestoreStepWork(Archive archive, RunProgress progress, Map<Integer, RunProgress.TableState> states,
                    Map<String, Long> rows, boolean ownTransactions, ArchiveRows verify) {
        this.verify = verify;
        this.archive = archive;
        this.progress = progress;
        this.states = states;
        this.rows = rows;
        this.ownTransactions = ownTransactions;
    }

    /**
     * A table load that truncates first (the table was created by this restore) starts clean; one into a
     * table that held rows before (--data-only) adds to them, so a lost commit could double its rows.
     */
    @Override
    public boolean repeatable(Step step) {
        if (step.kind() != Step.Kind.TASK) {
            return true;
        }
        Object p = step.task().payload();
        List<Object> loads = p instanceof SequentialLoad s ? s.loads() : List.of(p);
        return loads.stream().noneMatch(l -> l instanceof TableDataLoad t && !t.truncate());
    }

    /** Takes over steps that wait for nothing but a running step (see Executor.claim). */
    @FunctionalInterface
    interface Claimer {
        List<Step> claim(Step by, java.util.function.Predicate<Step> which) throws StepFailedException;
    }

    private Claimer claimer = (by, which) -> List.of();

    /** Lets load steps add the foreign keys whose other table is in already (none until set). */
    RestoreStepWork claimer(Claimer c) {
        this.claimer = c;
        return this;
    }

    /**
     * A foreign key added in one statement can go into the load of either of its tables once the other
     * is in: one transaction, one round trip and one commit fewer per key. Its locks on the other table
     * are taken in plan order by every load, so two loads do not wait for each other in a circle.
     */
    private static boolean foldable(Step d) {
        return d.kind() == Step.Kind.SQL && d.statement() != null && d.statement().kind().equals("FK CONSTRAINT")
                && d.statement().sql().startsWith("ALTER TABLE ONLY ");
    }

    /**
     * Two loads that share a foreign key are better run one after the other: side by side, neither
     * finds the other in, and the key becomes a step of its own.
     */
    boolean apart(Step a, Step b) {
        return Step.loadsSharing(a, b, RestoreStepWork::foldable);
    }

    /** Index builds limit themselves to one process while every one of {@code jobs} workers is busy. */
    RestoreStepWork jobs(int jobs) {
        this.builds = new io.pgbarge.exec.BuildWorkers(jobs);
        return this;
    }

    @Override
    public void run(Step step, WorkerSessions s) throws Exception {
        if (builds == null) {
            run(step, s.target());
            return;
        }
        builds.started();
        try {
            run(step, s.target());
        } finally {
            builds.finished();
        }
    }

    void run(Step step, Connection target) throws StepFailedException {
        Instant start = Instant.now();
        switch (step.kind()) {
            case SQL -> sql(step, target);
            case TASK -> {
                if (step.isLoad()) {
                    load(step, (TableDataLoad) step.task().payload(), target);
                } else {
                    task(step, step.task().payload(), target);
                }
            }
            default -> throw new IllegalStateException("a restore has no " + step.kind() + " steps");
        }
        progress.stepFinished(step.kind().name(), step.describe(), Duration.between(start, Instant.now()));
    }

    private void task(Step step, Object payload, Connection target) throws StepFailedException {
        if (payload instanceof SequentialLoad seq) {
            for (Object load : seq.loads()) {
                task(step, load, target);
            }
        } else if (payload instanceof TableDataLoad t) {
            table(t, target);
        } else if (payload instanceof LargeObjectLoad lo) {
            try {
                LargeObjectWriter.write(target, archive, lo, ownTransactions, n -> { });
            } catch (SQLException e) {
                throw new StepFailedException("large objects of entry " + lo.entry().label(), "target", null, e);
            } catch (IOException e) {
                throw new StepFailedException("large objects of entry " + lo.entry().label(), "archive", null, e);
            }
        } else {
            throw new IllegalArgumentException("unknown restore task " + step.describe());
        }
    }

    private void table(TableDataLoad t, Connection target) throws StepFailedException {
        RunProgress.TableState state = states.get(t.entry().dumpId());
        LineChecksum lines = started(t, state);
        long n;
        try {
            n = TableDataLoader.load(target, archive, t, ownTransactions, state.bytes::addAndGet, lines);
        } catch (SQLException | IOException e) {
            throw failed(t, state, e, Definitions.trim(t.entry().copyStmt()));
        }
        finished(t, state, n, lines);
    }

    /** @return the checksum the table's lines go into for --verify, or null */
    private LineChecksum started(TableDataLoad t, RunProgress.TableState state) {
        state.bytes.set(0);
        progress.tableStarted(state);
        String copy = t.entry().copyStmt() == null ? "" : Definitions.trim(t.entry().copyStmt());
        // a retry starts a fresh checksum: only a load that committed counts
        return verify != null && copy.regionMatches(true, 0, "COPY ", 0, 5) ? new LineChecksum(archive.charset()) : null;
    }

    /** A load's failure on the target (the SQL it ran) or in the archive (an IOException). */
    private StepFailedException failed(TableDataLoad t, RunProgress.TableState state, Exception e, String sql) {
        progress.tableFailed(state);
        boolean archiveSide = e instanceof IOException;
        return new StepFailedException((archiveSide ? "reading" : "loading") + " the data of " + t.table()
                + " (entry " + t.entry().dumpId() + ")", archiveSide ? "archive" : "target", archiveSide ? null : sql, e);
    }

    private void finished(TableDataLoad t, RunProgress.TableState state, long n, LineChecksum lines) {
        progress.tableFinished(state, n);
        rows.put(t.table(), n);
        if (lines != null) {
            verify.add(TableDataLoader.relation(t), TableDataLoader.columns(t), lines);
        }
    }

    /**
     * A small table in one transaction: its CREATE TABLE and what goes with it when the step creates it,
     * its rows, then its own indexes and constraints as one batch. A failure anywhere leaves nothing of
     * it, so the step runs again whole on --resume.
     */
    private void load(Step step, TableDataLoad t, Connection target) throws StepFailedException {
        RunProgress.TableState state = states.get(t.entry().dumpId());
        LineChecksum lines = started(t, state);
        String copy = t.entry().copyStmt() == null ? "" : Definitions.trim(t.entry().copyStmt());
        long n;
        String running = null;
        try {
            boolean autoCommit = target.getAutoCommit();
            if (ownTransactions) {
                target.setAutoCommit(false);
            }
            try {
                io.pgbarge.copy.AfterRows.run(step.before(), target);
                running = copy;
                n = TableDataLoader.copy(target, archive, t, !step.before().isEmpty(), state.bytes::addAndGet, lines);
                running = null;
                List<io.pgbarge.ddl.Statement> after = step.after();
                List<Step> folded = claimer.claim(step, RestoreStepWork::foldable);
                if (!folded.isEmpty()) {
                    after = new java.util.ArrayList<>(after);
                    for (Step d : folded) {
                        after.add(d.statement());
                    }
                }
                io.pgbarge.copy.AfterRows.run(after, target);
                if (ownTransactions) {
                    target.commit();
                }
            } catch (SQLException | IOException | RuntimeException | StepFailedException e) {
                if (ownTransactions) {
                    rollback(target, e);
                }
                throw e;
            } finally {
                if (ownTransactions) {
                    restore(target, autoCommit);
                }
            }
        } catch (StepFailedException e) {
            progress.tableFailed(state);
            throw e;
        } catch (io.pgbarge.copy.AfterRows.Failed e) {
            progress.tableFailed(state);
            io.pgbarge.ddl.Statement failed = e.statement();
            String what = failed == null ? "the statements of table " + t.table()
                    : (step.before().contains(failed) ? "creating " : "") + failed.kind().toLowerCase() + " "
                    + failed.name();
            throw new StepFailedException(what + " (in the load of table " + t.table() + ", rolled back whole)",
                    "target", failed == null ? null : failed.sql(), e.getCause());
        } catch (SQLException | IOException e) {
            throw failed(t, state, e, running);
        }
        finished(t, state, n, lines);
    }

    private static void rollback(Connection c, Exception e) {
        try {
            c.rollback();
        } catch (SQLException suppressed) {
            e.addSuppressed(suppressed);
        }
    }

    private static void restore(Connection c, boolean autoCommit) {
        try {
            c.setAutoCommit(autoCommit);
        } catch (SQLException ignored) {
            // the session is dropped after a failure
        }
    }

    /**
     * A load step that may have committed before (its session lost, or the process stopped before the
     * journal said so) did if its first statement finds its object there: its work was all-or-nothing.
     */
    @Override
    public boolean foundDone(Step step, StepFailedException f) {
        if (!step.isLoad()) {
            return StepRunner.super.foundDone(step, f);
        }
        List<io.pgbarge.ddl.Statement> first = !step.before().isEmpty() ? step.before() : step.after();
        return !first.isEmpty() && first.get(0).sql().equals(f.sql()) && f.error().alreadyDone(f.sql());
    }

    private void sql(Step step, Connection target) throws StepFailedException {
        String sql = step.statement().sql();
        try (var st = target.createStatement()) {
            if (step.statement().kind().equals("INDEX")) {
                if (builds != null) {
                    builds.beforeBuild(target);
                }
                memory.beforeBuild(target, sql);
            }
            st.execute(sql);
        } catch (SQLException e) {
            throw new StepFailedException(step.describe(), "target", sql, e);
        }
    }
}
