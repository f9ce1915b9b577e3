package io.pgbarge.plan;

import io.pgbarge.catalog.Dependency;
import io.pgbarge.catalog.Table;
import io.pgbarge.ddl.Keys;
import io.pgbarge.ddl.Section;
import io.pgbarge.ddl.Statement;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns statements and tables into a {@link Plan}: orders pre-data statements by their keys and
 * pg_depend, moves statements that need post-data objects into post-data, and builds the step DAG.
 */
public final class Planner {
    /** Post-data work on a table that has landed jumps ahead of copies of smaller tables. */
    private static final long AFTER_DATA_BONUS = 1L << 50;

    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Node> providers = new HashMap<>();
    private final List<String> notes = new ArrayList<>();

    private static final class Node {
        final int index;
        final Statement statement;
        final Table copyOf;
        DataTask task;
        final Set<Node> needs = new LinkedHashSet<>();
        Section section;
        /** For a pre-data statement moved into a table's load step: that table's copy node. */
        Node loadOf;

        Node(int index, Statement statement, Table copyOf) {
            this.index = index;
            this.statement = statement;
            this.copyOf = copyOf;
            this.section = statement != null ? statement.section() : Section.DATA;
        }

        Set<String> provides() {
            if (task != null) {
                return task.provides() == null ? Set.of() : Set.of(task.provides());
            }
            return statement != null ? statement.provides() : Set.of(Keys.data(copyOf.oid()));
        }

        String describe() {
            if (task != null) {
                return task.description();
            }
            return statement != null ? statement.kind().toLowerCase() + " " + statement.name()
                    : "data of " + copyOf.qualifiedName();
        }
    }

    /**
     * @param roleExists tells whether a role exists on the target; statements naming a missing role
     *                   are left out with a note
     * @param copyData   false for a schema-only copy
     */
    public static Plan build(List<Statement> statements, List<Dependency> dependencies, List<Table> tables,
                             Predicate<String> roleExists, boolean copyData) {
        return build(statements, dependencies, tables, List.of(), roleExists, copyData);
    }

    public static Plan build(List<Statement> statements, List<Dependency> dependencies, List<Table> tables,
                             List<DataTask> tasks, Predicate<String> roleExists, boolean copyData) {
        return build(statements, dependencies, tables, tasks, TargetRoles.of(roleExists, roleExists), copyData);
    }

    /**
     * @param tasks data-phase work besides table copies; left out when copyData is false
     * @param roles statements naming a role that does not exist (or, for owners, that the login
     *              cannot hand objects to) are left out with a note
     */
    public static Plan build(List<Statement> statements, List<Dependency> dependencies, List<Table> tables,
                             List<DataTask> tasks, TargetRoles roles, boolean copyData) {
        return build(statements, dependencies, tables, tasks, roles, copyData, true);
    }

    /** @param analyze ANALYZE each loaded table once its indexes exist */
    public static Plan build(List<Statement> statements, List<Dependency> dependencies, List<Table> tables,
                             List<DataTask> tasks, TargetRoles roles, boolean copyData, boolean analyze) {
        return build(statements, dependencies, tables, tasks, roles, copyData, analyze, Map.of());
    }

    /**
     * @param slices tables (by oid) copied in parts, each part in its own transaction: their rows are
     *               emptied by one TRUNCATE step first, then the slices run in parallel, and what needs
     *               the table's rows waits for every slice
     */
    public static Plan build(List<Statement> statements, List<Dependency> dependencies, List<Table> tables,
                             List<DataTask> tasks, TargetRoles roles, boolean copyData, boolean analyze,
                             Map<Long, List<TableSlice>> slices) {
        return build(statements, dependencies, tables, tasks, roles, copyData, analyze, slices, t -> false);
    }

    /**
     * @param load tables loaded in one step each (rows, then the indexes and constraints that need no
     *             other table, then ANALYZE, in one transaction; see {@link TableLoads}); never sliced
     */
    public static Plan build(List<Statement> statements, List<Dependency> dependencies, List<Table> tables,
                             List<DataTask> tasks, TargetRoles roles, boolean copyData, boolean analyze,
                             Map<Long, List<TableSlice>> slices, Predicate<Table> load) {
        return build(statements, dependencies, tables, tasks, roles, copyData, analyze, slices, load, t -> false);
    }

