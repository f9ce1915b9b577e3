package io.pgbarge.exec;

import io.pgbarge.plan.Step;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a DAG of steps on N workers, each with its own sessions. Among ready steps the one with the
 * highest priority runs first (the critical path: big tables, and indexes of tables that landed).
 * The first failure stops new work; running steps finish, then the failure is thrown.
 *
 * <p>A step is tried again on new sessions after a deadlock or serialization failure, and — when the
 * runner says it is safe to repeat — after its session was lost (a killed backend, a dropped
 * connection, a server restarting), a bounded number of times with growing pauses. Steps a journal
 * says finished in an earlier run count as done from the start.
 */
public final class Executor {
    private final int jobs;
    private final Function<Integer, WorkerSessions> sessions;
    private final StepRunner runner;
    private final int maxAttempts;
    private StepJournal journal = StepJournal.NONE;
    private Consumer<String> notes = n -> { };
    private int reconnects = 5;
    private long reconnectPauseMillis = 500;

    private final PriorityQueue<Step> ready = new PriorityQueue<>(
            Comparator.comparingLong(Step::priority).reversed().thenComparingInt(Step::id));
    private final Map<Step, Integer> waiting = new HashMap<>();
    /** Steps that committed and wait for the journal to record them before they count as done. */
    private final java.util.Set<Step> committed = new java.util.HashSet<>();
    /** Steps taken over by a running step (see {@link #claim}), by that step. */
    private final Map<Step, List<Step>> claimed = new HashMap<>();
    private final List<Step> runningSteps = new ArrayList<>();
    private java.util.function.BiPredicate<Step, Step> apart = (a, b) -> false;
    private final List<WorkerSessions> active = new ArrayList<>();
    private int remaining;
    private int running;
    private StepFailedException failure;
    private Throwable unexpected;
    private volatile boolean cancelled;

    /**
     * @param sessions    makes the sessions of worker i
     * @param maxAttempts tries per step for retryable server errors (deadlock, serialization)
     */
    public Executor(int jobs, Function<Integer, WorkerSessions> sessions, StepRunner runner, int maxAttempts) {
        this.jobs = Math.max(1, jobs);
        this.sessions = sessions;
        this.runner = runner;
        this.maxAttempts = Math.max(1, maxAttempts);
    }

    /** Steps the journal says are done are skipped; every step is recorded as it starts and finishes. */
    public Executor journal(StepJournal j) {
        this.journal = j;
        return this;
    }

    /**
     * Steps better not run side by side (a small table's load and the load of a table it shares a
     * foreign key with: one after the other, the second takes the key in, see {@link #claim}). Of the
     * ready steps next in line, the first that is not to run beside a running one goes first; when
     * all are, the first does.
     */
    public Executor apart(java.util.function.BiPredicate<Step, Step> a) {
        this.apart = a;
        return this;
    }

    /** Told, in words for the summary, of each step retried after a lost session. */
    public Executor notes(Consumer<String> n) {
        this.notes = n;
        return this;
    }

    /**
     * @param attempts    new sessions tried per step after its session was lost (0: none)
     * @param firstPause  pause before the first of them; doubled before each next
     */
    public Executor reconnects(int attempts, long firstPauseMillis) {
        this.reconnects = Math.max(0, attempts);
        this.reconnectPauseMillis = Math.max(0, firstPauseMillis);
        return this;
    }

    public void run(List<Step> steps) throws StepFailedException, InterruptedException {
        synchronized (this) {
            java.util.Set<Step> done = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (Step s : steps) {
                if (journal.done(s)) {
                    done.add(s);
                }
            }
            for (Step s : steps) {
                if (done.contains(s)) {
                    continue;
                }
                int needs = (int) s.needs().stream().filter(n -> !done.contains(n)).count();
                waiting.put(s, needs);
                if (needs == 0) {
                    ready.add(s);
                }
            }
            remaining = steps.size() - done.size();
        }
        if (journal.groupsForces()) {
            flusher = new JournalFlusher(journal, this::done, e -> fail(new StepFailedException(
                    "recording finished steps in the journal", "work directory", null, e)));
            flusherThread = new Thread(flusher, "pgbarge-journal");
            flusherThread.start();
        }
        try {
            runWorkers();
        } finally {
            if (flusher != null) {
                flusher.stop();
                flusherThread.join();
            }
        }
        if (failure != null) {
            throw failure;
        }
        if (unexpected != null) {
            throw new IllegalStateException("internal error in a worker: " + unexpected, unexpected);
        }
    }

