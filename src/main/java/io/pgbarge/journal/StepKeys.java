package io.pgbarge.journal;

import io.pgbarge.plan.Step;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names for steps that stay the same from one run of a job to the next, for the journal. A step's id
 * is only its place in one plan; its key is what it does: the table it copies or analyzes, the data
 * task, or the statement's kind, object and text (hashed). A small table's load step (see
 * {@code Step.load}) is keyed by its table alone, whatever statements it holds. A statement whose text changed between runs
 * (a sequence's value read from a newer snapshot) gets a new key and runs again, as it should. Two
 * steps with the same key in one plan are told apart by their order.
 */
public final class StepKeys {
    private StepKeys() {
    }

    public static Map<Step, String> of(List<Step> steps) {
        Map<Step, String> keys = new IdentityHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Step s : steps) {
            String base = base(s);
            int n = seen.merge(base, 1, Integer::sum);
            keys.put(s, n == 1 ? base : base + " #" + n);
        }
        return keys;
    }

    static String base(Step s) {
        return switch (s.kind()) {
            case COPY -> s.isLoad() ? loadKey(s.table().qualifiedName()) : copyKey(s.table().qualifiedName());
            case ANALYZE -> "analyze " + s.table().qualifiedName();
            case TASK -> s.isLoad() ? loadTaskKey(s.task().description()) : taskKey(s.task().description());
            case SQL -> "sql " + s.statement().kind() + " " + s.statement().name() + " "
                    + JobIdentity.hash(s.statement().sql());
        };
    }

    /** The key of a table's copy when its indexes and constraints are separate steps (a large table). */
    public static String copyKey(String qualifiedTable) {
        return "copy " + qualifiedTable;
    }

    /**
     * The key of a table's load: rows, indexes, constraints and statistics in one step (a small table).
     * Distinct from {@link #copyKey}: a journal that says a table's rows were copied on their own says
     * nothing of its indexes.
     */
    public static String loadKey(String qualifiedTable) {
        return "load " + qualifiedTable;
    }

    /** The key of a data task (a restore's TABLE DATA entry loaded on its own). */
    public static String taskKey(String description) {
        return "task " + description;
    }

    /**
     * The key of a data task that also builds its table's indexes and constraints (a restore's small
     * table); distinct from {@link #taskKey} for the same reason as {@link #loadKey}.
     */
    public static String loadTaskKey(String description) {
        return "load task " + description;
    }

    /** Whether the step moves rows (as opposed to building schema objects or statistics on them). */
    public static boolean isData(String key) {
        return key.startsWith("copy ") || key.startsWith("load ") || key.startsWith("task ");
    }
}