    /**
     * @param create tables loaded in one step that may also be created in it (see {@link LoadCreates}):
     *               false for a table that already exists on the target
     */
    public static Plan build(List<Statement> statements, List<Dependency> dependencies, List<Table> tables,
                             List<DataTask> tasks, TargetRoles roles, boolean copyData, boolean analyze,
                             Map<Long, List<TableSlice>> slices, Predicate<Table> load, Predicate<Table> create) {
        Planner p = new Planner();
        p.create = create;
        p.analyze = analyze;
        p.slices = slices;
        if (copyData) {
            for (Table t : tables) {
                if (t.hasData() && load.test(t)) {
                    p.loaded.add(Keys.data(t.oid()));
                }
            }
            for (DataTask t : tasks) {
                if (t.provides() != null) {
                    p.taskData.add(t.provides());
                    if (t.load() != null) {
                        p.loaded.add(t.provides());
                    }
                }
            }
        }
        if (!p.loaded.isEmpty()) {
            Map<Long, List<TableSlice>> whole = new HashMap<>(slices);
            whole.keySet().removeIf(oid -> p.loaded.contains(Keys.data(oid)));
            p.slices = whole;
            statements = TableLoads.mergeForeignKeys(statements, p.loaded, p::isData);
        }
        return p.plan(statements, dependencies, tables, tasks, roles, copyData);
    }

    private boolean analyze = true;
    private Predicate<Table> create = t -> false;
    private Map<Long, List<TableSlice>> slices = Map.of();
    /** Data keys of the tables loaded in one step each. */
    private final Set<String> loaded = new HashSet<>();
    /** Keys of data tasks: rows too, for a restore, whose statements wait for its TABLE DATA entries. */
    private final Set<String> taskData = new HashSet<>();

    private boolean isData(String key) {
        return Keys.isData(key) || taskData.contains(key);
    }

    /** A table's rows loaded in one step: a table copy or a data task marked as such. */
    private boolean isLoadNode(Node n) {
        return n.copyOf != null && loaded.contains(Keys.data(n.copyOf.oid()))
                || n.task != null && n.task.load() != null && loaded.contains(n.task.provides());
    }

    private Plan plan(List<Statement> statements, List<Dependency> dependencies, List<Table> tables,
                      List<DataTask> tasks, TargetRoles roles, boolean copyData) {
        MissingRoles missingRoles = new MissingRoles();
        for (Statement s : statements) {
            String missing = s.roles().stream().filter(r -> !roles.exists(r)).sorted().findFirst().orElse(null);
            if (missing != null) {
                missingRoles.add(missing, s, false);
                continue;
            }
            if (s.kind().equals("OWNER")) {
                String unusable = s.roles().stream().filter(r -> !roles.canOwn(r)).sorted().findFirst().orElse(null);
                if (unusable != null) {
                    missingRoles.add(unusable, s, true);
                    continue;
                }
            }
            if (!copyData && (s.section() == Section.DATA || s.kind().equals("MATERIALIZED VIEW DATA"))) {
                continue;
            }
            add(new Node(nodes.size(), s, null));
        }
        Map<Long, Table> byOid = new HashMap<>();
        for (Table t : tables) {
            byOid.put(t.oid(), t);
            if (copyData && t.hasData()) {
                add(new Node(nodes.size(), null, t));
            }
        }
        if (copyData) {
            for (DataTask t : tasks) {
                Node n = new Node(nodes.size(), null, null);
                n.task = t;
                add(n);
            }
        }
        notes.addAll(missingRoles.notes());
        link(dependencies);
        linkRefreshes();
        promote();
        moveCreatesIntoLoads(byOid);
        List<Statement> pre = orderPreData();
        List<Step> steps = buildSteps(byOid);
        return new Plan(pre, steps, List.copyOf(notes));
    }

    private void add(Node n) {
        nodes.add(n);
        for (String key : n.provides()) {
            Node prev = providers.putIfAbsent(key, n);
            if (prev != null && prev != n) {
                notes.add("internal: " + key + " is created by both " + prev.describe() + " and " + n.describe());
            }
        }
    }

    private void link(List<Dependency> dependencies) {
        for (Node n : nodes) {
            if (n.statement == null) {
                continue;
            }
            for (String key : n.statement.requires()) {
                Node p = providers.get(key);
                if (p != null && p != n) {
                    n.needs.add(p);
                }
            }
        }
        for (Dependency d : dependencies) {
            // Internal dependencies tie parts to the statement that creates them (a view's rule, a
            // table's row type, a constraint's index); the creating statement orders them itself.
            if (d.type() == 'i') {
                continue;
            }
            Node from = providers.get(d.from());
            Node to = providers.get(d.to());
            if (from != null && to != null && from != to) {
                from.needs.add(to);
            }
        }
    }

