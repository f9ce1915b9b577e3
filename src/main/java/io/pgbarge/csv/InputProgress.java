package io.pgbarge.csv;

import io.pgbarge.report.RunProgress;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One input's entry in the progress display: bytes as they are read, rows as batches are stored; it is
 * finished when the reader has reached its end and every one of its batches is stored.
 */
final class InputProgress {
    private final RunProgress progress;
    final RunProgress.TableState state;
    /** batches in flight, plus one while the reader is still reading the input */
    private final AtomicInteger pending = new AtomicInteger(1);

    InputProgress(RunProgress progress, RunProgress.TableState state) {
        this.progress = progress;
        this.state = state;
    }

    void batchQueued() {
        pending.incrementAndGet();
    }

    void batchStored(long rows) {
        state.rows.addAndGet(rows);
        done();
    }

    void readerFinished() {
        done();
    }

    private void done() {
        if (pending.decrementAndGet() == 0) {
            progress.tableFinished(state, state.rows.get());
        }
    }
}
