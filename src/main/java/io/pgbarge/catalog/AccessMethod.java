package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * An access method made by CREATE ACCESS METHOD (access methods have no schema and no owner).
 *
 * @param type       amtype: 'i' index, 't' table
 * @param handler    the handler function, regproc (qualified when outside pg_catalog)
 * @param handlerOid its OID
 */
public record AccessMethod(ObjectHeader header, char type, String handler, long handlerOid) {

    static List<AccessMethod> read(Connection c, ServerInfo server) throws SQLException {
        String sql = "SELECT " + TypeSystemObjects.header("a.oid", "NULL::pg_catalog.name", "a.amname", null, "pg_am")
                + ", a.amtype, a.amhandler::pg_catalog.text AS handler, a.amhandler::pg_catalog.oid AS handler_oid"
                + " FROM pg_catalog.pg_am a WHERE " + CatalogQuery.userObject("pg_am", "a.oid")
                + " ORDER BY a.amname";
        return CatalogQuery.list(c, sql, rs -> new AccessMethod(ObjectHeader.from(rs), rs.getString("amtype").charAt(0),
                rs.getString("handler"), rs.getLong("handler_oid")));
    }
}
