package io.pgbarge.exec;

import io.pgbarge.plan.Step;

/** Runs one step on a worker's sessions. */
@FunctionalInterface
public interface StepRunner {
    void run(Step step, WorkerSessions sessions) throws Exception;
}
