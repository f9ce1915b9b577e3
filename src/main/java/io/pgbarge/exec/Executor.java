package io.pgbarge.exec;

import io.pgbarge.plan.Step;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * Runs a DAG of steps on N workers, each with its own sessions. Among ready steps the one with the
 * highest priority runs first (the critical path: big tables, and indexes of tables that landed).
 * The first failure stops new work; running steps finish, then the failure is thrown.
 */
public final class Executor {
    private final int jobs;
    private final Function<Integer, WorkerSessions> sessions;
    private final StepRunner runner;
    private final int maxAttempts;

    private final PriorityQueue<Step> ready = new PriorityQueue<>(
            Comparator.comparingLong(Step::priority).reversed().thenComparingInt(Step::id));
    private final Map<Step, Integer> waiting = new HashMap<>();
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

    public void run(List<Step> steps) throws StepFailedException, InterruptedException {
        synchronized (this) {
            for (Step s : steps) {
                waiting.put(s, s.needs().size());
                if (s.needs().isEmpty()) {
                    ready.add(s);
                }
            }
            remaining = steps.size();
        }
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
        if (failure != null) {
            throw failure;
        }
        if (unexpected != null) {
            throw new IllegalStateException("internal error in a worker: " + unexpected, unexpected);
        }
    }

    /** Stops handing out steps; running steps are left to finish or fail. */
    public void cancel() {
        cancelled = true;
        synchronized (this) {
            notifyAll();
        }
    }

    private void work(int worker) {
        try (WorkerSessions s = sessions.apply(worker)) {
            Step step;
            while ((step = next()) != null) {
                boolean ok = false;
                try {
                    runWithRetries(step, s);
                    ok = true;
                } catch (StepFailedException e) {
                    s.discard();
                    fail(e);
                } catch (Throwable e) {
                    s.discard();
                    failUnexpected(e);
                } finally {
                    done(step, ok);
                }
            }
        }
    }

    private void runWithRetries(Step step, WorkerSessions s) throws StepFailedException {
        for (int attempt = 1; ; attempt++) {
            try {
                runner.run(step, s);
                return;
            } catch (StepFailedException e) {
                if (attempt >= maxAttempts || !e.error().retryable()) {
                    throw e;
                }
                s.discard();
            } catch (Exception e) {
                PgError err = PgError.of(e);
                if (attempt >= maxAttempts || !err.retryable()) {
                    throw new StepFailedException(step.describe(), "target", sqlOf(step), e);
                }
                s.discard();
            }
            try {
                Thread.sleep(200L * attempt);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new StepFailedException(step.describe(), "target", sqlOf(step), ie);
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
                running++;
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

    private synchronized void done(Step step, boolean ok) {
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
