package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the user's tables (relkind r, p and f) from pg_class, with their columns and parents. */
final class TableReader {
    private TableReader() {
    }

    static List<Table> read(Connection c, ServerInfo server) throws SQLException {
        Map<Long, List<Long>> parents = parents(c);
        Map<Long, List<Column>> columns = ColumnReader.read(c, server);
        // relam exists since 12; partitioned tables have relam 0 before 17, so the LEFT JOIN gives NULL.
        String sql = "SELECT c.oid, n.nspname, c.relname, c.relkind, c.relpersistence,"
                + " pg_catalog.pg_get_userbyid(c.relowner) AS owner, c.reltuples::bigint AS reltuples,"
                + " pg_catalog.pg_table_size(c.oid) AS bytes,"
                + " pg_catalog.obj_description(c.oid, 'pg_class') AS comment, c.relacl::text AS acl,"
                + " pg_catalog.acldefault('r', c.relowner)::text AS default_acl,"
                + " c.relnamespace, c.reltype, c.relispartition,"
                + " CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END AS partkey,"
                + " pg_catalog.pg_get_expr(c.relpartbound, c.oid) AS partbound,"
                + " c.reloptions, tc.reloptions AS toast_reloptions,"
                + " CASE WHEN am.amname <> 'heap' THEN am.amname END AS am,"
                + " CASE WHEN c.reloftype <> 0 THEN pg_catalog.format_type(c.reloftype, NULL) END AS oftype,"
                + " c.relreplident, c.relrowsecurity, c.relforcerowsecurity,"
                + " ft.ftserver, fs.srvname, ft.ftoptions"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN pg_catalog.pg_foreign_table ft ON ft.ftrelid = c.oid"
                + " LEFT JOIN pg_catalog.pg_foreign_server fs ON fs.oid = ft.ftserver"
                + " LEFT JOIN pg_catalog.pg_class tc ON tc.oid = c.reltoastrelid"
                + " LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam"
                + " WHERE c.oid IN (" + TableScope.TABLES + ")"
                + " ORDER BY c.oid";
        return CatalogQuery.list(c, sql, rs -> {
            long oid = rs.getLong("oid");
            Table.Details d = new Table.Details(rs.getLong("relnamespace"), rs.getLong("reltype"),
                    rs.getBoolean("relispartition"), rs.getString("partkey"), rs.getString("partbound"),
                    parents.getOrDefault(oid, List.of()), TableScope.textArray(rs, "reloptions"),
                    TableScope.textArray(rs, "toast_reloptions"), rs.getString("am"), rs.getString("oftype"),
                    TableScope.ch(rs, "relreplident"), rs.getBoolean("relrowsecurity"),
                    rs.getBoolean("relforcerowsecurity"), foreign(rs));
            return new Table(oid, rs.getString("nspname"), rs.getString("relname"), TableScope.ch(rs, "relkind"),
                    TableScope.ch(rs, "relpersistence"), rs.getString("owner"), columns.getOrDefault(oid, List.of()),
                    rs.getLong("reltuples"), rs.getLong("bytes"), rs.getString("comment"), rs.getString("acl"),
                    rs.getString("default_acl"), d);
        });
    }

    private static ForeignTable foreign(ResultSet rs) throws SQLException {
        String server = rs.getString("srvname");
        return server == null ? null
                : new ForeignTable(rs.getLong("ftserver"), server, TableScope.textArray(rs, "ftoptions"));
    }

    /** Each table's parents in declaration order (inhseqno). */
    private static Map<Long, List<Long>> parents(Connection c) throws SQLException {
        Map<Long, List<Long>> out = new HashMap<>();
        String sql = "SELECT inhrelid, inhparent FROM pg_catalog.pg_inherits"
                + " WHERE inhrelid IN (" + TableScope.TABLES + ") ORDER BY inhrelid, inhseqno";
        for (long[] e : CatalogQuery.list(c, sql, rs -> new long[] {rs.getLong(1), rs.getLong(2)})) {
            out.computeIfAbsent(e[0], k -> new ArrayList<>()).add(e[1]);
        }
        return out;
    }
}
