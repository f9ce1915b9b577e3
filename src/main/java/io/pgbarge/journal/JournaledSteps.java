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
        redoUnfinishedSlicedTables(steps);
    }

    /**
     * A table copied in slices is reloaded whole unless every part of it finished: the new run reads a
     * newer snapshot, whose page ranges need not match the finished slices', so only emptying the table
     * again and loading every slice cannot lose or duplicate rows.
     */
    private void redoUnfinishedSlicedTables(List<Step> steps) {
        Map<String, List<Step>> parts = new java.util.HashMap<>();
        for (Step s : steps) {
            if (s.kind() == Step.Kind.COPY && s.slice() != null) {
                parts.computeIfAbsent(s.table().qualifiedName(), k -> new java.util.ArrayList<>()).add(s);
            }
        }
        for (Step s : steps) {
            if (s.kind() == Step.Kind.SQL && s.statement().kind().equals("TRUNCATE")
                    && parts.containsKey(s.statement().name())) {
                parts.get(s.statement().name()).add(s);
            }
        }
        for (List<Step> group : parts.values()) {
            if (!group.stream().allMatch(s -> journal.isDone(keys.get(s)))) {
                redo.addAll(group);
            }
        }
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

    @Override
    public boolean groupsForces() {
        return true;
    }

    @Override
    public void written(Step step) throws Exception {
        journal.stepWritten(keys.get(step));
    }

    @Override
    public void force() throws Exception {
        journal.force();
    }
}
