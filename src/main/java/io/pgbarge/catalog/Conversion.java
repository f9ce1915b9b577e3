package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * An encoding conversion made by CREATE CONVERSION.
 *
 * @param sourceEncoding the encoding converted from, by name (LATIN1)
 * @param targetEncoding the encoding converted to
 * @param function       the conversion function as regproc prints it (schema-qualified)
 * @param functionOid    its OID, for ordering
 * @param isDefault      whether it is the default conversion between the two encodings
 */
public record Conversion(ObjectHeader header, String sourceEncoding, String targetEncoding, String function,
                         long functionOid, boolean isDefault) {

    static List<Conversion> read(Connection c, ServerInfo server) throws SQLException {
        String sql = "SELECT " + TypeSystemObjects.header("co.oid", "n.nspname", "co.conname", "co.conowner",
                "pg_conversion") + ","
                + " pg_catalog.pg_encoding_to_char(co.conforencoding) AS src,"
                + " pg_catalog.pg_encoding_to_char(co.contoencoding) AS dst,"
                + " co.conproc::pg_catalog.regproc::pg_catalog.text AS func, co.conproc::pg_catalog.oid AS func_oid,"
                + " co.condefault"
                + " FROM pg_catalog.pg_conversion co JOIN pg_catalog.pg_namespace n ON n.oid = co.connamespace"
                + " WHERE " + CatalogQuery.userSchema("n") + " AND " + CatalogQuery.userObject("pg_conversion", "co.oid")
                + " ORDER BY n.nspname, co.conname, co.oid";
        return CatalogQuery.list(c, sql, rs -> new Conversion(ObjectHeader.from(rs), rs.getString("src"),
                rs.getString("dst"), rs.getString("func"), rs.getLong("func_oid"), rs.getBoolean("condefault")));
    }
}
