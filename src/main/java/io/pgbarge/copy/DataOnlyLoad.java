package io.pgbarge.copy;

import io.pgbarge.catalog.Catalog;
import io.pgbarge.catalog.Column;
import io.pgbarge.catalog.Dependency;
import io.pgbarge.catalog.Sequence;
import io.pgbarge.catalog.Table;
import io.pgbarge.ddl.Keys;
import io.pgbarge.ddl.Sql;
import io.pgbarge.exec.ConnectionSource;
import io.pgbarge.exec.Executor;
import io.pgbarge.exec.StepFailedException;
import io.pgbarge.exec.WorkerSessions;
import io.pgbarge.plan.DataTask;
import io.pgbarge.plan.Planner;
import io.pgbarge.plan.Step;
import io.pgbarge.plan.TargetRoles;
import io.pgbarge.report.RunProgress;
import io.pgbarge.select.ObjectScope;
import io.pgbarge.select.TableFilter;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * {@code pgbarge copy --data-only}: the selected tables' rows into tables that already exist on the
 * target, the schema left alone. Columns are matched by name ({@link ColumnMatch}). Every problem
 * that can be seen beforehand — a table missing on the target, columns that do not line up, target
 * tables that already hold rows — is refused, all of them in one message, before any row moves.
 *
 * <p>A target table with rows is refused unless {@code --clean}, which empties the loaded tables
 * first (one TRUNCATE of them all, so foreign keys among them do not stand in its way): re-running a
 * load must not silently double the rows. Each table is loaded in one target transaction, tables
 * referenced by foreign keys before the tables referencing them; tables whose foreign keys form a
 * cycle are loaded together in one transaction with their constraints deferred. Triggers stay as they
 * are (disabling them takes a superuser) and fire, with a note. Afterwards the sequences the loaded
 * columns own are set to the source's values.
 */
final class DataOnlyLoad {
    private final ConnectionSource source;
    private final ConnectionSource target;
    private final CopyOptions options;
    private final RunProgress progress;
    private final List<String> notes;
    private final Map<Long, CopyResult.TableRows> copied = new ConcurrentHashMap<>();
    /** The target's foreign keys among the loaded tables: table oid → the oids it references. */
    private final Map<Long, List<Long>> references = new HashMap<>();

    /** One table's load: the source table, its target twin and how their columns line up. */
    record Load(Table table, TargetTables.Found target, ColumnMatch match) {
        String copyOut() {
            String format = " TO STDOUT (FORMAT " + (match.binary() ? "binary" : "text") + ")";
            if (!match.unpadded().isEmpty()) {
                return "COPY (SELECT " + match.selectList() + " FROM ONLY " + table.qualifiedName() + ")" + format;
            }
            return "COPY " + table.qualifiedName() + " " + match.columnList() + format;
        }

        String copyIn() {
            return "COPY " + table.qualifiedName() + " " + match.columnList() + " FROM STDIN (FORMAT "
                    + (match.binary() ? "binary" : "text") + ")";
        }
    }

    /** Tables loaded in one target transaction: one, or those of a foreign-key cycle. */
    record Group(List<Load> loads) {
    }

    /** A sequence's value on the source, and where it goes on the target. */
    record SequenceValue(String targetTable, String column, String sequence, long lastValue, boolean isCalled) {
    }

    record SequenceValues(List<SequenceValue> values) {
    }

    DataOnlyLoad(ConnectionSource source, ConnectionSource target, CopyOptions options, RunProgress progress,
                 List<String> notes) {
        this.source = source;
        this.target = target;
        this.options = options;
        this.progress = progress;
        this.notes = notes;
    }

    CopyResult run(SnapshotHolder holder, Catalog catalog, List<TableFilter.Relation> relations, Connection admin,
                   Instant start) throws CopyFailedException, SQLException, InterruptedException {
        TableFilter filter = options.selection().filter();
        SelectedObjects.checkMatches(filter, catalog, relations);
        if (filter.includeEverything() && (!catalog.database().largeObjects().isEmpty()
                || !catalog.database().extensionConfigTables().isEmpty())) {
            notes.add("--data-only loads table rows and sequence values only: large objects and the rows of"
                    + " extension configuration tables were not copied");
        }
        ObjectScope scope = new ObjectScope(filter, relations, catalog.dependencies(), Map.of(), Map.of());
        List<Table> tables = catalog.tables().tables().stream()
                .filter(t -> t.hasData() && scope.dataSelected(t.oid())).toList();
        if (tables.isEmpty()) {
            // e.g. -t naming only views or a partitioned parent (whose rows live in its partitions, as in pg_dump)
            notes.add("--data-only: the selection holds no table with rows of its own; no rows were loaded");
        }
        List<Load> loads = prepare(admin, tables);
        List<Group> groups = groups(admin, loads);
        SequenceValues sequences = sequences(catalog, scope, loads);
        holder.lockTables(tables);
        progress.phaseFinished("catalog");

        progress.phaseStarted("data");
        runLoads(groups, sequences, holder);
        progress.phaseFinished("data");
        holder.close();
        notes.forEach(progress::note);
        List<CopyResult.TableRows> rows = new ArrayList<>(copied.values());
        rows.sort((a, b) -> a.table().compareTo(b.table()));
        return new CopyResult(rows, rows.stream().mapToLong(CopyResult.TableRows::rows).sum(),
                rows.stream().mapToLong(CopyResult.TableRows::bytes).sum(), 0, List.copyOf(progress.notes()),
                Duration.between(start, Instant.now()));
    }

