package io.pgbarge.copy;

import io.pgbarge.catalog.Catalog;
import io.pgbarge.catalog.Dependency;
import io.pgbarge.catalog.Table;
import io.pgbarge.ddl.Keys;
import io.pgbarge.ddl.Statement;
import io.pgbarge.select.ObjectScope;
import io.pgbarge.select.StatementNames;
import io.pgbarge.select.TableFilter;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The part of the source a copy with {@code -n/-N/-t/-T} takes, decided on the statements before
 * planning, with pg_dump's rules ({@link ObjectScope}). Then what the selected objects need that the
 * selection left out — the tables their foreign keys point to, their types and domains, sequences and
 * functions their defaults use, their schema — is looked up on the target: what the target lacks is
 * refused by name, or copied too with {@code --with-dependencies} (and what that needs in turn).
 */
public final class SelectedObjects {
    private final ObjectScope scope;
    private final List<Statement> statements;

    private SelectedObjects(ObjectScope scope, List<Statement> statements) {
        this.scope = scope;
        this.statements = statements;
    }

    /** The statements kept. */
    public List<Statement> statements() {
        return statements;
    }

    /** The tables whose rows are copied: selected, and not named by --exclude-table-data. */
    public List<Table> dataTables(List<Table> tables) {
        return tables.stream().filter(t -> scope.dataSelected(t.oid())).toList();
    }

    public ObjectScope scope() {
        return scope;
    }

    /**
     * @param relations the source's relations as the patterns see them (read before search_path was emptied)
     * @param target    to look up the objects the selection needs
     * @param notes     what --with-dependencies added
     */
    public static SelectedObjects select(TableSelection selection, Catalog catalog, List<TableFilter.Relation> relations,
                                         List<Statement> all, Connection target, List<String> notes)
            throws CopyFailedException, SQLException {
        TableFilter filter = selection.filter();
        checkMatches(filter, catalog, relations);
        Map<String, Statement> providers = new HashMap<>();
        Map<Statement, String> namespaces = new IdentityHashMap<>();
        for (Statement s : all) {
            s.provides().forEach(k -> providers.putIfAbsent(k, s));
            namespaces.put(s, StatementNames.of(s).namespace());
        }
        ObjectScope scope = new ObjectScope(filter, relations, catalog.dependencies(), providers, namespaces);
        if (scope.everything()) {
            return new SelectedObjects(scope, all);
        }
        Needs needs = new Needs(scope, all, providers, catalog.dependencies());
        Map<Statement, Set<String>> missing = new LinkedHashMap<>();
        Map<Statement, Set<String>> excluded = new LinkedHashMap<>();
        Set<Statement> lookedUp = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        // what the selection needs, then what that needs in turn, until the target has all of it
        while (true) {
            Map<Statement, Set<String>> needed = needs.unmet();
            needed.keySet().removeIf(lookedUp::contains);
            if (needed.isEmpty()) {
                break;
            }
            lookedUp.addAll(needed.keySet());
            Set<Statement> present = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            present.addAll(TargetConflicts.find(target, new ArrayList<>(needed.keySet())));
            present.addAll(existingExtensions(target, needed.keySet()));
            Set<Long> addRelations = new LinkedHashSet<>();
            Set<Statement> addStatements = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (var e : needed.entrySet()) {
                Statement p = e.getKey();
                if (present.contains(p)) {
                    continue;
                }
                Long rel = needs.relationOf(p);
                if (explicitlyExcluded(filter, scope, rel, namespaces.get(p), p)) {
                    excluded.put(p, e.getValue());
                    continue;
                }
                missing.put(p, e.getValue());
                if (rel != null) {
                    addRelations.add(rel);
                } else {
                    addStatements.add(p);
                }
            }
            if (addRelations.isEmpty() && addStatements.isEmpty()) {
                break;
            }
            scope.include(addRelations, addStatements);
        }
        if (!excluded.isEmpty()) {
            throw new CopyFailedException(CopyFailedException.Reason.USAGE, "the selected objects need "
                    + excluded.size() + " object(s) that -T/-N exclude and the target does not have:\n"
                    + list(excluded) + "\nNothing was changed on the target. Create them on the target first,"
                    + " or do not exclude them.", null);
        }
        if (!missing.isEmpty() && !selection.withDependencies()) {
            throw new CopyFailedException(CopyFailedException.Reason.USAGE, "the selected objects need "
                    + missing.size() + " object(s) the selection leaves out and the target does not have:\n"
                    + list(missing) + "\nNothing was changed on the target. Add --with-dependencies to copy them"
                    + " too, select them with -t/-n, or create them on the target first.", null);
        }
        if (!missing.isEmpty()) {
            notes.add("--with-dependencies: also copied " + missing.size() + " object(s) the selection needs and the"
                    + " target lacked: " + missing.keySet().stream().map(SelectedObjects::label)
                    .collect(Collectors.joining(", ")));
        }
        List<Statement> kept = all.stream().filter(scope::keep).toList();
        return new SelectedObjects(scope, kept);
    }

