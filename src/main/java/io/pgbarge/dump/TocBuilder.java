package io.pgbarge.dump;

import io.pgbarge.archive.Section;
import io.pgbarge.archive.TocEntry;
import io.pgbarge.catalog.Catalog;
import io.pgbarge.catalog.Dependency;
import io.pgbarge.catalog.ExtensionConfigTable;
import io.pgbarge.catalog.LargeObject;
import io.pgbarge.catalog.Table;
import io.pgbarge.ddl.Keys;
import io.pgbarge.ddl.LargeObjectDdl;
import io.pgbarge.ddl.Sql;
import io.pgbarge.ddl.Statement;
import io.pgbarge.plan.Plan;
import io.pgbarge.plan.Step;
import io.pgbarge.select.ObjectNames;
import io.pgbarge.select.ObjectScope;
import io.pgbarge.select.StatementNames;
import io.pgbarge.select.TableFilter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps a plan to an archive's TOC the way pg_dump writes one: the ENCODING, STDSTRINGS and SEARCHPATH
 * entries, then one entry per statement (pre-data in plan order, then the data — TABLE DATA, SEQUENCE
 * SET, BLOBS — then post-data in the order of the plan's steps), with pg_dump's desc words, tags,
 * namespaces, DROP statements, owners and dependencies.
 *
 * <p>Owners: OWNER statements do not become entries. Their role goes into the owner field of the
 * entry that creates the object, for the kinds pg_restore itself writes {@code ALTER … OWNER TO} for
 * (and leaves out with {@code --no-owner}); only an owner change pg_restore could not express stays a
 * statement of its own (desc OWNER).
 */
final class TocBuilder {
    /** pg_restore's list of descs it sets owners of (_printTocEntry). */
    static final Set<String> OWNABLE = Set.of("AGGREGATE", "BLOB", "COLLATION", "CONVERSION", "DATABASE", "DOMAIN",
            "FUNCTION", "OPERATOR", "OPERATOR CLASS", "OPERATOR FAMILY", "PROCEDURE", "PROCEDURAL LANGUAGE", "SCHEMA",
            "EVENT TRIGGER", "TABLE", "TYPE", "VIEW", "MATERIALIZED VIEW", "SEQUENCE", "FOREIGN TABLE",
            "TEXT SEARCH DICTIONARY", "TEXT SEARCH CONFIGURATION", "FOREIGN DATA WRAPPER", "SERVER", "STATISTICS",
            "PUBLICATION", "SUBSCRIPTION");
    /** Descs whose object pg_restore names by the DROP statement (_getObjectDescription). */
    static final Set<String> NAMED_BY_DROP = Set.of("AGGREGATE", "FUNCTION", "OPERATOR", "OPERATOR CLASS",
            "OPERATOR FAMILY", "PROCEDURE");
    /** Descs pg_restore knows have no owner of their own. */
    static final Set<String> NO_SEPARATE_OWNER = Set.of("CAST", "CHECK CONSTRAINT", "CONSTRAINT", "DATABASE PROPERTIES",
            "DEFAULT", "FK CONSTRAINT", "INDEX", "RULE", "TRIGGER", "ROW SECURITY", "POLICY", "USER MAPPING");
    private static final Map<String, Long> CATALOG_OIDS = Map.ofEntries(Map.entry("pg_class", 1259L),
            Map.entry("pg_type", 1247L), Map.entry("pg_proc", 1255L), Map.entry("pg_namespace", 2615L),
            Map.entry("pg_constraint", 2606L), Map.entry("pg_extension", 3079L), Map.entry("pg_trigger", 2620L),
            Map.entry("pg_attrdef", 2604L), Map.entry("pg_rewrite", 2618L), Map.entry("pg_policy", 3256L),
            Map.entry("pg_collation", 3456L), Map.entry("pg_operator", 2617L), Map.entry("pg_cast", 2605L));

    /** The rows of one table (or large objects) to write into a data entry. */
    record DataJob(int dumpId, Step step, String label, Table table, String copyOut, List<Long> largeObjects,
                   long estimatedBytes, long estimatedRows) {
    }

    record Result(List<TocEntry> entries, List<DataJob> jobs, List<String> notes) {
    }

    private static final class Draft {
        int id;
        Statement statement;
        String desc;
        Section section;
        String tag;
        String namespace;
        String defn;
        String drop;
        String copyStmt;
        String owner;
        boolean hadDumper;
        long tableOid;
        long oid;
        final Set<Integer> deps = new LinkedHashSet<>();
        final Set<String> provides = new LinkedHashSet<>();
        final Set<String> requires = new LinkedHashSet<>();
    }

    private final Catalog catalog;
    private final DumpOptions options;
    private final List<Draft> drafts = new ArrayList<>();
    private final Map<String, Draft> providedBy = new HashMap<>();
    private final List<DataJob> jobs = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<Statement, String> namespaces = new IdentityHashMap<>();
    private final Map<Statement, String> tags = new IdentityHashMap<>();
    private final Map<String, Draft> acls = new HashMap<>();
    private ObjectScope scope;
    private boolean largeObjectsPlaced;

    private TocBuilder(Catalog catalog, DumpOptions options) {
        this.catalog = catalog;
        this.options = options;
    }

    /**
     * @param relations the source's relations, for -n/-N/-t/-T
     */
    static Result build(Plan plan, Catalog catalog, DumpOptions options, List<TableFilter.Relation> relations) {
        return new TocBuilder(catalog, options).run(plan, relations);
    }

    private Result run(Plan plan, List<TableFilter.Relation> relations) {
        List<Statement> pre = plan.preData();
        List<Object> data = new ArrayList<>();
        List<Statement> post = new ArrayList<>();
        for (Step s : plan.steps()) {
            switch (s.kind()) {
                case COPY, TASK -> data.add(s);
                case SQL -> {
                    if (s.statement().section() == io.pgbarge.ddl.Section.DATA) {
                        data.add(s.statement());
                    } else {
                        post.add(s.statement());
                    }
                }
                case ANALYZE -> {
                }
            }
        }
        Map<String, Statement> providers = new HashMap<>();
        List<Statement> all = new ArrayList<>(pre);
        data.stream().filter(o -> o instanceof Statement).map(o -> (Statement) o).forEach(all::add);
        all.addAll(post);
        for (Statement s : all) {
            s.provides().forEach(k -> providers.putIfAbsent(k, s));
            name(s);
        }
        scope = new ObjectScope(options.filter(), relations, catalog.dependencies(), providers, namespaces);

        header("ENCODING", "SET client_encoding = 'UTF8';\n");
        header("STDSTRINGS", "SET standard_conforming_strings = 'on';\n");
        header("SEARCHPATH", "SELECT pg_catalog.set_config('search_path', '', false);\n");
        for (Statement s : pre) {
            statement(s, Section.PRE_DATA);
        }
        if (!largeObjectsPlaced) {
            largeObjects();
        }
        for (Object o : data) {
            if (o instanceof Statement s) {
                statement(s, Section.DATA);
            } else {
                dataStep((Step) o);
            }
        }
        for (Statement s : post) {
            statement(s, Section.POST_DATA);
        }
        link(catalog.dependencies());
        inheritOwners();
        List<TocEntry> entries = new ArrayList<>();
        for (Draft d : drafts) {
            entries.add(new TocEntry(d.id, d.hadDumper, d.tableOid, d.oid, d.tag, d.desc, d.section, d.defn, d.drop,
                    d.copyStmt, d.namespace, null, null, 0, options.noOwner() ? null : d.owner, false,
                    List.copyOf(d.deps), null, null));
        }
        return new Result(entries, jobs, notes);
    }

    // ---------------------------------------------------------------------------------------------
    // Entries
    // ---------------------------------------------------------------------------------------------

    private Draft add(String desc, Section section, String tag, String namespace) {
        Draft d = new Draft();
        d.id = drafts.size() + 1;
        d.desc = desc;
        d.section = section;
        d.tag = tag;
        d.namespace = namespace;
        drafts.add(d);
        return d;
    }

    private void header(String desc, String defn) {
        Draft d = add(desc, Section.PRE_DATA, desc, null);
        d.defn = defn;
    }

    private void statement(Statement s, Section section) {
        if (isLargeObject(s)) {
            largeObjectStatement(s);
            return;
        }
        if (!wanted(s) || !scope.keep(s)) {
            return;
        }
        if (s.kind().equals("OWNER")) {
            owner(s);
            return;
        }
        if (s.kind().equals("ACL") && acls.containsKey(s.name())) {
            // one ACL entry per object, as pg_dump: parallel restores must not run its GRANTs side by side
            Draft d = acls.get(s.name());
            d.defn += sqlOf(s);
            d.requires.addAll(s.requires());
            return;
        }
        boolean decoration = s.kind().equals("COMMENT") || s.kind().equals("ACL") || s.kind().equals("SECURITY LABEL");
        Draft d = add(s.kind(), decoration ? Section.NONE : section, tags.get(s), namespaces.get(s));
        d.statement = s;
        d.defn = sqlOf(s);
        d.drop = dropOf(s);
        d.provides.addAll(s.provides());
        d.requires.addAll(s.requires());
        if (s.kind().equals("ACL")) {
            acls.put(s.name(), d);
        }
        String main = mainKey(s);
        if (main != null) {
            d.tableOid = CATALOG_OIDS.getOrDefault(main.substring(0, main.indexOf(':')), 0L);
            d.oid = Keys.oid(main);
        }
        provide(d);
    }

    /** Statement kinds each dump mode keeps. */
    private boolean wanted(Statement s) {
        String k = s.kind();
        if (options.noOwner() && k.equals("OWNER")) {
            return false;
        }
        if (options.noPrivileges() && (k.equals("ACL") || k.equals("DEFAULT ACL"))) {
            return false;
        }
        if (options.dataOnly()) {
            return k.equals("SEQUENCE SET");
        }
        return !(options.schemaOnly() && k.equals("SEQUENCE SET"));
    }

    private void provide(Draft d) {
        for (String k : d.provides) {
            providedBy.putIfAbsent(k, d);
        }
    }

    private static String sqlOf(Statement s) {
        String sql = s.sql().strip();
        return sql.endsWith(";") ? sql + "\n" : sql + ";\n";
    }

    /** The key of the object a statement creates, for the entry's catalog id. */
    private static String mainKey(Statement s) {
        String best = null;
        for (String k : s.provides()) {
            if (Keys.isData(k) || !k.contains(":")) {
                continue;
            }
            try {
                Keys.oid(k);
            } catch (NumberFormatException e) {
                continue;
            }
            if (k.startsWith("pg_class:") || k.startsWith("pg_proc:") || k.startsWith("pg_namespace:")
                    || k.startsWith("pg_extension:")) {
                return k;
            }
            if (best == null || k.compareTo(best) < 0) {
                best = k;
            }
        }
        return best;
    }

    private void owner(Statement s) {
        String role = s.roles().stream().findFirst().orElse(null);
        String objectDesc = s.name(); // "<OBJECT TYPE> <identity>", as in ALTER … OWNER TO
        Draft creator = null;
        for (String k : s.requires()) {
            Draft d = providedBy.get(k);
            if (d != null) {
                creator = d;
                break;
            }
        }
        if (role != null && creator != null && OWNABLE.contains(creator.desc)
                && (creator.owner == null || creator.owner.equals(role)) && describes(creator, objectDesc)) {
            creator.owner = role;
            if (NAMED_BY_DROP.contains(creator.desc) || creator.drop == null) {
                creator.drop = "DROP " + objectDesc + ";\n";
            }
            return;
        }
        if (role != null && creator != null && role.equals(creator.owner)) {
            return; // e.g. an identity sequence: it goes with its table's owner
        }
        if (creator == null && objectDesc.equals("SCHEMA public")) {
            if (!role.equals("pg_database_owner")) {
                // as pg_dump: the public schema exists already; the entry carries its owner
                Draft d = add("SCHEMA", Section.PRE_DATA, "public", null);
                d.defn = "-- *not* creating schema, since initdb creates it\n";
                d.drop = "-- *not* dropping schema, since initdb creates it\n";
                d.owner = role;
                d.tableOid = 2615;
                d.oid = 2200;
                d.provides.add(Keys.namespace(2200));
                provide(d);
            }
            return;
        }
        Draft d = add("OWNER", Section.PRE_DATA, objectDesc, namespaces.get(s));
        d.statement = s;
        d.defn = sqlOf(s);
        d.requires.addAll(s.requires());
    }

    /** Whether pg_restore's ALTER for this entry names the object the OWNER statement names. */
    private static boolean describes(Draft d, String objectDesc) {
        if (NAMED_BY_DROP.contains(d.desc)) {
            return objectDesc.startsWith(d.desc + " ");
        }
        String expected = d.desc + " " + (d.namespace != null && !d.namespace.isEmpty()
                ? Sql.ident(d.namespace) + "." : "") + Sql.ident(d.tag);
        return expected.equals(objectDesc);
    }

    // ---------------------------------------------------------------------------------------------
    // Data
    // ---------------------------------------------------------------------------------------------

    private void dataStep(Step step) {
        if (options.schemaOnly()) {
            return;
        }
        if (step.kind() == Step.Kind.COPY) {
            Table t = step.table();
            if (!scope.dataSelected(t.oid())) {
                return;
            }
            Draft d = add("TABLE DATA", Section.DATA, t.name(), t.schema());
            String cols = t.copyColumns().isEmpty() ? "" : " " + t.copyColumnList();
            d.copyStmt = "COPY " + t.qualifiedName() + cols + " FROM stdin;\n";
            d.hadDumper = true;
            d.oid = t.oid();
            d.owner = t.owner();
            Draft table = providedBy.get(Keys.rel(t.oid()));
            if (table != null) {
                d.deps.add(table.id);
                if (table.owner != null) {
                    d.owner = table.owner;
                }
            }
            d.provides.add(Keys.data(t.oid()));
            provide(d);
            jobs.add(new DataJob(d.id, step, t.qualifiedName(), t, "COPY " + t.qualifiedName() + cols + " TO STDOUT",
                    null, t.estimatedBytes(), t.estimatedRows()));
            return;
        }
        Object payload = step.task().payload();
        if (LargeObjectDdl.CONTENTS_KEY.equals(step.task().provides())) {
            if (!largeObjectsIncluded()) {
                return;
            }
            Draft d = add("BLOBS", Section.DATA, "BLOBS", null);
            d.hadDumper = true;
            d.provides.add(LargeObjectDdl.CONTENTS_KEY);
            provide(d);
            jobs.add(new DataJob(d.id, step, "large objects", null, null, catalog.database().largeObjectOids(),
                    step.task().estimatedBytes(), catalog.database().largeObjects().size()));
        } else if (payload instanceof ExtensionConfigTable t && !t.isSequence()) {
            if (!scope.everything() && !options.filter().includeEverything()) {
                return;
            }
            // as pg_dump: the rows the user added to an extension's configuration table
            Draft d = add("TABLE DATA", Section.DATA, t.name(), t.schema());
            d.copyStmt = "COPY " + t.qualifiedName() + " FROM stdin;\n";
            d.hadDumper = true;
            d.oid = t.oid();
            Draft ext = providedBy.get(Keys.rel(t.oid()));
            if (ext != null) {
                d.deps.add(ext.id);
            }
            String where = t.whereClause() == null ? "" : " " + t.whereClause();
            jobs.add(new DataJob(d.id, step, t.qualifiedName(), null,
                    "COPY (SELECT * FROM ONLY " + t.qualifiedName() + where + ") TO STDOUT", null, 0, 0));
        } else if (payload instanceof ExtensionConfigTable t) {
            notes.add("the state of extension " + t.extension() + "'s sequence " + t.qualifiedName()
                    + " is not dumped; CREATE EXTENSION starts it anew");
        }
    }

    private boolean largeObjectsIncluded() {
        return !options.schemaOnly() && options.filter().includeEverything()
                && !catalog.database().largeObjects().isEmpty();
    }

    private static boolean isLargeObject(Statement s) {
        return s.kind().equals("LARGE OBJECT") || s.provides().stream().anyMatch(k -> k.startsWith("pg_largeobject:"))
                || s.requires().stream().anyMatch(k -> k.startsWith("pg_largeobject:"));
    }

    /** The statements of large objects: BLOB entries from the catalog instead, comments and grants as pg_dump tags them. */
    private void largeObjectStatement(Statement s) {
        if (!largeObjectsPlaced) {
            largeObjects();
        }
        if (!largeObjectsIncluded() || s.kind().equals("LARGE OBJECT") || s.kind().equals("OWNER")) {
            return;
        }
        if (options.noPrivileges() && s.kind().equals("ACL")) {
            return;
        }
        String first = s.name().replaceFirst("^LARGE OBJECT ", "").split(" ")[0];
        Draft d = add(s.kind(), Section.NONE, "LARGE OBJECT " + first, null);
        d.statement = s;
        d.defn = sqlOf(s);
        d.requires.addAll(s.requires());
    }

    private void largeObjects() {
        largeObjectsPlaced = true;
        if (!largeObjectsIncluded()) {
            return;
        }
        for (LargeObject lo : catalog.database().largeObjects()) {
            Draft d = add("BLOB", Section.PRE_DATA, Long.toString(lo.oid()), null);
            d.defn = "SELECT pg_catalog.lo_create('" + lo.oid() + "');\n";
            d.drop = "SELECT pg_catalog.lo_unlink('" + lo.oid() + "');\n";
            d.owner = lo.owner();
            d.tableOid = 2613;
            d.oid = lo.oid();
            d.provides.add(Keys.of("pg_largeobject", lo.oid()));
            provide(d);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Dependencies and owners
    // ---------------------------------------------------------------------------------------------

    private void link(List<Dependency> dependencies) {
        for (Draft d : drafts) {
            for (String k : d.requires) {
                Draft p = providedBy.get(k);
                if (p != null && p.id < d.id) {
                    d.deps.add(p.id);
                }
            }
        }
        for (Dependency dep : dependencies) {
            if (dep.type() == 'i') {
                continue;
            }
            Draft from = providedBy.get(dep.from());
            Draft to = providedBy.get(dep.to());
            if (from != null && to != null && to.id < from.id && !from.desc.equals("TABLE DATA")) {
                from.deps.add(to.id);
            }
        }
    }

    /** Entries without an owner of their own show their object's owner, as pg_dump's do. */
    private void inheritOwners() {
        Map<Integer, Draft> byId = new HashMap<>();
        drafts.forEach(d -> byId.put(d.id, d));
        for (Draft d : drafts) {
            if (d.owner != null || d.desc.equals("BLOBS") || d.desc.equals("OWNER") || d.id <= 3) {
                continue;
            }
            if (d.drop != null && !NO_SEPARATE_OWNER.contains(d.desc)) {
                continue;
            }
            for (int id : d.deps) {
                Draft p = byId.get(id);
                if (p != null && p.owner != null && !p.desc.equals("SCHEMA")) {
                    d.owner = p.owner;
                    break;
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Names
    // ---------------------------------------------------------------------------------------------

    private void name(Statement s) {
        StatementNames.Name n = StatementNames.of(s);
        namespaces.put(s, n.namespace());
        tags.put(s, n.tag());
    }

    /** The entry's DROP statement: from what the statement creates, or the obvious one for a table's parts. */
    private static String dropOf(Statement s) {
        if (s.creates() != null) {
            return "DROP " + s.creates().objectType() + " " + s.creates().identity() + ";\n";
        }
        ObjectNames.Chain c = ObjectNames.chain(s.name(), 0);
        String rest = s.name().substring(c.end()).strip();
        if (c.size() == 2 && !rest.isEmpty() && ObjectNames.chain(rest, 0).end() == rest.length()) {
            String table = String.join(".", c.raw());
            return switch (s.kind()) {
                case "CONSTRAINT", "FK CONSTRAINT", "CHECK CONSTRAINT" ->
                        "ALTER TABLE ONLY " + table + " DROP CONSTRAINT " + rest + ";\n";
                case "TRIGGER" -> "DROP TRIGGER " + rest + " ON " + table + ";\n";
                case "POLICY" -> "DROP POLICY " + rest + " ON " + table + ";\n";
                case "RULE" -> "DROP RULE " + rest + " ON " + table + ";\n";
                default -> null;
            };
        }
        if (c.size() == 3 && rest.isEmpty() && s.kind().equals("DEFAULT")) {
            return "ALTER TABLE " + c.raw().get(0) + "." + c.raw().get(1) + " ALTER COLUMN " + c.raw().get(2)
                    + " DROP DEFAULT;\n";
        }
        return null;
    }
}
