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
