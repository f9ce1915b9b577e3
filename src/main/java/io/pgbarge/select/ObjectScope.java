package io.pgbarge.select;

import io.pgbarge.catalog.Dependency;
import io.pgbarge.ddl.Keys;
import io.pgbarge.ddl.Statement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which statements a filtered dump or copy keeps. Everything that belongs to a relation (its indexes,
 * constraints, triggers, defaults, rules, policies, statistics; found through pg_depend's automatic
 * and internal edges) follows the relation's selection; other named objects follow their schema;
 * decorations (comments, grants, owners, ALTERs) follow the objects they need.
 *
 * <p>A copy's {@code --with-dependencies} adds relations and statements the selection needs
 * ({@link #include}); their parts and decorations then follow them as they follow selected ones.
 */
public final class ObjectScope {
    /** Catalogs of objects that are selected by their schema (or, without one, only in a whole-database dump). */
    private static final Set<String> OBJECT_CATALOGS = Set.of("pg_type", "pg_proc", "pg_namespace", "pg_extension",
            "pg_operator", "pg_opclass", "pg_opfamily", "pg_collation", "pg_conversion", "pg_ts_config",
            "pg_ts_dict", "pg_ts_parser", "pg_ts_template", "pg_foreign_data_wrapper", "pg_foreign_server",
            "pg_event_trigger", "pg_publication", "pg_subscription", "pg_cast", "pg_language", "pg_am",
            "pg_transform", "pg_user_mapping", "pg_default_acl", "pg_largeobject");

    private final TableFilter filter;
    private final Map<Long, TableFilter.Relation> relations;
    private final Map<String, List<String>> autoEdges = new HashMap<>();
    private final Map<String, Statement> providers;
    private final Map<Statement, Boolean> decided = new HashMap<>();
    private final Map<String, Long> ownerRel = new HashMap<>();
    private final Map<Statement, String> namespaces;
    private final Set<Long> extraRelations = new HashSet<>();
    private final Set<Statement> extraStatements = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    /**
     * @param providers  key → the statement that provides it, over the whole plan
     * @param namespaces each statement's schema as its TOC entry will name it (null when none)
     */
    public ObjectScope(TableFilter filter, List<TableFilter.Relation> relations, List<Dependency> dependencies,
              Map<String, Statement> providers, Map<Statement, String> namespaces) {
        this.filter = filter;
        this.relations = new HashMap<>();
        for (TableFilter.Relation r : relations) {
            this.relations.put(r.oid(), r);
        }
        for (Dependency d : dependencies) {
            if (d.type() == 'a' || d.type() == 'i') {
                autoEdges.computeIfAbsent(d.from(), k -> new ArrayList<>()).add(d.to());
            }
        }
        this.providers = providers;
        this.namespaces = namespaces;
    }

    public boolean everything() {
        return filter.equals(TableFilter.ALL) && extraRelations.isEmpty() && extraStatements.isEmpty();
    }

    /** Adds relations (with their parts and rows) and statements (with their decorations) to the selection. */
    public void include(Set<Long> relationOids, Set<Statement> statements) {
        extraRelations.addAll(relationOids);
        extraStatements.addAll(statements);
        decided.clear();
    }

    /** The relation a key belongs to (itself, or the table of an index, constraint, default…), or null. */
    public Long ownerRelation(String key) {
        return ownerRelation(key, new HashSet<>());
    }

    /** The relation with this oid as the filter sees it, or null when it is not a user relation. */
    public TableFilter.Relation relation(long oid) {
        return relations.get(oid);
    }

    /** Whether the relation's rows are dumped (it is selected, and --exclude-table-data does not name it). */
    public boolean dataSelected(long tableOid) {
        TableFilter.Relation r = relations.get(tableOid);
        return r == null ? filter.includeEverything() : relationSelected(r) && !filter.dataExcluded(r);
    }

    public boolean relationSelected(long oid) {
        TableFilter.Relation r = relations.get(oid);
        return r == null ? filter.includeEverything() : relationSelected(r);
    }

    private boolean relationSelected(TableFilter.Relation r) {
        if (filter.relationSelected(r) || extraRelations.contains(r.oid())) {
            return true;
        }
        if (r.relkind() == 'S') {
            // a sequence owned by a column follows its table
            for (String to : autoEdges.getOrDefault(Keys.rel(r.oid()), List.of())) {
                if (to.startsWith("pg_class:")) {
                    TableFilter.Relation t = relations.get(Keys.oid(to));
                    if (t != null && t.relkind() != 'S' && (filter.relationSelected(t) || extraRelations.contains(t.oid()))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    public boolean keep(Statement s) {
        if (everything() || extraStatements.contains(s)) {
            return true;
        }
        Boolean d = decided.get(s);
        if (d != null) {
            return d;
        }
        decided.put(s, Boolean.TRUE); // a cycle keeps what it reaches
        boolean k = decide(s);
        decided.put(s, k);
        return k;
    }

    private boolean decide(Statement s) {
        Set<String> provided = new TreeSet<>();
        for (String k : s.provides()) {
            if (!Keys.isData(k)) {
                provided.add(k);
            }
        }
        for (String k : provided) {
            Long rel = ownerRelation(k, new HashSet<>());
            if (rel != null) {
                return relationSelected(rel);
            }
        }
        boolean namedObject = s.creates() != null
                || provided.stream().anyMatch(k -> OBJECT_CATALOGS.contains(k.substring(0, k.indexOf(':'))));
        if (namedObject) {
            return bySchema(s);
        }
        List<Statement> needs = new ArrayList<>();
        for (String k : new TreeSet<>(s.requires())) {
            if (Keys.isData(k)) {
                continue;
            }
            Statement p = providers.get(k);
            if (p != null && p != s) {
                needs.add(p);
            }
        }
        if (s.kind().equals("FK VALIDATE")) {
            // goes with the constraint it validates
            List<Statement> fk = needs.stream().filter(p -> p.kind().equals("FK CONSTRAINT")).toList();
            if (!fk.isEmpty()) {
                needs = fk;
            }
        }
        if (needs.isEmpty()) {
            for (String k : new TreeSet<>(s.requires())) {
                Long rel = ownerRelation(k, new HashSet<>());
                if (rel != null) {
                    return relationSelected(rel);
                }
            }
            return bySchema(s);
        }
        return needs.stream().allMatch(this::keep);
    }

    private boolean bySchema(Statement s) {
        String ns = namespaces.get(s);
        if (s.kind().equals("SCHEMA") && s.creates() != null) {
            ns = ObjectNames.unquoted(s.creates().identity());
        }
        return ns == null ? filter.includeEverything() : filter.schemaSelected(ns);
    }

    /** The relation (table, view, sequence…) an object belongs to, through automatic and internal edges. */
    private Long ownerRelation(String key, Set<String> seen) {
        if (ownerRel.containsKey(key)) {
            return ownerRel.get(key);
        }
        if (!seen.add(key)) {
            return null;
        }
        Long found = null;
        if (key.startsWith("pg_class:") && relations.containsKey(Keys.oid(key))) {
            found = Keys.oid(key);
        } else {
            for (String to : autoEdges.getOrDefault(key, List.of())) {
                found = ownerRelation(to, seen);
                if (found != null) {
                    break;
                }
            }
        }
        ownerRel.put(key, found);
        return found;
    }
}
