package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** A text search template (templates have no owner); {@code init} may be null. Functions as regproc text. */
public record TextSearchTemplate(ObjectHeader header, String init, long initOid, String lexize, long lexizeOid) {

    static List<TextSearchTemplate> read(Connection c, ServerInfo server) throws SQLException {
        String sql = "SELECT " + TypeSystemObjects.header("t.oid", "n.nspname", "t.tmplname", null, "pg_ts_template")
                + ", CASE WHEN t.tmplinit <> 0 THEN t.tmplinit::pg_catalog.text END AS init, t.tmplinit::pg_catalog.oid AS init_oid,"
                + " t.tmpllexize::pg_catalog.text AS lexize, t.tmpllexize::pg_catalog.oid AS lexize_oid"
                + " FROM pg_catalog.pg_ts_template t JOIN pg_catalog.pg_namespace n ON n.oid = t.tmplnamespace"
                + " WHERE " + CatalogQuery.userSchema("n") + " AND " + CatalogQuery.userObject("pg_ts_template", "t.oid")
                + " ORDER BY n.nspname, t.tmplname";
        return CatalogQuery.list(c, sql, rs -> new TextSearchTemplate(ObjectHeader.from(rs), rs.getString("init"),
                rs.getLong("init_oid"), rs.getString("lexize"), rs.getLong("lexize_oid")));
    }
}
