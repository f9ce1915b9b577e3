package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A transform made by CREATE TRANSFORM; known by its type and language, without name or owner.
 *
 * @param type     the type, format_type
 * @param language the procedural language's name
 * @param fromSql  the FROM SQL function as regprocedure prints it, or null
 * @param toSql    the TO SQL function, or null
 */
public record Transform(long oid, String type, long typeOid, String language, long languageOid, String fromSql,
                        long fromSqlOid, String toSql, long toSqlOid, String comment) {

    static List<Transform> read(Connection c, ServerInfo server) throws SQLException {
        String sql = "SELECT t.oid, pg_catalog.format_type(t.trftype, NULL) AS type, t.trftype, l.lanname, t.trflang,"
                + " CASE WHEN t.trffromsql <> 0 THEN t.trffromsql::pg_catalog.regprocedure::pg_catalog.text END AS fromsql,"
                + " t.trffromsql::pg_catalog.oid AS fromsql_oid,"
                + " CASE WHEN t.trftosql <> 0 THEN t.trftosql::pg_catalog.regprocedure::pg_catalog.text END AS tosql,"
                + " t.trftosql::pg_catalog.oid AS tosql_oid,"
                + " pg_catalog.obj_description(t.oid, 'pg_transform') AS comment"
                + " FROM pg_catalog.pg_transform t JOIN pg_catalog.pg_language l ON l.oid = t.trflang"
                + " WHERE " + CatalogQuery.userObject("pg_transform", "t.oid")
                + " ORDER BY 2, l.lanname";
        return CatalogQuery.list(c, sql, rs -> new Transform(rs.getLong("oid"), rs.getString("type"), rs.getLong("trftype"),
                rs.getString("lanname"), rs.getLong("trflang"), rs.getString("fromsql"), rs.getLong("fromsql_oid"),
                rs.getString("tosql"), rs.getLong("tosql_oid"), rs.getString("comment")));
    }
}
