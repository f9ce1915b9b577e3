package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Reads the user's triggers on tables. */
final class TriggerReader {
    private TriggerReader() {
    }

    static List<Trigger> read(Connection c) throws SQLException {
        // Internal triggers implement FKs and are made again by ADD CONSTRAINT; so are FK triggers that
        // 13 and 14 may show as not internal. A trigger cloned onto a partition (tgparentid, 13+) is made
        // again by creating the partitioned table's trigger.
        String sql = "SELECT t.oid, t.tgrelid, t.tgname, pg_catalog.pg_get_triggerdef(t.oid, false) AS def, t.tgenabled,"
                + " pg_catalog.obj_description(t.oid, 'pg_trigger') AS comment"
                + " FROM pg_catalog.pg_trigger t"
                + " WHERE t.tgrelid IN (" + TableScope.TABLES + ") AND NOT t.tgisinternal AND t.tgparentid = 0"
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint co"
                + "   WHERE co.oid = t.tgconstraint AND co.contype = 'f')"
                + " ORDER BY t.tgrelid, t.tgname";
        return CatalogQuery.list(c, sql, rs -> new Trigger(rs.getLong("oid"), rs.getLong("tgrelid"),
                rs.getString("tgname"), rs.getString("def"), TableScope.ch(rs, "tgenabled"), rs.getString("comment")));
    }
}