    /** A -t or -n pattern that matches nothing on the source is refused: users mistype names. */
    static void checkMatches(TableFilter filter, Catalog catalog, List<TableFilter.Relation> relations)
            throws CopyFailedException {
        String mismatch = filter.checkMatches(relations, catalog.objects().schemas().stream().map(s -> s.name()).toList());
        if (mismatch != null) {
            throw new CopyFailedException(CopyFailedException.Reason.USAGE, mismatch + " on the source"
                    + " (patterns follow pg_dump's rules: unquoted names are folded to lower case, * and ? are"
                    + " wildcards, \"Quoted\" names are exact, an unqualified -t name finds tables on the"
                    + " source's search_path). Nothing was changed on the target.", null);
        }
    }

    /** The conflict check leaves extensions out (they are created IF NOT EXISTS): look them up here. */
    private static List<Statement> existingExtensions(Connection target, Set<Statement> statements) throws SQLException {
        List<Statement> out = new ArrayList<>();
        for (Statement s : statements) {
            if (s.creates() != null && s.creates().objectType().equals("EXTENSION")) {
                try (var st = target.createStatement();
                     var rs = st.executeQuery("SELECT (" + s.creates().lookup() + ") IS NOT NULL")) {
                    if (rs.next() && rs.getBoolean(1)) {
                        out.add(s);
                    }
                }
            }
        }
        return out;
    }

    /** -T and -N win over --with-dependencies: what the user excluded is not brought back. */
    private static boolean explicitlyExcluded(TableFilter filter, ObjectScope scope, Long rel, String namespace,
                                              Statement p) {
        if (rel != null) {
            TableFilter.Relation r = scope.relation(rel);
            if (r != null && (filter.excludeTables().stream().anyMatch(x -> x.matchesRelation(r.schema(), r.name(), r.visible()))
                    || filter.excludeSchemas().stream().anyMatch(x -> x.matchesSchema(r.schema())))) {
                return true;
            }
        }
        String ns = p.creates() != null && p.creates().objectType().equals("SCHEMA")
                ? StatementNames.of(p).tag() : namespace;
        return ns != null && filter.excludeSchemas().stream().anyMatch(x -> x.matchesSchema(ns));
    }

    private static String label(Statement p) {
        return p.creates().objectType().toLowerCase() + " " + p.creates().identity();
    }

    private static String list(Map<Statement, Set<String>> objects) {
        return objects.entrySet().stream().limit(30)
                .map(e -> "  " + label(e.getKey()) + " (needed by " + String.join(", ", e.getValue().stream().limit(3).toList())
                        + (e.getValue().size() > 3 ? ", …" : "") + ")")
                .collect(Collectors.joining("\n"))
                + (objects.size() > 30 ? "\n  … and " + (objects.size() - 30) + " more" : "");
    }

    /** What kept statements need and the scope leaves out, as the statements that create it. */
    private static final class Needs {
        private final ObjectScope scope;
        private final List<Statement> all;
        private final Map<String, Statement> providers;
        private final Map<String, List<String>> normalEdges = new HashMap<>();

        Needs(ObjectScope scope, List<Statement> all, Map<String, Statement> providers, List<Dependency> deps) {
            this.scope = scope;
            this.all = all;
            this.providers = providers;
            for (Dependency d : deps) {
                if (d.type() == 'n') {
                    normalEdges.computeIfAbsent(d.from(), k -> new ArrayList<>()).add(d.to());
                }
            }
        }

        /** Each statement creating something needed (a relation's own CREATE for its parts), with who needs it. */
        Map<Statement, Set<String>> unmet() {
            Map<Statement, Set<String>> out = new LinkedHashMap<>();
            for (Statement s : all) {
                if (!scope.keep(s)) {
                    continue;
                }
                Set<String> keys = new TreeSet<>(s.requires());
                for (String k : s.provides()) {
                    keys.addAll(normalEdges.getOrDefault(k, List.of()));
                }
                for (String k : keys) {
                    if (Keys.isData(k)) {
                        continue;
                    }
                    Statement p = creatorOf(k);
                    if (p != null && p != s && !scope.keep(p) && p.creates() != null) {
                        out.computeIfAbsent(p, x -> new TreeSet<>()).add(s.kind().toLowerCase() + " " + s.name());
                    }
                }
            }
            // pg_depend edges of parts no statement provides (column defaults): they belong to their table
            for (var e : normalEdges.entrySet()) {
                Long owner = scope.ownerRelation(e.getKey());
                if (owner == null || !scope.relationSelected(owner) || providers.containsKey(e.getKey())) {
                    continue;
                }
                for (String k : e.getValue()) {
                    Statement p = creatorOf(k);
                    Statement table = providers.get(Keys.rel(owner));
                    if (p != null && p != table && !scope.keep(p) && p.creates() != null) {
                        out.computeIfAbsent(p, x -> new TreeSet<>()).add(table == null ? "relation " + owner
                                : table.kind().toLowerCase() + " " + table.name());
                    }
                }
            }
            return out;
        }

        /** The statement that creates the key's object, or its relation's CREATE for a part of one. */
        private Statement creatorOf(String key) {
            Long rel = scope.ownerRelation(key);
            if (rel != null) {
                if (scope.relationSelected(rel)) {
                    return null;
                }
                Statement create = providers.get(Keys.rel(rel));
                if (create != null && create.creates() != null) {
                    return create;
                }
            }
            return providers.get(key);
        }

        /** The relation a creating statement creates, or null for other objects. */
        Long relationOf(Statement p) {
            for (String k : p.provides()) {
                if (k.startsWith("pg_class:") && scope.relation(Keys.oid(k)) != null) {
                    return Keys.oid(k);
                }
            }
            return null;
        }
    }
}
