package io.pgbarge.catalog;

import io.pgbarge.ddl.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Reads the indexes of the user's tables and materialized views, including constraint indexes. */
final class IndexReader {
    private IndexReader() {
    }

    static List<Index> read(Connection c) throws SQLException {
        // Invalid indexes (a failed CREATE INDEX CONCURRENTLY) are left out, as pg_dump does; a partitioned
        // index is invalid until every partition has one attached, and is still part of the schema.
        String sql = "SELECT i.indexrelid, i.indrelid, n.nspname, ic.relname, ic.relkind,"
                + " pg_catalog.pg_get_indexdef(i.indexrelid) AS def, i.indisclustered, i.indisreplident,"
                + " COALESCE((SELECT inh.inhparent FROM pg_catalog.pg_inherits inh"
                + "   WHERE inh.inhrelid = i.indexrelid LIMIT 1), 0) AS parent,"
                + " COALESCE((SELECT co.oid FROM pg_catalog.pg_constraint co WHERE co.conindid = i.indexrelid"
                + "   AND co.conrelid = i.indrelid AND co.contype IN ('p', 'u', 'x') LIMIT 1), 0) AS constraint_oid,"
                + " pg_catalog.obj_description(i.indexrelid, 'pg_class') AS comment,"
                + " (SELECT a.amname FROM pg_catalog.pg_am a WHERE a.oid = ic.relam) AS am, ic.reloptions,"
                + " tn.nspname AS table_schema, t.relname AS table_name, t.relkind AS table_kind"
                + " FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = ic.relnamespace"
                + " JOIN pg_catalog.pg_class t ON t.oid = i.indrelid JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace"
                + " WHERE i.indrelid IN (" + TableScope.TABLES_AND_MATVIEWS + ")"
                + " AND i.indislive AND (i.indisvalid OR ic.relkind = 'I')"
                + " ORDER BY i.indrelid, ic.relname";
        return CatalogQuery.list(c, sql, rs -> new Index(rs.getLong("indexrelid"), rs.getLong("indrelid"),
                Sql.qualified(rs.getString("table_schema"), rs.getString("table_name")), TableScope.ch(rs, "table_kind") == 'm',
                rs.getString("nspname"), rs.getString("relname"), rs.getString("def"),
                TableScope.ch(rs, "relkind") == 'I', rs.getLong("parent"), rs.getLong("constraint_oid"),
                rs.getBoolean("indisclustered"), rs.getBoolean("indisreplident"), rs.getString("comment"),
                rs.getString("am"), EventTrigger.strings(rs.getArray("reloptions"))));
    }
}
