package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A procedural language made by CREATE LANGUAGE, not by an extension (plpgsql and the contrib
 * languages are extensions, and come with CREATE EXTENSION).
 *
 * @param trusted   whether unprivileged users may create functions in it
 * @param handler   the call handler, regproc (qualified when outside pg_catalog)
 * @param inline    the DO block handler, or null
 * @param validator the validator, or null
 */
public record ProceduralLanguage(ObjectHeader header, boolean trusted, String handler, long handlerOid,
                                 String inline, long inlineOid, String validator, long validatorOid) {

    static List<ProceduralLanguage> read(Connection c, ServerInfo server) throws SQLException {
        String sql = "SELECT " + ObjectHeader.columns("l.oid", "NULL::pg_catalog.name", "l.lanname", "l.lanowner",
                "pg_language", "l.lanacl", 'l')
                + ", l.lanpltrusted, l.lanplcallfoid::pg_catalog.regproc::pg_catalog.text AS handler, l.lanplcallfoid,"
                + " CASE WHEN l.laninline <> 0 THEN l.laninline::pg_catalog.regproc::pg_catalog.text END AS inline,"
                + " l.laninline,"
                + " CASE WHEN l.lanvalidator <> 0 THEN l.lanvalidator::pg_catalog.regproc::pg_catalog.text END AS validator,"
                + " l.lanvalidator"
                + " FROM pg_catalog.pg_language l WHERE l.lanispl AND " + CatalogQuery.userObject("pg_language", "l.oid")
                + " ORDER BY l.lanname";
        return CatalogQuery.list(c, sql, rs -> new ProceduralLanguage(ObjectHeader.from(rs), rs.getBoolean("lanpltrusted"),
                rs.getString("handler"), rs.getLong("lanplcallfoid"), rs.getString("inline"), rs.getLong("laninline"),
                rs.getString("validator"), rs.getLong("lanvalidator")));
    }
}
