package io.pgbarge.ddl;

import io.pgbarge.catalog.Constraint;
import io.pgbarge.catalog.Index;
import io.pgbarge.catalog.Table;
import io.pgbarge.catalog.TableObjects;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Lookups the table generators share: tables, indexes and constraints by oid, and the inheritance tree. */
final class TableSet {
    private final Map<Long, Table> tables = new HashMap<>();
    private final Map<Long, List<Long>> children = new HashMap<>();
    private final Map<Long, Index> indexes = new HashMap<>();
    private final Map<Long, List<Long>> childIndexes = new HashMap<>();
    private final Map<Long, Constraint> constraints = new HashMap<>();
    private final Map<Long, Boolean> standalone = new HashMap<>();

    TableSet(TableObjects objects) {
        for (Table t : objects.tables()) {
            tables.put(t.oid(), t);
            for (long parent : t.details().parentOids()) {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(t.oid());
            }
        }
        for (Index i : objects.indexes()) {
            indexes.put(i.oid(), i);
            if (i.parentOid() != 0) {
                childIndexes.computeIfAbsent(i.parentOid(), k -> new ArrayList<>()).add(i.oid());
            }
        }
        for (Constraint c : objects.constraints()) {
            constraints.put(c.oid(), c);
        }
    }

    Table table(long oid) {
        return tables.get(oid);
    }

    Index index(long oid) {
        return indexes.get(oid);
    }

    Constraint constraint(long oid) {
        return constraints.get(oid);
    }

    /**
     * Whether the table is created standalone, listing every column and CHECK constraint it has, and
     * joined to its parent afterwards: a partition (ATTACH PARTITION), or an inheritance child whose
     * column order INHERITS would not keep (ALTER TABLE … INHERIT, see {@link ChildColumnOrder}).
     */
    boolean standalone(Table t) {
        return standalone.computeIfAbsent(t.oid(), k -> t.details().partition()
                || (!t.details().parentOids().isEmpty() && !ChildColumnOrder.keptByInherits(t, this)));
    }

    boolean hasChildren(long tableOid) {
        return children.containsKey(tableOid);
    }

    /**
     * The rows a statement on this relation has to wait for: its own, or for a partitioned table those
     * of every leaf partition below it. Relations that are not ours (materialized views) get their own key,
     * which their refresh provides.
     */
    Set<String> dataKeys(long relOid) {
        Set<String> out = new LinkedHashSet<>();
        collectData(relOid, out, 0);
        return out;
    }

    private void collectData(long oid, Set<String> out, int depth) {
        Table t = tables.get(oid);
        if (t == null || t.hasData()) {
            out.add(Keys.data(oid));
        }
        if (t != null && t.relkind() == 'p' && depth < 100) {
            for (long child : children.getOrDefault(oid, List.of())) {
                collectData(child, out, depth + 1);
            }
        }
    }

    /** The keys of every ATTACH of an index below this partitioned index (see {@link IndexDdl#attachKey}). */
    Set<String> attachKeysBelow(long indexOid) {
        Set<String> out = new LinkedHashSet<>();
        List<Long> todo = new ArrayList<>(childIndexes.getOrDefault(indexOid, List.of()));
        while (!todo.isEmpty()) {
            long child = todo.remove(todo.size() - 1);
            if (out.add(IndexDdl.attachKey(child))) {
                todo.addAll(childIndexes.getOrDefault(child, List.of()));
            }
        }
        return out;
    }

    /** Whether a foreign table is among the partitions below this partitioned table, at any depth. */
    boolean hasForeignPartition(long tableOid) {
        List<Long> todo = new ArrayList<>(children.getOrDefault(tableOid, List.of()));
        for (int i = 0; i < todo.size() && i < 100_000; i++) {
            Table t = tables.get(todo.get(i));
            if (t != null && t.relkind() == 'f') {
                return true;
            }
            todo.addAll(children.getOrDefault(todo.get(i), List.of()));
        }
        return false;
    }

    /** The keys of every index attached below this partitioned index, at any depth. */
    Set<String> indexKeysBelow(long indexOid) {
        Set<String> out = new LinkedHashSet<>();
        List<Long> todo = new ArrayList<>(childIndexes.getOrDefault(indexOid, List.of()));
        while (!todo.isEmpty()) {
            long child = todo.remove(todo.size() - 1);
            if (out.add(Keys.rel(child))) {
                todo.addAll(childIndexes.getOrDefault(child, List.of()));
            }
        }
        return out;
    }

    /** The PRIMARY KEY or UNIQUE constraint that owns an index, or null (an FK may reference a bare unique index). */
    Constraint constraintOfIndex(long indexOid) {
        Index i = indexes.get(indexOid);
        return i == null || i.constraintOid() == 0 ? null : constraints.get(i.constraintOid());
    }
}
