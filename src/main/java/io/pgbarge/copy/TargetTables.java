package io.pgbarge.copy;

import io.pgbarge.catalog.Table;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The target's side of a data-only load: the tables that already exist there under the source's
 * names, their columns, whether they hold rows, their foreign keys and their triggers. Read from the
 * target's catalogs by name, since its oids and column order are its own.
 */
final class TargetTables {
    private TargetTables() {
    }

    /** A target column as the load sees it. */
    record Column(String name, String type, boolean generated, boolean notNull, boolean hasDefault) {
    }

    /** A target table matching a source table by schema and name. */
    record Found(long oid, char relkind, List<Column> columns) {
        Column column(String name) {
            return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
        }

        /** ONLY for a plain table; a partitioned one has its rows in its partitions. */
        String only() {
            return relkind == 'p' ? "" : "ONLY ";
        }
    }

    /** A foreign key between target tables: {@code from} references {@code to}. */
    record ForeignKey(long from, long to, String name, boolean deferrable) {
    }

    /** For each source table, the target table of the same name, or no entry when there is none. */
    static Map<Table, Found> find(Connection target, List<Table> tables) throws SQLException {
        Map<Table, Found> out = new LinkedHashMap<>();
        if (tables.isEmpty()) {
            return out;
        }
        String sql = "SELECT i.ord, c.oid, c.relkind FROM ROWS FROM (pg_catalog.unnest(?::text[]), pg_catalog.unnest(?::text[])) WITH ORDINALITY AS i(nsp, rel, ord)"
                + " JOIN pg_catalog.pg_namespace n ON n.nspname = i.nsp"
                + " JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = i.rel AND c.relkind IN ('r', 'p')";
        Map<Long, Table> byTargetOid = new HashMap<>();
        Map<Long, Character> kinds = new HashMap<>();
        try (var ps = target.prepareStatement(sql)) {
            ps.setArray(1, target.createArrayOf("text", tables.stream().map(Table::schema).toArray()));
            ps.setArray(2, target.createArrayOf("text", tables.stream().map(Table::name).toArray()));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    byTargetOid.put(rs.getLong(2), tables.get(rs.getInt(1) - 1));
                    kinds.put(rs.getLong(2), rs.getString(3).charAt(0));
                }
            }
        }
        if (byTargetOid.isEmpty()) {
            return out;
        }
        Map<Long, List<Column>> columns = new HashMap<>();
        String cols = "SELECT a.attrelid, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attgenerated <> '',"
                + " a.attnotnull, a.atthasdef OR a.attidentity <> ''"
                + " FROM pg_catalog.pg_attribute a WHERE a.attrelid = ANY (?::oid[]) AND a.attnum > 0 AND NOT a.attisdropped"
                + " ORDER BY a.attrelid, a.attnum";
        try (var ps = target.prepareStatement(cols)) {
            ps.setArray(1, target.createArrayOf("bigint", byTargetOid.keySet().toArray()));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Column(rs.getString(2),
                            rs.getString(3), rs.getBoolean(4), rs.getBoolean(5), rs.getBoolean(6)));
                }
            }
        }
        for (Table t : tables) {
            for (var e : byTargetOid.entrySet()) {
                if (e.getValue() == t) {
                    out.put(t, new Found(e.getKey(), kinds.get(e.getKey()), List.copyOf(columns.getOrDefault(e.getKey(), List.of()))));
                }
            }
        }
        return out;
    }

    /** Whether the table holds any row. */
    static boolean hasRows(Connection target, Table t, Found f) throws SQLException {
        try (var st = target.createStatement();
             var rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM " + f.only() + t.qualifiedName() + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** The foreign keys of these target tables (to any table). */
    static List<ForeignKey> foreignKeys(Connection target, List<Long> oids) throws SQLException {
        List<ForeignKey> out = new ArrayList<>();
        String sql = "SELECT conrelid, confrelid, conname, condeferrable FROM pg_catalog.pg_constraint"
                + " WHERE contype = 'f' AND conrelid = ANY (?::oid[])";
        try (var ps = target.prepareStatement(sql)) {
            ps.setArray(1, target.createArrayOf("bigint", oids.toArray()));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ForeignKey(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4)));
                }
            }
        }
        return out;
    }

    /** The target's name of a relation, for messages. */
    static String nameOf(Connection target, long oid) throws SQLException {
        try (var ps = target.prepareStatement("SELECT ?::oid::regclass::text")) {
            ps.setLong(1, oid);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** Enabled user triggers of these tables, by table oid: they fire while rows are loaded. */
    static Map<Long, List<String>> triggers(Connection target, List<Long> oids) throws SQLException {
        Map<Long, List<String>> out = new LinkedHashMap<>();
        String sql = "SELECT tgrelid, tgname FROM pg_catalog.pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'"
                + " AND tgrelid = ANY (?::oid[]) ORDER BY tgrelid, tgname";
        try (var ps = target.prepareStatement(sql)) {
            ps.setArray(1, target.createArrayOf("bigint", oids.toArray()));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return out;
    }
}
