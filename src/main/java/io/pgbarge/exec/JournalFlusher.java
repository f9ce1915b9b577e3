package io.pgbarge.exec;

import io.pgbarge.plan.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Forces finished steps' journal lines to disk on a thread of its own, several steps per force.
 *
 * <p>A step's done line must be on disk before any step that needs it starts: else a crash could leave
 * a dependent step committed on the target and its prerequisite unrecorded, to be run again under it.
 * Forcing each line on the worker that finished the step cost a disk flush per step (thousands on a
 * database of many small tables, each holding a worker idle), one after the other. Here the worker
 * hands the step over and goes on to its next one; this thread writes and forces the lines of what
 * the workers finished meanwhile, and only then are the steps done for the executor, and the steps
 * that need them free to start.
 */
final class JournalFlusher implements Runnable {
    private final StepJournal journal;
    private final BiConsumer<Step, Boolean> done;
    private final Consumer<Exception> failed;
    private final List<Step> pending = new ArrayList<>();
    private boolean stopping;

    /**
     * @param done   told of each step once its line is on disk (true), or could not be forced (false)
     * @param failed told when a force fails
     */
    JournalFlusher(StepJournal journal, BiConsumer<Step, Boolean> done, Consumer<Exception> failed) {
        this.journal = journal;
        this.done = done;
        this.failed = failed;
    }

    /** A step whose work committed: it counts as done once its line is written and forced. */
    synchronized void add(Step step) {
        pending.add(step);
        notifyAll();
    }

    /** Forces what is pending, then ends the thread. */
    synchronized void stop() {
        stopping = true;
        notifyAll();
    }

    @Override
    public void run() {
        while (true) {
            List<Step> batch;
            synchronized (this) {
                while (pending.isEmpty() && !stopping) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        stopping = true;
                    }
                }
                if (pending.isEmpty()) {
                    return;
                }
                batch = new ArrayList<>(pending);
                pending.clear();
            }
            boolean ok = true;
            try {
                for (Step s : batch) {
                    journal.written(s);
                }
                journal.force();
            } catch (Exception e) {
                ok = false;
                failed.accept(e);
            }
            for (Step s : batch) {
                done.accept(s, ok);
            }
        }
    }
}