    /** Finds each table on the target, matches the columns, checks emptiness; refuses with every problem at once. */
    private List<Load> prepare(Connection admin, List<Table> tables) throws SQLException, CopyFailedException {
        Map<Table, TargetTables.Found> found = TargetTables.find(admin, tables);
        List<String> problems = new ArrayList<>();
        List<Load> loads = new ArrayList<>();
        for (Table t : tables) {
            TargetTables.Found f = found.get(t);
            if (f == null) {
                problems.add("table " + t.qualifiedName() + ": does not exist on the target");
                continue;
            }
            ColumnMatch m = ColumnMatch.of(t, f);
            problems.addAll(m.problems());
            notes.addAll(m.notes());
            loads.add(new Load(t, f, m));
        }
        if (!problems.isEmpty()) {
            throw usage("--data-only loads rows into tables that already exist on the target, with matching columns;"
                    + " these do not:\n  " + String.join("\n  ", problems) + "\nNothing was changed on the target."
                    + " Create or alter the tables on the target first (pgbarge copy --schema-only -t TABLE creates"
                    + " them as on the source).");
        }
        List<Load> nonEmpty = new ArrayList<>();
        for (Load l : loads) {
            if (TargetTables.hasRows(admin, l.table(), l.target())) {
                nonEmpty.add(l);
            }
        }
        if (!nonEmpty.isEmpty() && !options.clean()) {
            throw new CopyFailedException(CopyFailedException.Reason.TARGET_NOT_EMPTY, "--data-only: "
                    + nonEmpty.size() + " target table(s) already hold rows, and loading would add the source's"
                    + " to them:\n  " + nonEmpty.stream().map(l -> l.table().qualifiedName())
                    .collect(Collectors.joining("\n  ")) + "\nNothing was changed on the target. Add --clean to"
                    + " empty them first (TRUNCATE), or load into empty tables.", null);
        }
        if (!nonEmpty.isEmpty()) {
            truncate(admin, loads);
        }
        return loads;
    }

    /** --clean: empties every loaded table in one statement, so foreign keys among them do not block it. */
    private void truncate(Connection admin, List<Load> loads) throws CopyFailedException {
        String sql = "TRUNCATE " + loads.stream().map(l -> l.target().only() + l.table().qualifiedName())
                .collect(Collectors.joining(", "));
        try (var st = admin.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new CopyFailedException(CopyFailedException.Reason.RUN_FAILED, new StepFailedException(
                    "--clean: emptying the tables to load", "target", sql, e).render()
                    + "\nNothing was changed on the target. A table outside the load references these tables:"
                    + " empty it too (select it with -t), or empty the tables by hand.", e);
        }
        notes.add("--clean: emptied the " + loads.size() + " loaded table(s) on the target before loading");
    }

    /**
     * Orders the loads by the target's foreign keys: a group (a table, or tables whose keys form a
     * cycle) after the groups it references. Keys to tables outside the load get a note.
     */
    private List<Group> groups(Connection admin, List<Load> loads) throws SQLException {
        Map<Long, Load> byTarget = new LinkedHashMap<>();
        loads.forEach(l -> byTarget.put(l.target().oid(), l));
        List<Long> oids = new ArrayList<>(byTarget.keySet());
        Map<Long, List<Long>> edges = references;
        List<String> outside = new ArrayList<>();
        for (TargetTables.ForeignKey fk : TargetTables.foreignKeys(admin, oids)) {
            if (fk.from() == fk.to()) {
                continue; // checked at the end of the COPY statement: rows may come in any order
            }
            if (byTarget.containsKey(fk.to())) {
                edges.computeIfAbsent(fk.from(), k -> new ArrayList<>()).add(fk.to());
            } else {
                outside.add(byTarget.get(fk.from()).table().qualifiedName() + " → " + TargetTables.nameOf(admin, fk.to()));
            }
        }
        if (!outside.isEmpty()) {
            notes.add("--data-only: foreign keys to tables this load does not fill, whose rows must already be on"
                    + " the target: " + String.join(", ", outside));
        }
        Map<Long, List<String>> triggers = TargetTables.triggers(admin, oids);
        if (!triggers.isEmpty()) {
            notes.add("--data-only: the target's triggers fired for the loaded rows (disabling them needs a"
                    + " superuser): " + triggers.entrySet().stream().map(e -> byTarget.get(e.getKey()).table()
                    .qualifiedName() + " (" + String.join(", ", e.getValue()) + ")").collect(Collectors.joining(", ")));
        }
        List<Group> groups = new ArrayList<>();
        for (List<Long> component : ForeignKeyCycles.components(oids, edges)) {
            groups.add(new Group(component.stream().map(byTarget::get).toList()));
        }
        return groups;
    }

