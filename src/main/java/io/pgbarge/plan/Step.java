package io.pgbarge.plan;

import io.pgbarge.catalog.Table;
import io.pgbarge.ddl.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * One unit of work of the data and post-data phases: copy a table's rows, run a statement, or
 * analyze a table. Steps form a DAG; a step may start when every step it needs has finished.
 */
public final class Step {
    public enum Kind { COPY, SQL, ANALYZE, TASK }

    private final int id;
    private final Kind kind;
    private final Table table;
    private final Statement statement;
    private final DataTask task;
    private final TableSlice slice;
    private final long priority;
    private List<Statement> before = List.of();
    private List<Statement> after = List.of();
    private boolean load;
    private boolean analyzeAfter;
    final List<Step> needs = new ArrayList<>();
    final List<Step> neededBy = new ArrayList<>();

    Step(int id, Kind kind, Table table, Statement statement, long priority) {
        this(id, kind, table, statement, null, priority);
    }

    Step(int id, Kind kind, Table table, Statement statement, DataTask task, long priority) {
        this(id, kind, table, statement, task, null, priority);
    }

    Step(int id, Kind kind, Table table, Statement statement, DataTask task, TableSlice slice, long priority) {
        this.id = id;
        this.kind = kind;
        this.table = table;
        this.statement = statement;
        this.task = task;
        this.slice = slice;
        this.priority = priority;
    }

    /**
     * A small table's whole load: COPY, then {@code after} and (if asked) ANALYZE, all in the copy's
     * transaction, so the table costs one step, one transaction and one commit instead of one per
     * statement.
     */
    static Step load(int id, Table table, long priority) {
        Step s = new Step(id, Kind.COPY, table, null, null, null, priority);
        s.load = true;
        return s;
    }

    /** A small table's whole load from a data task (a restore's TABLE DATA entry): see {@link #load(int, Table, long)}. */
    static Step load(int id, DataTask task, long priority) {
        Step s = new Step(id, Kind.TASK, null, null, task, null, priority);
        s.load = true;
        return s;
    }

    void addBefore(Statement st) {
        List<Statement> more = new ArrayList<>(before);
        more.add(st);
        before = List.copyOf(more);
    }

    void addAfter(Statement st) {
        List<Statement> more = new ArrayList<>(after);
        more.add(st);
        after = List.copyOf(more);
    }

    void analyzeAfter() {
        analyzeAfter = true;
    }

    /** A COPY or TASK step that also builds the table's indexes and constraints (see {@link #load}). */
    public boolean isLoad() {
        return load;
    }

    /**
     * For a load step that creates its table: CREATE TABLE and what goes with it (owner, comments,
     * grants), run before the rows in the same transaction; empty when pre-data created the table.
     */
    public List<Statement> before() {
        return before;
    }

    /** For a load step: the statements run after the rows, in order, in the same transaction. */
    public List<Statement> after() {
        return after;
    }

    /** For a load step: whether it ends with ANALYZE of the table. */
    public boolean analyzes() {
        return analyzeAfter;
    }

    /** For a COPY step: the part of the table it copies, or null for the whole table. */
    public TableSlice slice() {
        return slice;
    }

    /** The data task of a TASK step; null otherwise. */
    public DataTask task() {
        return task;
    }

    public int id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    /** The table copied or analyzed; null for SQL steps. */
    public Table table() {
        return table;
    }

    /** The statement run; null for COPY and ANALYZE. */
    public Statement statement() {
        return statement;
    }

    /** Higher runs first among ready steps: the critical path (big tables, then their indexes). */
    public long priority() {
        return priority;
    }

    public List<Step> needs() {
        return List.copyOf(needs);
    }

    public List<Step> neededBy() {
        return List.copyOf(neededBy);
    }

    /**
     * Whether both are loads and some step {@code via} accepts needs both (a foreign key between their
     * tables): such loads are better run one after the other, so that the second can take it in.
     */
    public static boolean loadsSharing(Step a, Step b, java.util.function.Predicate<Step> via) {
        if (!a.isLoad() || !b.isLoad()) {
            return false;
        }
        for (Step d : a.neededBy) {
            if (via.test(d) && d.needs.contains(b)) {
                return true;
            }
        }
        return false;
    }

    /** Short description for progress and errors. */
    public String describe() {
        return switch (kind) {
            case COPY -> load ? "load " + table.qualifiedName()
                    : "copy " + table.qualifiedName() + (slice == null ? "" : " " + slice);
            case ANALYZE -> "analyze " + table.qualifiedName();
            case SQL -> statement.kind().toLowerCase() + " " + statement.name();
            case TASK -> task.description();
        };
    }

    @Override
    public String toString() {
        return describe();
    }
}