    /** A materialized view is refreshed after the rows of every table it reads, however indirectly. */
    private void linkRefreshes() {
        for (Node n : nodes) {
            if (n.statement == null || !n.statement.kind().equals("MATERIALIZED VIEW DATA")) {
                continue;
            }
            for (String key : n.statement.provides()) {
                if (!Keys.isData(key)) {
                    continue;
                }
                Node creator = providers.get(Keys.rel(Keys.oid(key)));
                if (creator == null) {
                    continue;
                }
                Set<Node> seen = new HashSet<>();
                ArrayDeque<Node> todo = new ArrayDeque<>(creator.needs);
                while (!todo.isEmpty()) {
                    Node m = todo.pop();
                    if (!seen.add(m)) {
                        continue;
                    }
                    for (String k : m.provides()) {
                        if (k.startsWith("pg_class:")) {
                            Node data = providers.get(Keys.data(Keys.oid(k)));
                            if (data != null && data != n) {
                                n.needs.add(data);
                            }
                        }
                    }
                    todo.addAll(m.needs);
                }
            }
        }
    }

    /**
     * A small table created in its own load step (see {@link LoadCreates}): its CREATE and the
     * statements that go with it leave pre-data and wait for the table's copy node, which places them
     * in that step, ahead of the rows.
     */
    private void moveCreatesIntoLoads(Map<Long, Table> byOid) {
        if (loaded.isEmpty()) {
            return;
        }
        Map<Node, List<Node>> dependents = new HashMap<>();
        for (Node n : nodes) {
            if (n.section == Section.PRE_DATA) {
                for (Node m : n.needs) {
                    dependents.computeIfAbsent(m, k -> new ArrayList<>()).add(n);
                }
            }
        }
        Map<Node, Set<Node>> groups = new LinkedHashMap<>();
        Map<Node, Integer> membership = new HashMap<>();
        for (String data : loaded) {
            Node copy = providers.get(data);
            Node creator;
            if (copy != null && copy.task != null) {
                String key = copy.task.load().creator();
                creator = key == null ? null : providers.get(key);
                if (creator == null || creator.statement == null
                        || !LoadCreates.creatable(creator.statement, creator.section)) {
                    continue;
                }
            } else {
                Table t = Keys.isData(data) ? byOid.get(Keys.oid(data)) : null;
                creator = t == null ? null : providers.get(Keys.rel(Keys.oid(data)));
                if (t == null || copy == null || creator == null || creator.statement == null || !create.test(t)
                        || !LoadCreates.creatable(t, creator.statement, creator.section)) {
                    continue;
                }
            }
            // the CREATE and every pre-data statement that needs it, directly or not
            Set<Node> group = new LinkedHashSet<>();
            ArrayDeque<Node> todo = new ArrayDeque<>(List.of(creator));
            boolean movable = true;
            while (!todo.isEmpty() && movable) {
                Node n = todo.pop();
                if (group.add(n)) {
                    movable = n == creator || n.statement != null && LoadCreates.goesWith(n.statement);
                    todo.addAll(dependents.getOrDefault(n, List.of()));
                }
            }
            if (movable) {
                groups.put(copy, group);
                group.forEach(n -> membership.merge(n, 1, Integer::sum));
            }
        }
        // a statement needed by two tables' groups (a comment naming both, say) keeps both in pre-data;
        // the groups left are disjoint and closed, so no pre-data statement needs a moved one
        groups.values().removeIf(g -> g.stream().anyMatch(n -> membership.get(n) > 1));
        groups.forEach((copy, group) -> group.forEach(n -> {
            n.section = Section.DATA;
            n.loadOf = copy;
            n.needs.add(copy);
        }));
    }

