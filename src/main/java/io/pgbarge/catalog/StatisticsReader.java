package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Reads the extended statistics objects on the user's tables, materialized views and foreign tables. */
final class StatisticsReader {
    private StatisticsReader() {
    }

    static List<StatisticsObject> read(Connection c, ServerInfo server) throws SQLException {
        // stxstattarget (13+) is an int4 with -1 for "default" up to 16; 17 made it a nullable int2,
        // NULL for "default".
        String target = server.atLeast(17) ? "s.stxstattarget::integer"
                : "CASE WHEN s.stxstattarget >= 0 THEN s.stxstattarget END";
        String sql = "SELECT s.oid, n.nspname, s.stxname, s.stxrelid, pg_catalog.pg_get_userbyid(s.stxowner) AS owner,"
                + " pg_catalog.pg_get_statisticsobjdef(s.oid) AS def, " + target + " AS target,"
                + " pg_catalog.obj_description(s.oid, 'pg_statistic_ext') AS comment"
                + " FROM pg_catalog.pg_statistic_ext s JOIN pg_catalog.pg_namespace n ON n.oid = s.stxnamespace"
                + " WHERE s.stxrelid IN (" + TableScope.relations("'r', 'p', 'm', 'f'") + ")"
                + " AND " + CatalogQuery.userSchema("n") + " AND " + CatalogQuery.userObject("pg_statistic_ext", "s.oid")
                + " ORDER BY s.oid";
        return CatalogQuery.list(c, sql, rs -> {
            int t = rs.getInt("target");
            Integer statisticsTarget = rs.wasNull() ? null : t;
            return new StatisticsObject(rs.getLong("oid"), rs.getString("nspname"), rs.getString("stxname"),
                    rs.getLong("stxrelid"), rs.getString("owner"), rs.getString("def"), statisticsTarget,
                    rs.getString("comment"));
        });
    }
}