    private JournalFlusher flusher;
    private Thread flusherThread;

    private void runWorkers() throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            int worker = i;
            Thread t = new Thread(() -> work(worker), "pgbarge-worker-" + i);
            t.start();
            threads.add(t);
        }
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            cancel();
            for (Thread t : threads) {
                t.interrupt();
            }
            throw e;
        }
    }

    /**
     * Stops handing out steps and asks the servers to cancel what the workers run (COPYs, index
     * builds): those steps fail at once, their transactions roll back, and {@link #run} returns.
     */
    public void cancel() {
        cancelled = true;
        List<WorkerSessions> now;
        synchronized (this) {
            now = new ArrayList<>(active);
            notifyAll();
        }
        now.forEach(WorkerSessions::cancelRunning);
    }

    public boolean cancelled() {
        return cancelled;
    }

    /**
     * Called by the runner while it runs {@code by}: takes over the steps that {@code which} accepts and
     * that wait for nothing but {@code by} (or steps that committed and wait only for the journal), so
     * that the runner does their work in {@code by}'s
     * transaction (a small table's foreign key, added in its load once the other table is in). They are
     * recorded as started now, and finish, or fail, with {@code by}. Asked again (a retry of
     * {@code by}), it answers the same steps and any that became free since, in plan order.
     */
    public List<Step> claim(Step by, java.util.function.Predicate<Step> which) throws StepFailedException {
        List<Step> mine;
        List<Step> fresh = new ArrayList<>();
        synchronized (this) {
            mine = claimed.computeIfAbsent(by, k -> new ArrayList<>());
            if (failure == null && unexpected == null && !cancelled) {
                for (Step d : by.neededBy()) {
                    Integer left = waiting.get(d);
                    if (left != null && left - committedAmong(d.needs()) == 1 && !mine.contains(d) && which.test(d)) {
                        waiting.remove(d);
                        running++;
                        mine.add(d);
                        fresh.add(d);
                    }
                }
            }
            mine.sort(Comparator.comparingInt(Step::id));
            mine = List.copyOf(mine);
        }
        for (Step d : fresh) {
            record(d, true);
        }
        return mine;
    }

    /**
     * How many of these steps committed but are not yet in the journal: their work is on the target, so a
     * step claimed after them may rely on it (if the process dies before the journal records them, they
     * run again and find their objects there).
     */
    private int committedAmong(List<Step> steps) {
        int n = 0;
        for (Step s : steps) {
            if (committed.contains(s)) {
                n++;
            }
        }
        return n;
    }

    private synchronized List<Step> claimedBy(Step by) {
        List<Step> mine = claimed.remove(by);
        return mine == null ? List.of() : mine;
    }

    private void work(int worker) {
        WorkerSessions s = sessions.apply(worker);
        synchronized (this) {
            active.add(s);
        }
        try (s) {
            Step step;
            while ((step = next()) != null) {
                boolean ok = false;
                try {
                    record(step, true);
                    runWithRetries(step, s);
                    record(step, false);
                    for (Step d : claimed(step)) {
                        record(d, false);
                    }
                    ok = true;
                } catch (StepFailedException e) {
                    s.discard();
                    fail(e);
                } catch (Throwable e) {
                    s.discard();
                    failUnexpected(e);
                } finally {
                    List<Step> with = claimedBy(step);
                    if (ok && flusher != null) {
                        synchronized (this) {
                            committed.add(step);
                            committed.addAll(with);
                        }
                        flusher.add(step);
                        with.forEach(flusher::add);
                    } else {
                        done(step, ok);
                        for (Step d : with) {
                            done(d, ok);
                        }
                    }
                }
            }
        } finally {
            synchronized (this) {
                active.remove(s);
            }
        }
    }

    private synchronized List<Step> claimed(Step by) {
        List<Step> mine = claimed.get(by);
        return mine == null ? List.of() : List.copyOf(mine);
    }

    /** A journal that cannot be written stops the run: without it, finished work could not be skipped on resume. */
    private void record(Step step, boolean start) throws StepFailedException {
        try {
            if (start) {
                journal.started(step);
            } else if (flusher == null) {
                journal.finished(step);
            }
        } catch (Exception e) {
            throw new StepFailedException(step.describe() + " (recording it in the journal)", "work directory", null, e);
        }
    }

    private void runWithRetries(Step step, WorkerSessions s) throws StepFailedException {
        // a step the journal saw start but not finish may have committed just before the process died
        boolean mayHaveCommitted = journal.maybeDone(step);
        int deadlocks = 0;
        int lost = 0;
        while (true) {
            Exception error;
            try {
                runner.run(step, s);
                return;
            } catch (Exception e) {
                error = e;
            }
            StepFailedException f = error instanceof StepFailedException sf ? sf
                    : new StepFailedException(step.describe(), ServerSideException.serverOf(error, "target"), sqlOf(step),
                    ServerSideException.unwrap(error));
            PgError err = f.error();
            if (mayHaveCommitted && runner.foundDone(step, f)) {
                notes.accept(step.describe() + ": found already done on the target (an earlier attempt committed it"
                        + " before its session was lost)");
                return;
            }
            if (cancelled) {
                throw f;
            }
            long pause;
            if (f.connectionLost() && runner.repeatable(step) && lost < reconnects) {
                lost++;
                mayHaveCommitted = true;
                pause = reconnectPauseMillis << (lost - 1);
                notes.accept(step.describe() + ": the session on the " + f.server() + " was lost (" + err.message()
                        + "); retried on a new session (retry " + lost + " of " + reconnects + ")");
            } else if (err.retryable() && deadlocks + 1 < maxAttempts) {
                deadlocks++;
                pause = 200L * deadlocks;
            } else {
                throw f;
            }
            s.discard();
            pause(pause);
            if (cancelled) {
                throw f;
            }
        }
    }

    /** Waits, but wakes at once when the run is cancelled. */
    private synchronized void pause(long millis) {
        long end = System.currentTimeMillis() + millis;
        long left;
        while (!cancelled && (left = end - System.currentTimeMillis()) > 0) {
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String sqlOf(Step step) {
        return step.statement() == null ? null : step.statement().sql();
    }

    private synchronized Step next() {
        while (true) {
            if (failure != null || unexpected != null || cancelled || remaining == 0) {
                return null;
            }
            Step s = ready.poll();
            if (s != null) {
                s = apartFromRunning(s);
                running++;
                runningSteps.add(s);
                return s;
            }
            if (running == 0) {
                // nothing ready and nothing running: the plan had steps that can never start
                unexpected = new IllegalStateException(remaining + " steps can never start (dependency cycle)");
                notifyAll();
                return null;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /** How far down the ready queue a step is looked for that may run beside the running ones. */
    private static final int APART_LOOKAHEAD = 8;

    /** {@code first}, or the next ready step that may run beside the running ones when it may not. */
    private Step apartFromRunning(Step first) {
        if (!clashes(first)) {
            return first;
        }
        List<Step> passed = new ArrayList<>();
        passed.add(first);
        Step pick = null;
        while (pick == null && passed.size() < APART_LOOKAHEAD) {
            Step next = ready.poll();
            if (next == null) {
                break;
            }
            if (clashes(next)) {
                passed.add(next);
            } else {
                pick = next;
            }
        }
        if (pick == null) {
            pick = passed.remove(0);
        }
        ready.addAll(passed);
        return pick;
    }

    private boolean clashes(Step s) {
        for (Step r : runningSteps) {
            if (apart.test(s, r)) {
                return true;
            }
        }
        return false;
    }

    private synchronized void done(Step step, boolean ok) {
        committed.remove(step);
        runningSteps.remove(step);
        running--;
        remaining--;
        if (ok) {
            for (Step d : step.neededBy()) {
                int left = waiting.merge(d, -1, Integer::sum);
                if (left == 0) {
                    ready.add(d);
                }
            }
        }
        notifyAll();
    }

    private synchronized void fail(StepFailedException e) {
        if (failure == null) {
            failure = e;
        }
        notifyAll();
    }

    private synchronized void failUnexpected(Throwable e) {
        if (unexpected == null && failure == null) {
            unexpected = e;
        }
        notifyAll();
    }
}
