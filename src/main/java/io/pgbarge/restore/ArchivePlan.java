package io.pgbarge.restore;

import io.pgbarge.archive.Archive;
import io.pgbarge.archive.TocEntry;
import io.pgbarge.ddl.Section;
import io.pgbarge.ddl.Sql;
import io.pgbarge.ddl.Statement;
import io.pgbarge.plan.DataTask;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the selected TOC entries of an archive into the engine's inputs: a {@link Statement} per
 * statement of each definition (keyed {@code dump:<dumpId>}, requiring its dependencies), the
 * {@code ALTER … OWNER TO} statements pg_restore adds, a {@link DataTask} per TABLE DATA and BLOBS
 * entry, the session settings of the ENCODING/STDSTRINGS/SEARCHPATH entries, and --clean's drops.
 *
 * <p>As pg_restore's {@code repoint_table_dependencies} does, post-data entries that depend on a
 * table also wait for its data: indexes, constraints and triggers are built on the loaded table.
 *
 * @param statements pre-data, data (SEQUENCE SET, large-object creation) and post-data statements
 * @param tasks      data loads (payloads {@link TableDataLoad}, {@link LargeObjectLoad}, {@link SequentialLoad})
 * @param settings   SQL run on every target session before any work
 * @param drops      --clean: DROP … IF EXISTS of the entries, in reverse order; empty without --clean
 * @param notes      what was adapted
 */
