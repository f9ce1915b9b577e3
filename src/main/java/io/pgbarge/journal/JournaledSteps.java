package io.pgbarge.journal;

import io.pgbarge.exec.StepJournal;
import io.pgbarge.plan.Step;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The executor's view of a {@link RunJournal} for one plan: each step under its stable key. */
public final class JournaledSteps implements StepJournal {
    private final RunJournal journal;
    private final Map<Step, String> keys;
    private final Set<Step> redo = Collections.newSetFromMap(new IdentityHashMap<>());

    public JournaledSteps(RunJournal journal, List<Step> steps) {
        this.journal = journal;
        this.keys = StepKeys.of(steps);
    }

    public String key(Step s) {
        return keys.get(s);
    }

    /** Runs a step again although an earlier run finished it (a foreign key checked again). */
    public void redo(Step s) {
        redo.add(s);
    }

    public boolean isRedo(Step s) {
        return redo.contains(s);
    }

    /** Data steps (table copies, data tasks) finished in earlier runs. */
    public long dataDoneEarlier() {
        return keys.values().stream().filter(k -> StepKeys.isData(k) && journal.isDone(k)).count();
    }

    @Override
    public boolean done(Step step) {
        return !redo.contains(step) && journal.isDone(keys.get(step));
    }

    /** Finished in an earlier run, whether or not it runs again now. */
    public boolean doneEarlier(Step step) {
        return journal.isDone(keys.get(step));
    }

    @Override
    public boolean maybeDone(Step step) {
        return journal.maybeDone(keys.get(step));
    }

    @Override
    public void started(Step step) throws Exception {
        journal.stepStarted(keys.get(step));
    }

    @Override
    public void finished(Step step) throws Exception {
        journal.stepFinished(keys.get(step));
    }
}