    /** A pre-data statement that needs data or post-data work runs in post-data itself. */
    private void promote() {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Node n : nodes) {
                if (n.section == Section.PRE_DATA && n.needs.stream().anyMatch(m -> m.section != Section.PRE_DATA)) {
                    n.section = Section.POST_DATA;
                    changed = true;
                }
            }
        }
    }

    private List<Statement> orderPreData() {
        List<Node> pre = nodes.stream().filter(n -> n.section == Section.PRE_DATA).toList();
        List<Node> order = topological(pre);
        return order.stream().map(n -> n.statement).toList();
    }

    /** Kahn's algorithm, ties broken by generation order; a cycle is broken at its earliest node, with a note. */
    private List<Node> topological(List<Node> group) {
        Set<Node> members = new HashSet<>(group);
        Map<Node, Integer> waiting = new HashMap<>();
        Map<Node, List<Node>> dependents = new HashMap<>();
        for (Node n : group) {
            int c = 0;
            for (Node m : n.needs) {
                if (members.contains(m)) {
                    c++;
                    dependents.computeIfAbsent(m, k -> new ArrayList<>()).add(n);
                }
            }
            waiting.put(n, c);
        }
        PriorityQueue<Node> ready = new PriorityQueue<>((a, b) -> Integer.compare(a.index, b.index));
        group.stream().filter(n -> waiting.get(n) == 0).forEach(ready::add);
        List<Node> out = new ArrayList<>();
        Set<Node> done = new HashSet<>();
        while (out.size() < group.size()) {
            if (ready.isEmpty()) {
                Node breaker = group.stream().filter(n -> !done.contains(n))
                        .min((a, b) -> Integer.compare(a.index, b.index)).orElseThrow();
                notes.add("dependency cycle broken at " + breaker.describe());
                waiting.put(breaker, 0);
                ready.add(breaker);
            }
            Node n = ready.poll();
            if (!done.add(n)) {
                continue;
            }
            out.add(n);
            for (Node d : dependents.getOrDefault(n, List.of())) {
                int left = waiting.merge(d, -1, Integer::sum);
                if (left == 0 && !done.contains(d)) {
                    ready.add(d);
                }
            }
        }
        return out;
    }

    private List<Step> buildSteps(Map<Long, Table> tables) {
        List<Node> later = topological(nodes.stream().filter(n -> n.section != Section.PRE_DATA).toList());
        // a node's first steps wait for what the node needs; what needs the node waits for its last steps
        Map<Node, List<Step>> firstOf = new HashMap<>();
        Map<Node, List<Step>> lastOf = new HashMap<>();
        List<Step> truncates = new ArrayList<>();
        Set<Node> placed = new HashSet<>();
        List<Step> steps = new ArrayList<>();
        // the copy node of a table loaded in one step, and the statements taken in, map to that step
        Map<Node, Step> loadOf = new HashMap<>();
        for (Node n : later) {
            List<Step> first;
            List<Step> last;
            List<TableSlice> parts = n.copyOf == null ? null : slices.get(n.copyOf.oid());
            Step into = n.statement == null ? null : loadFor(n, loadOf);
            if (n.loadOf != null) {
                Step load = loadOf.get(n.loadOf);
                load.addBefore(n.statement);
                loadOf.put(n, load);
                first = List.of(load);
                last = List.of(load);
            } else if (into != null) {
                into.addAfter(n.statement);
                loadOf.put(n, into);
                first = List.of(into);
                last = List.of(into);
            } else if (isLoadNode(n)) {
                Step s = n.task != null ? Step.load(steps.size(), n.task, n.task.estimatedBytes())
                        : Step.load(steps.size(), n.copyOf, n.copyOf.estimatedBytes());
                steps.add(s);
                loadOf.put(n, s);
                first = List.of(s);
                last = List.of(s);
            } else if (parts != null && parts.size() > 1) {
                Table t = n.copyOf;
                Step truncate = new Step(steps.size(), Step.Kind.SQL, null, truncate(t), t.estimatedBytes());
                steps.add(truncate);
                first = List.of(truncate);
                last = new ArrayList<>();
                for (TableSlice slice : parts) {
                    Step part = new Step(steps.size(), Step.Kind.COPY, t, null, null, slice, t.estimatedBytes());
                    steps.add(part);
                    part.needs.add(truncate);
                    truncate.neededBy.add(part);
                    last.add(part);
                }
            } else {
                Step s;
                if (n.task != null) {
                    s = new Step(steps.size(), Step.Kind.TASK, null, null, n.task, n.task.estimatedBytes());
                } else if (n.copyOf != null) {
                    s = new Step(steps.size(), Step.Kind.COPY, n.copyOf, null, n.copyOf.estimatedBytes());
                } else {
                    s = new Step(steps.size(), Step.Kind.SQL, null, n.statement, priorityOf(n.statement, tables));
                }
                steps.add(s);
                first = List.of(s);
                last = List.of(s);
            }
            if (parts != null && parts.size() > 1) {
                truncates.add(first.get(0));
            }
            firstOf.put(n, first);
            lastOf.put(n, last);
            // only edges to steps placed earlier in topological order: a cycle cannot hang the executor
            for (Node m : n.needs) {
                if (!placed.contains(m)) {
                    continue;
                }
                for (Step dep : lastOf.get(m)) {
                    for (Step s : first) {
                        // statements taken into a load step need that step's earlier work, or pre-data
                        if (dep != s && !s.needs.contains(dep)) {
                            s.needs.add(dep);
                            dep.neededBy.add(s);
                        }
                    }
                }
            }
            placed.add(n);
        }
        gateOnTruncates(steps, truncates);
        waitForIndexBuilds(steps);
        if (analyze) {
            addAnalyzeSteps(steps, tables);
        }
        defaultPrivilegesLast(steps);
        return steps;
    }

    /**
     * ALTER DEFAULT PRIVILEGES applies to objects created after it: run earlier, it would grant its
     * privileges to the tables load steps create, and to whatever post-data creates. As in pg_dump, it
     * comes after everything else.
     */
    private static void defaultPrivilegesLast(List<Step> steps) {
        List<Step> defaults = steps.stream().filter(s -> s.kind() == Step.Kind.SQL
                && s.statement().kind().equals("DEFAULT ACL")).toList();
        if (defaults.isEmpty()) {
            return;
        }
        Set<Step> last = new HashSet<>(defaults);
        for (Step s : steps) {
            if (!last.contains(s)) {
                for (Step d : defaults) {
                    d.needs.add(s);
                    s.neededBy.add(d);
                }
            }
        }
    }

    /**
     * The load step a post-data statement goes into: one of {@link TableLoads}' kinds, on a table loaded
     * in one step, needing nothing that runs after pre-data but that step's own work. Then the load
     * step needs nothing new, and every step that waited for the statement already waited, through it,
     * for the table's rows: taking it in cannot form a cycle.
     */
    private Step loadFor(Node n, Map<Node, Step> loadOf) {
        if (n.section != Section.POST_DATA || loaded.isEmpty()) {
            return null;
        }
        String data = TableLoads.onlyTable(n.statement, this::isData);
        if (data == null || !loaded.contains(data)) {
            return null;
        }
        Node copy = providers.get(data);
        Step into = copy == null || !isLoadNode(copy) ? null : loadOf.get(copy);
        if (into == null) {
            return null;
        }
        for (Node m : n.needs) {
            if (m.section != Section.PRE_DATA && loadOf.get(m) != into) {
                return null;
            }
        }
        return into;
    }

    /**
     * Whole-table copies and data tasks wait for the TRUNCATE steps of sliced tables (they take
     * milliseconds): otherwise, while one worker truncates the largest table, the others would start
     * on smaller tables and leave the largest table's slices to one worker. Copies need nothing else
     * (their tables exist before the data phase), so this adds no cycle.
     */
    private static void gateOnTruncates(List<Step> steps, List<Step> truncates) {
        if (truncates.isEmpty()) {
            return;
        }
        for (Step s : steps) {
            boolean wholeCopy = s.kind() == Step.Kind.COPY && s.slice() == null;
            if ((wholeCopy || s.kind() == Step.Kind.TASK) && s.needs.isEmpty()) {
                for (Step t : truncates) {
                    s.needs.add(t);
                    t.neededBy.add(s);
                }
            }
        }
    }

    /**
     * A table's other post-data statements (ADD CONSTRAINT … USING INDEX, foreign keys, triggers…)
     * lock it against CREATE INDEX; started while one of its indexes builds, they would hold a worker
     * idle for the whole build. Made to wait for the table's index builds, they leave the worker free
     * for other work meanwhile. A restore's rows are data tasks, so their keys count too. An edge that
     * would close a cycle is not added.
     */
    private void waitForIndexBuilds(List<Step> steps) {
        Map<String, List<Step>> buildsByData = new HashMap<>();
        for (Step s : steps) {
            if (isIndexBuild(s)) {
                for (String k : s.statement().requires()) {
                    if (isData(k)) {
                        buildsByData.computeIfAbsent(k, x -> new ArrayList<>()).add(s);
                    }
                }
            }
        }
        if (buildsByData.isEmpty()) {
            return;
        }
        for (Step s : steps) {
            if (s.kind() != Step.Kind.SQL || isIndexBuild(s)) {
                continue;
            }
            for (String k : s.statement().requires()) {
                if (!isData(k)) {
                    continue;
                }
                for (Step build : buildsByData.getOrDefault(k, List.of())) {
                    if (!s.needs.contains(build) && !needsTransitively(build, s)) {
                        s.needs.add(build);
                        build.neededBy.add(s);
                    }
                }
            }
        }
    }

    private static boolean isIndexBuild(Step s) {
        return s.kind() == Step.Kind.SQL && s.statement().kind().equals("INDEX");
    }

    /** Whether {@code from} waits, directly or not, for {@code target}. */
    private static boolean needsTransitively(Step from, Step target) {
        ArrayDeque<Step> todo = new ArrayDeque<>(from.needs);
        Set<Step> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Step m = todo.pop();
            if (m == target) {
                return true;
            }
            if (seen.add(m)) {
                todo.addAll(m.needs);
            }
        }
        return false;
    }

    /**
     * Empties a sliced table before its slices load: the slices commit separately, so none of them
     * can TRUNCATE (that would undo the others) and none can use COPY FREEZE.
     */
    private static Statement truncate(Table t) {
        return new Statement("TRUNCATE", t.qualifiedName(), Section.DATA, "TRUNCATE ONLY " + t.qualifiedName(),
                Set.of(), Set.of(), Set.of(), null);
    }

    private static long priorityOf(Statement st, Map<Long, Table> tables) {
        long best = 0;
        long weight = slowIndex(st) ? SLOW_INDEX_WEIGHT : 1;
        for (String key : st.requires()) {
            if (Keys.isData(key)) {
                Table t = tables.get(Keys.oid(key));
                if (t != null) {
                    best = Math.max(best, AFTER_DATA_BONUS + Math.max(0, t.estimatedBytes()) * weight);
                }
            }
        }
        return best;
    }

    /**
     * GIN, GiST and SP-GiST indexes take several times longer to build than a B-tree on the same rows
     * (and are never built by parallel workers): started first among a landed table's indexes, they
     * end the copy sooner.
     */
    private static boolean slowIndex(Statement st) {
        if (!st.kind().equals("INDEX")) {
            return false;
        }
        String sql = st.sql().toLowerCase(java.util.Locale.ROOT);
        return sql.contains(" using gin ") || sql.contains(" using gist ") || sql.contains(" using spgist ");
    }

    private static final long SLOW_INDEX_WEIGHT = 4;

    /** ANALYZE each loaded table once its own indexes exist (foreign keys need not wait). */
    private static void addAnalyzeSteps(List<Step> steps, Map<Long, Table> tables) {
        Map<Long, List<Step>> copies = new java.util.LinkedHashMap<>();
        steps.stream().filter(s -> s.kind() == Step.Kind.COPY)
                .forEach(s -> copies.computeIfAbsent(s.table().oid(), k -> new ArrayList<>()).add(s));
        // the statements on one table's rows alone, by that table (one pass: thousands of tables)
        Map<String, List<Step>> ownStatements = new HashMap<>();
        for (Step s : steps) {
            if (s.kind() == Step.Kind.SQL && !s.statement().kind().startsWith("FK")) {
                List<String> data = s.statement().requires().stream().filter(Keys::isData).toList();
                if (data.size() == 1) {
                    ownStatements.computeIfAbsent(data.get(0), k -> new ArrayList<>()).add(s);
                }
            }
        }
        for (List<Step> parts : copies.values()) {
            Table t = parts.get(0).table();
            List<Step> builds = ownStatements.getOrDefault(Keys.data(t.oid()), List.of());
            // a load step analyzes at its end, unless some of the table's statements run after it
            if (parts.size() == 1 && parts.get(0).isLoad() && builds.isEmpty()) {
                parts.get(0).analyzeAfter();
                continue;
            }
            Step analyze = new Step(steps.size(), Step.Kind.ANALYZE, t, null, 0);
            for (Step copy : parts) {
                analyze.needs.add(copy);
                copy.neededBy.add(analyze);
            }
            for (Step s : builds) {
                analyze.needs.add(s);
                s.neededBy.add(analyze);
            }
            steps.add(analyze);
        }
    }
}
