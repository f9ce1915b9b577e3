package io.pgbarge.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live state of a run, written by the executor's workers and read by the displays. Thread-safe:
 * counters are atomic, collections concurrent; a display polls it and renders.
 */
public final class RunProgress {
    private final Instant started = Instant.now();
    private final Map<String, Phase> phases = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, TableState> tables = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong stepsTotal = new AtomicLong();
    private final AtomicLong stepsDone = new AtomicLong();

    /** Told of each event as it happens (the plain log uses this; the terminal display polls instead). */
    public interface Listener {
        default void phaseStarted(Phase p) {
        }

        default void phaseFinished(Phase p) {
        }

        default void tableStarted(TableState t) {
        }

        default void tableFinished(TableState t) {
        }

        default void stepFinished(String kind, String name, Duration took) {
        }

        default void note(String message) {
        }
    }

    public static final class Phase {
        public final String name;
        public final Instant started = Instant.now();
        public volatile Instant finished;

        Phase(String name) {
            this.name = name;
        }

        public Duration duration() {
            return Duration.between(started, finished == null ? Instant.now() : finished);
        }
    }

    public static final class TableState {
        public final String name;
        public final long estimatedBytes;
        public final long estimatedRows;
        public final AtomicLong bytes = new AtomicLong();
        public final AtomicLong rows = new AtomicLong();
        public volatile Instant started;
        public volatile Instant finished;
        public volatile boolean failed;

        TableState(String name, long estimatedBytes, long estimatedRows) {
            this.name = name;
            this.estimatedBytes = Math.max(0, estimatedBytes);
            this.estimatedRows = Math.max(0, estimatedRows);
        }

        public boolean running() {
            return started != null && finished == null;
        }
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public Instant started() {
        return started;
    }

    public void phaseStarted(String name) {
        Phase p = new Phase(name);
        phases.put(name, p);
        listeners.forEach(l -> l.phaseStarted(p));
    }

    public void phaseFinished(String name) {
        Phase p = phases.get(name);
        if (p != null && p.finished == null) {
            p.finished = Instant.now();
            listeners.forEach(l -> l.phaseFinished(p));
        }
    }

    /** Registers a table to be copied, before the data phase starts, so totals are known. */
    public TableState addTable(String name, long estimatedBytes, long estimatedRows) {
        TableState t = new TableState(name, estimatedBytes, estimatedRows);
        tables.put(name, t);
        return t;
    }

    public void tableStarted(TableState t) {
        t.started = Instant.now();
        t.finished = null;
        t.failed = false;
        t.rows.set(0);
        listeners.forEach(l -> l.tableStarted(t));
    }

    public void tableFinished(TableState t, long rows) {
        t.rows.set(rows);
        t.finished = Instant.now();
        listeners.forEach(l -> l.tableFinished(t));
    }

    /** A table whose load failed (it may be retried, which starts it again). */
    public void tableFailed(TableState t) {
        t.failed = true;
        t.finished = Instant.now();
        listeners.forEach(l -> l.tableFinished(t));
    }

    public void addSteps(long n) {
        stepsTotal.addAndGet(n);
    }

    public void stepFinished(String kind, String name, Duration took) {
        stepsDone.incrementAndGet();
        listeners.forEach(l -> l.stepFinished(kind, name, took));
    }

    public void note(String message) {
        notes.add(message);
        listeners.forEach(l -> l.note(message));
    }

    public List<Phase> phases() {
        synchronized (phases) {
            return new ArrayList<>(phases.values());
        }
    }

    public List<TableState> tables() {
        synchronized (tables) {
            return new ArrayList<>(tables.values());
        }
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public long stepsTotal() {
        return stepsTotal.get();
    }

    public long stepsDone() {
        return stepsDone.get();
    }
}
