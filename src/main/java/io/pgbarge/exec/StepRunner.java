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
}