    /** The source's values of the sequences the loaded columns own, and of other selected sequences. */
    private static SequenceValues sequences(Catalog catalog, ObjectScope scope, List<Load> loads) {
        List<SequenceValue> out = new ArrayList<>();
        Map<Long, Load> loaded = new HashMap<>();
        loads.forEach(l -> loaded.put(l.table().oid(), l));
        for (Load l : loads) {
            for (Column c : l.table().columns()) {
                if (c.identitySequence() != null && l.match().columns().contains(c.name())) {
                    out.add(new SequenceValue(l.table().qualifiedName(), c.name(), null,
                            c.identitySequence().lastValue(), c.identitySequence().isCalled()));
                }
            }
        }
        for (Sequence s : catalog.objects().sequences()) {
            Sequence.OwnedBy o = s.ownedBy();
            Load owner = o == null ? null : loaded.get(o.tableOid());
            if (owner != null && owner.match().columns().contains(o.column())) {
                out.add(new SequenceValue(owner.table().qualifiedName(), o.column(), null, s.lastValue(), s.isCalled()));
            } else if (owner == null && scope.relationSelected(s.header().oid())) {
                out.add(new SequenceValue(null, null, s.qualifiedName(), s.lastValue(), s.isCalled()));
            }
        }
        return new SequenceValues(out);
    }

    private void runLoads(List<Group> groups, SequenceValues sequences, SnapshotHolder holder)
            throws CopyFailedException, InterruptedException {
        Map<Long, RunProgress.TableState> states = new HashMap<>();
        List<DataTask> tasks = new ArrayList<>();
        List<Dependency> order = new ArrayList<>();
        Map<Long, String> keyOf = new HashMap<>();
        for (Group g : groups) {
            String key = Keys.data(g.loads().get(0).table().oid());
            g.loads().forEach(l -> keyOf.put(l.target().oid(), key));
        }
        for (Group g : groups) {
            long bytes = 0;
            for (Load l : g.loads()) {
                Table t = l.table();
                states.put(t.oid(), progress.addTable(t.qualifiedName(), t.estimatedBytes(), t.estimatedRows()));
                bytes += t.estimatedBytes();
            }
            String key = keyOf.get(g.loads().get(0).target().oid());
            tasks.add(new DataTask("load of " + g.loads().stream().map(l -> l.table().qualifiedName())
                    .collect(Collectors.joining(", ")), key, bytes, g));
            order.add(new Dependency("pgbarge:sequences", key, 'n'));
        }
        // the planner orders the loads: each group's key after the keys of the groups it references
        for (Group g : groups) {
            for (Load l : g.loads()) {
                for (Long to : references.getOrDefault(l.target().oid(), List.of())) {
                    String from = keyOf.get(l.target().oid());
                    String dep = keyOf.get(to);
                    if (dep != null && !dep.equals(from)) {
                        order.add(new Dependency(from, dep, 'n'));
                    }
                }
            }
        }
        if (!sequences.values().isEmpty()) {
            tasks.add(new DataTask("sequence values", "pgbarge:sequences", 0, sequences));
        }
        List<Step> steps = Planner.build(List.of(), order, List.of(), tasks, TargetRoles.ALL, true, false).steps();
        progress.addSteps(steps.size());
        Executor executor = new Executor(options.jobs(),
                i -> new WorkerSessions("worker-" + i, source, holder::join, target, DatabaseCopy.targetSession()),
                (step, s) -> {
                    Instant begun = Instant.now();
                    Object payload = step.task().payload();
                    if (payload instanceof Group g) {
                        load(g, s, states);
                    } else {
                        setSequences((SequenceValues) payload, s);
                    }
                    progress.stepFinished("LOAD", step.describe(), Duration.between(begun, Instant.now()));
                }, 3);
        try {
            executor.run(steps);
        } catch (StepFailedException e) {
            throw new CopyFailedException(e.render() + "\nEach table is loaded in its own transaction: the tables"
                    + " loaded before the failure keep their rows, the others are " + (options.clean()
                    ? "empty (--clean emptied them)" : "as they were") + ". Fix the cause and run the same command"
                    + (options.clean() ? "" : " with --clean") + " again to load all of them anew.", e);
        }
    }