public record ArchivePlan(List<Statement> statements, List<DataTask> tasks, List<String> settings,
                          List<String> drops, List<String> notes) {

    /** The one key of the data of a sequential archive (all loads are one task). */
    static final String ALL_DATA = "dump:data";

    private static final Pattern GRANTEE = Pattern.compile(
            "\\b(?:TO|FROM|AUTHORIZATION|GRANTED BY|FOR ROLE)\\s+((?:\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_$]*)(?:\\s*,\\s*(?:\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_$]*))*)");
    private static final Set<String> NOT_ROLES = Set.of("public", "current_user", "session_user", "current_role");

    /**
     * Tables whose data takes less than this in the archive (compressed, when it is) are loaded in one
     * step each; a few megabytes of rows take tens of milliseconds to load and index, so above that the
     * round trips and commits saved are lost in the noise, and a larger table's index builds gain from
     * running on several workers.
     */
    static final long LOAD_MAX_BYTES = 1L << 20;

    /**
     * A TABLE entry that is one CREATE TABLE of a plain table: not a partition, a partitioned table or an
     * inheritance child (their CREATE needs or locks another table), in the default access method.
     */
    static boolean plainCreate(TocEntry table) {
        if (!table.desc().equals("TABLE") || table.defn() == null
                || table.tableam() != null && !table.tableam().isBlank() && !"heap".equals(table.tableam())) {
            return false;
        }
        List<String> parts = Definitions.split(table.defn());
        if (parts.size() != 1) {
            return false;
        }
        String sql = parts.get(0);
        String upper = sql.toUpperCase(java.util.Locale.ROOT);
        return (upper.startsWith("CREATE TABLE ") || upper.startsWith("CREATE UNLOGGED TABLE "))
                && !upper.contains(" PARTITION OF ") && !upper.contains("\nPARTITION BY ")
                && !upper.contains(" PARTITION BY ") && !upper.contains("INHERITS (");
    }

    static String key(int dumpId) {
        return "dump:" + dumpId;
    }

    public static ArchivePlan build(Archive archive, List<SelectedEntry> selected, RestoreOptions options) {
        return new Builder(archive, selected, options).build();
    }

    private static final class Builder {
        final Archive archive;
        final List<SelectedEntry> selected;
        final RestoreOptions options;
        final Map<Integer, TocEntry> byId = new HashMap<>();
        /** TABLE dump id → the dump id of its TABLE DATA, for the data loaded in this run. */
        final Map<Integer, Integer> tableData = new HashMap<>();
        /** MATERIALIZED VIEW dump id → its MATERIALIZED VIEW DATA dump id, when refreshed in this run. */
        final Map<Integer, Integer> matviewData = new HashMap<>();
        final Set<Integer> dataIds = new HashSet<>();
        final boolean sequential;
        final List<Statement> statements = new ArrayList<>();
        final List<DataTask> tasks = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        Builder(Archive archive, List<SelectedEntry> selected, RestoreOptions options) {
            this.archive = archive;
            this.selected = selected;
            this.options = options;
            this.sequential = archive.isSequential();
            for (TocEntry e : archive.entries()) {
                byId.put(e.dumpId(), e);
            }
        }

        ArchivePlan build() {
            Set<Integer> createdTables = new HashSet<>();
            for (SelectedEntry s : selected) {
                TocEntry e = s.entry();
                if (s.schema() && e.desc().equals("TABLE")) {
                    createdTables.add(e.dumpId());
                }
                if (s.data() && e.hadDumper() && (e.isTableData() || e.isLargeObjects())) {
                    dataIds.add(e.dumpId());
                    if (e.isTableData() && !e.dependencies().isEmpty()) {
                        tableData.put(e.dependencies().get(0), e.dumpId());
                    }
                }
                if (s.schema() && e.desc().equals("MATERIALIZED VIEW DATA") && !e.dependencies().isEmpty()) {
                    matviewData.put(e.dependencies().get(0), e.dumpId());
                }
            }
            Map<Integer, Long> sizes = DataSizes.of(archive);
            List<Object> sequentialLoads = new ArrayList<>();
            long sequentialBytes = 0;
            for (SelectedEntry s : selected) {
                TocEntry e = s.entry();
                if (dataIds.contains(e.dumpId())) {
                    Object load;
                    String what;
                    if (e.isTableData()) {
                        boolean created = !e.dependencies().isEmpty() && createdTables.contains(e.dependencies().get(0));
                        TableDataLoad t = new TableDataLoad(e, created);
                        load = t;
                        what = "data of " + t.table();
                    } else {
                        load = new LargeObjectLoad(e);
                        what = "large objects of entry " + e.dumpId();
                    }
                    long bytes = sizes.getOrDefault(e.dumpId(), 0L);
                    if (sequential) {
                        sequentialLoads.add(load);
                        sequentialBytes += bytes;
                    } else {
                        tasks.add(new DataTask(what, key(e.dumpId()), bytes, load, loadInOneStep(load, bytes)));
                    }
                    continue;
                }
                if (s.schema() || (s.data() && !e.hadDumper())) {
                    addStatements(s);
                }
            }
            if (sequential && !sequentialLoads.isEmpty()) {
                // file order: the archive is read as it arrives
                sequentialLoads.sort((a, b) -> Integer.compare(position(a), position(b)));
                tasks.add(new DataTask("data of " + sequentialLoads.size() + " entries, in archive order", ALL_DATA,
                        sequentialBytes, new SequentialLoad(sequentialLoads)));
            }
            return new ArchivePlan(List.copyOf(statements), List.copyOf(tasks), settings(), drops(), List.copyOf(notes));
        }

        /**
         * A small table created by this restore is loaded in one step: its rows, then its own indexes and
         * constraints in the same transaction (see {@code plan.TableLoads}); the step also creates it when
         * its entry is one plain CREATE TABLE (see {@code plan.LoadCreates}).
         */
        private DataTask.Load loadInOneStep(Object load, long bytes) {
            if (!(load instanceof TableDataLoad t) || !t.truncate() || bytes >= LOAD_MAX_BYTES
                    || t.entry().copyStmt() == null
                    || !Definitions.trim(t.entry().copyStmt()).regionMatches(true, 0, "COPY ", 0, 5)) {
                return null;
            }
            TocEntry table = byId.get(t.entry().dependencies().get(0));
            return new DataTask.Load(table != null && plainCreate(table) ? key(table.dumpId()) : null);
        }

        private int position(Object load) {
            TocEntry e = load instanceof TableDataLoad t ? t.entry() : ((LargeObjectLoad) load).entry();
            return archive.entries().indexOf(e);
        }

        private void addStatements(SelectedEntry s) {
            TocEntry e = s.entry();
            String name = e.namespace() == null || e.namespace().isEmpty() ? e.tag() : e.namespace() + "." + e.tag();
            Set<String> requires = requires(s);
            boolean acl = EntrySelection.isAcl(e.desc());
            List<String> parts = acl ? List.of(Definitions.trim(e.defn())) : Definitions.split(e.defn());
            if (e.tableam() != null && !e.tableam().isBlank() && !"heap".equals(e.tableam()) && parts.size() >= 1) {
                List<String> withAm = new ArrayList<>();
                withAm.add("SET default_table_access_method = " + Sql.ident(e.tableam()));
                withAm.addAll(parts);
                withAm.add("RESET default_table_access_method");
                parts = withAm;
            }
            // a policy's TO list names roles too: one missing on the target leaves the policy out, as copy does
            Set<String> roles = acl || e.desc().equals("POLICY") ? roles(e.defn()) : Set.of();
            String previous = null;
            for (int i = 0; i < parts.size(); i++) {
                boolean last = i == parts.size() - 1;
                String provides = last ? key(e.dumpId()) : key(e.dumpId()) + ":" + i;
                Set<String> req = new LinkedHashSet<>(requires);
                if (previous != null) {
                    req.add(previous);
                }
                Statement st = new Statement(e.desc(), name, s.section(), parts.get(i), Set.of(provides), req, roles,
                        last ? creates(e) : null);
                statements.add(st);
                previous = provides;
            }
            if (!options.noOwner() && !parts.isEmpty()) {
                for (String owner : OwnerCommand.of(e)) {
                    statements.add(new Statement("OWNER", name, s.section(), owner, Set.of(),
                            Set.of(key(e.dumpId())), Set.of(e.owner()), null));
                }
            }
        }

        private Set<String> requires(SelectedEntry s) {
            TocEntry e = s.entry();
            Set<String> req = new LinkedHashSet<>();
            for (int d : e.dependencies()) {
                req.add(dataKey(d));
            }
            boolean postData = e.section() == io.pgbarge.archive.Section.POST_DATA;
            if (postData) {
                for (int d : e.dependencies()) {
                    Integer data = tableData.get(d);
                    if (data != null) {
                        req.add(dataKey(data));
                    }
                }
            }
            if (e.desc().equals("MATERIALIZED VIEW DATA")) {
                req.addAll(refreshInputs(e));
            }
            return req;
        }

        /** The key that stands for an entry: its own, or the one key of all data of a sequential archive. */
        private String dataKey(int dumpId) {
            return sequential && dataIds.contains(dumpId) ? ALL_DATA : key(dumpId);
        }

        /** A refresh reads every table (and materialized view) its view reads, however indirectly. */
        private Set<String> refreshInputs(TocEntry refresh) {
            Set<String> out = new LinkedHashSet<>();
            Set<Integer> seen = new HashSet<>();
            ArrayDeque<Integer> todo = new ArrayDeque<>(refresh.dependencies());
            while (!todo.isEmpty()) {
                int id = todo.pop();
                if (!seen.add(id)) {
                    continue;
                }
                Integer data = tableData.get(id);
                if (data != null) {
                    out.add(dataKey(data));
                }
                Integer mv = matviewData.get(id);
                if (mv != null && mv != refresh.dumpId()) {
                    out.add(key(mv));
                }
                TocEntry e = byId.get(id);
                if (e != null) {
                    todo.addAll(e.dependencies());
                }
            }
            return out;
        }

        private Statement.Created creates(TocEntry e) {
            String qualified = e.namespace() == null || e.namespace().isEmpty() ? Sql.ident(e.tag())
                    : Sql.qualified(e.namespace(), e.tag());
            switch (e.desc()) {
                case "TABLE", "VIEW", "MATERIALIZED VIEW", "SEQUENCE", "FOREIGN TABLE", "INDEX":
                    return new Statement.Created(e.desc(), qualified,
                            "pg_catalog.to_regclass(" + Sql.literal(qualified) + ")");
                case "TYPE", "DOMAIN":
                    return new Statement.Created(e.desc(), qualified,
                            "pg_catalog.to_regtype(" + Sql.literal(qualified) + ")");
                case "SCHEMA":
                    return new Statement.Created("SCHEMA", Sql.ident(e.tag()),
                            "pg_catalog.to_regnamespace(" + Sql.literal(Sql.ident(e.tag())) + ")");
                case "FUNCTION", "PROCEDURE": {
                    String drop = e.dropStmt() == null ? "" : Definitions.trim(e.dropStmt());
                    String prefix = "DROP " + e.desc() + " ";
                    if (!drop.startsWith(prefix)) {
                        return null;
                    }
                    String identity = drop.substring(prefix.length());
                    return new Statement.Created(e.desc(), identity,
                            "pg_catalog.to_regprocedure(" + Sql.literal(identity) + ")");
                }
                default:
                    return null;
            }
        }

        private List<String> settings() {
            List<String> out = new ArrayList<>();
            for (TocEntry e : archive.entries()) {
                if ((e.desc().equals("STDSTRINGS") || e.desc().equals("SEARCHPATH"))
                        && e.defn() != null && !e.defn().isBlank()) {
                    out.addAll(Definitions.split(e.defn()));
                }
                // ENCODING: pgjdbc sessions stay UTF8; COPY data is converted from the archive's encoding
            }
            return List.copyOf(out);
        }

        private List<String> drops() {
            if (!options.clean()) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (int i = selected.size() - 1; i >= 0; i--) {
                SelectedEntry s = selected.get(i);
                if (!s.schema() && !(s.data() && !s.entry().hadDumper())) {
                    continue;
                }
                String drop = DropCommand.of(s.entry());
                if (drop != null) {
                    out.add(drop);
                }
            }
            return List.copyOf(out);
        }
    }

    /** The roles a GRANT/REVOKE/ALTER DEFAULT PRIVILEGES script names, besides PUBLIC. */
    static Set<String> roles(String sql) {
        Set<String> out = new LinkedHashSet<>();
        if (sql == null) {
            return out;
        }
        Matcher m = GRANTEE.matcher(sql);
        while (m.find()) {
            for (String part : m.group(1).split("\\s*,\\s*(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
                String r = part.strip();
                if (r.startsWith("\"") && r.endsWith("\"") && r.length() >= 2) {
                    r = r.substring(1, r.length() - 1).replace("\"\"", "\"");
                } else if (NOT_ROLES.contains(r)) {
                    continue;
                }
                if (!r.isEmpty()) {
                    out.add(r);
                }
            }
        }
        return out;
    }
}
