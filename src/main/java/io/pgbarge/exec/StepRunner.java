package io.pgbarge.exec;

import io.pgbarge.plan.Step;

/** Runs one step on a worker's sessions. */
@FunctionalInterface
public interface StepRunner {
    void run(Step step, WorkerSessions sessions) throws Exception;

    /**
     * Whether the step may simply run again on new sessions after its session was lost mid-way: true
     * when its work is one transaction that starts clean (TRUNCATE + COPY, CREATE INDEX…), false for
     * work that adds to what is there and could be doubled if the lost session had committed.
     */
    default boolean repeatable(Step step) {
        return true;
    }

    /**
     * Run again when an earlier attempt may have committed (its session was lost, or the process died
     * between the commit and the journal), whether the failure shows that attempt did commit: its
     * statement's object is already there.
     */
    default boolean foundDone(Step step, StepFailedException f) {
        return step.statement() != null && f.error().alreadyDone(step.statement().sql());
    }
}