    private void load(Group g, WorkerSessions s, Map<Long, RunProgress.TableState> states) throws StepFailedException {
        Load current = g.loads().get(0);
        try {
            Connection tc = s.target();
            Connection sc = s.source();
            tc.setAutoCommit(false);
            try {
                if (g.loads().size() > 1) {
                    try (var st = tc.createStatement()) {
                        st.execute("SET CONSTRAINTS ALL DEFERRED");
                    }
                }
                Map<Load, CopyPump.Counts> counts = new LinkedHashMap<>();
                for (Load l : g.loads()) {
                    current = l;
                    RunProgress.TableState state = states.get(l.table().oid());
                    state.bytes.set(0);
                    progress.tableStarted(state);
                    CopyPump.Counts c = CopyPump.pump(sc, l.copyOut(), tc, l.copyIn(), state);
                    if (c.sourceRows() != c.targetRows()) {
                        throw new SQLException("the source sent " + c.sourceRows() + " rows but the target stored "
                                + c.targetRows());
                    }
                    counts.put(l, c);
                }
                tc.commit();
                analyze(g, tc);
                counts.forEach((l, c) -> {
                    progress.tableFinished(states.get(l.table().oid()), c.targetRows());
                    copied.put(l.table().oid(), new CopyResult.TableRows(l.table().qualifiedName(), c.targetRows(), c.bytes()));
                });
            } catch (SQLException | RuntimeException e) {
                try {
                    tc.rollback();
                } catch (SQLException ignored) {
                    // the session is discarded
                }
                throw e;
            } finally {
                try {
                    tc.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // the session is discarded
                }
            }
        } catch (SQLException e) {
            g.loads().forEach(l -> progress.tableFailed(states.get(l.table().oid())));
            String server = e instanceof CopyPump.SideException side ? side.side : "target";
            String what = "data-only load of table " + current.table().qualifiedName() + (g.loads().size() > 1
                    ? " (loaded in one transaction with " + g.loads().stream().filter(l -> l != g.loads().get(0))
                    .map(l -> l.table().qualifiedName()).collect(Collectors.joining(", ")) + ", "
                    + g.loads().get(0).table().qualifiedName() + ": their foreign keys form a cycle, which loads only"
                    + " when the keys are DEFERRABLE)" : "");
            throw new StepFailedException(what, server, null, e instanceof CopyPump.SideException ? e.getCause() : e);
        }
    }

    /** Fresh statistics for the loaded tables, as after a full copy; a failure is only a note. */
    private void analyze(Group g, Connection tc) throws SQLException {
        if (!options.analyze()) {
            return;
        }
        tc.setAutoCommit(true);
        for (Load l : g.loads()) {
            try (var st = tc.createStatement()) {
                st.execute("ANALYZE " + l.table().qualifiedName());
            } catch (SQLException e) {
                progress.note("ANALYZE " + l.table().qualifiedName() + " failed, statistics left to autovacuum: "
                        + io.pgbarge.exec.PgError.of(e).message());
            }
        }
    }

    /** Sets each sequence the target's column owns (whatever its name there) to the source's value. */
    private void setSequences(SequenceValues values, WorkerSessions s) throws StepFailedException {
        String sql = "SELECT pg_catalog.setval(seq::pg_catalog.regclass, ?, ?) FROM (SELECT COALESCE(pg_catalog.pg_get_serial_sequence(?, ?),"
                + " CASE WHEN ?::text IS NOT NULL THEN pg_catalog.to_regclass(?)::text END) AS seq) x WHERE seq IS NOT NULL";
        List<String> missing = new ArrayList<>();
        int set = 0;
        try {
            Connection tc = s.target();
            for (SequenceValue v : values.values()) {
                try (var ps = tc.prepareStatement(sql)) {
                    ps.setLong(1, v.lastValue());
                    ps.setBoolean(2, v.isCalled());
                    ps.setString(3, v.targetTable());
                    ps.setString(4, v.column());
                    ps.setString(5, v.sequence());
                    ps.setString(6, v.sequence());
                    try (var rs = ps.executeQuery()) {
                        if (rs.next()) {
                            set++;
                        } else {
                            missing.add(v.sequence() != null ? v.sequence()
                                    : "of column " + v.targetTable() + "." + Sql.ident(v.column()));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new StepFailedException("setting sequence values", "target", sql, e);
        }
        if (set > 0) {
            progress.note("--data-only: set " + set + " sequence value(s) on the target to the source's");
        }
        if (!missing.isEmpty()) {
            progress.note("--data-only: no sequence on the target for " + String.join(", ", missing)
                    + "; its value was not set");
        }
    }

    private static CopyFailedException usage(String message) {
        return new CopyFailedException(CopyFailedException.Reason.USAGE, message, null);
    }
}
