package io.pgbarge.exec;

import io.pgbarge.plan.Step;

/** What the executor tells a journal, and asks it, so that a run can be resumed. */
public interface StepJournal {
    /** Finished in an earlier run: not run again. */
    boolean done(Step step);

    /** Started in an earlier run that died before it was marked done: it may have committed. */
    boolean maybeDone(Step step);

    void started(Step step) throws Exception;

    /** Called after the step's work committed, before any step that needs it starts. */
    void finished(Step step) throws Exception;

    /**
     * Whether the journal can write a done line and force it to disk later ({@link #written}, then
     * {@link #force}), so that one force covers the lines of several steps.
     */
    default boolean groupsForces() {
        return false;
    }

    /** The step's done line, not yet forced to disk; steps that need it wait for {@link #force}. */
    default void written(Step step) throws Exception {
        finished(step);
    }

    /** Forces every line written so far to disk. */
    default void force() throws Exception {
    }

    StepJournal NONE = new StepJournal() {
        @Override
        public boolean done(Step step) {
            return false;
        }

        @Override
        public boolean maybeDone(Step step) {
            return false;
        }

        @Override
        public void started(Step step) {
        }

        @Override
        public void finished(Step step) {
        }
    };
}
