package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A text search dictionary.
 *
 * @param template the template it instantiates
 * @param options  dictinitoption as stored, {@code stopwords = 'english', accept = 'false'}, or null
 */
public record TextSearchDictionary(ObjectHeader header, QualifiedName template, String options) {

    static List<TextSearchDictionary> read(Connection c, ServerInfo server) throws SQLException {
        String sql = "SELECT " + TypeSystemObjects.header("d.oid", "n.nspname", "d.dictname", "d.dictowner", "pg_ts_dict")
                + ", tn.nspname AS tmpl_schema, t.tmplname, t.oid AS tmpl_oid, d.dictinitoption"
                + " FROM pg_catalog.pg_ts_dict d JOIN pg_catalog.pg_namespace n ON n.oid = d.dictnamespace"
                + " JOIN pg_catalog.pg_ts_template t ON t.oid = d.dicttemplate"
                + " JOIN pg_catalog.pg_namespace tn ON tn.oid = t.tmplnamespace"
                + " WHERE " + CatalogQuery.userSchema("n") + " AND " + CatalogQuery.userObject("pg_ts_dict", "d.oid")
                + " ORDER BY n.nspname, d.dictname";
        return CatalogQuery.list(c, sql, rs -> new TextSearchDictionary(ObjectHeader.from(rs),
                new QualifiedName(rs.getString("tmpl_schema"), rs.getString("tmplname"), rs.getLong("tmpl_oid")),
                rs.getString("dictinitoption")));
    }
}
