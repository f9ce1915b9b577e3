package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A text search parser (parsers have no owner). The functions are regproc text, qualified when
 * outside pg_catalog; {@code headline} may be null.
 */
public record TextSearchParser(ObjectHeader header, String start, String getToken, String end, String headline,
                               String lexTypes, List<Long> functionOids) {

    public TextSearchParser {
        functionOids = List.copyOf(functionOids);
    }

    static List<TextSearchParser> read(Connection c, ServerInfo server) throws SQLException {
        String sql = "SELECT " + TypeSystemObjects.header("p.oid", "n.nspname", "p.prsname", null, "pg_ts_parser")
                + ", p.prsstart::pg_catalog.text AS start, p.prstoken::pg_catalog.text AS token,"
                + " p.prsend::pg_catalog.text AS \"end\","
                + " CASE WHEN p.prsheadline <> 0 THEN p.prsheadline::pg_catalog.text END AS headline,"
                + " p.prslextype::pg_catalog.text AS lextype,"
                + " p.prsstart::pg_catalog.oid AS o1, p.prstoken::pg_catalog.oid AS o2, p.prsend::pg_catalog.oid AS o3,"
                + " p.prsheadline::pg_catalog.oid AS o4, p.prslextype::pg_catalog.oid AS o5"
                + " FROM pg_catalog.pg_ts_parser p JOIN pg_catalog.pg_namespace n ON n.oid = p.prsnamespace"
                + " WHERE " + CatalogQuery.userSchema("n") + " AND " + CatalogQuery.userObject("pg_ts_parser", "p.oid")
                + " ORDER BY n.nspname, p.prsname";
        return CatalogQuery.list(c, sql, rs -> new TextSearchParser(ObjectHeader.from(rs), rs.getString("start"),
                rs.getString("token"), rs.getString("end"), rs.getString("headline"), rs.getString("lextype"),
                List.of(rs.getLong("o1"), rs.getLong("o2"), rs.getLong("o3"), rs.getLong("o4"), rs.getLong("o5"))));
    }
}
