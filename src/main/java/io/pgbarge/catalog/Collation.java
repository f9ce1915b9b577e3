package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A collation made by CREATE COLLATION. Its version (collversion) is not kept: the target's library
 * decides it.
 *
 * @param provider      collprovider: 'c' libc, 'i' icu, 'b' builtin (17+)
 * @param locale        the ICU or builtin locale (colliculocale 15–16, colllocale 17+; before 15 ICU
 *                      collations keep it in collcollate, which is copied here), null for libc
 * @param collate       lc_collate of a libc collation
 * @param ctype         lc_ctype of a libc collation
 * @param deterministic false for nondeterministic (ICU) collations
 * @param rules         ICU tailoring rules (16+), or null
 */
public record Collation(ObjectHeader header, char provider, String locale, String collate, String ctype,
                        boolean deterministic, String rules) {

    static List<Collation> read(Connection c, ServerInfo server) throws SQLException {
        String locale;
        if (server.atLeast(17)) {
            locale = "co.colllocale";
        } else if (server.atLeast(15)) {
            locale = "co.colliculocale";
        } else {
            locale = "CASE WHEN co.collprovider = 'i' THEN co.collcollate::pg_catalog.text END";
        }
        String rules = server.atLeast(16) ? "co.collicurules" : "NULL::pg_catalog.text";
        String sql = "SELECT " + TypeSystemObjects.header("co.oid", "n.nspname", "co.collname", "co.collowner",
                "pg_collation") + ", co.collprovider, " + locale + " AS locale,"
                + " co.collcollate::pg_catalog.text AS collate, co.collctype::pg_catalog.text AS ctype,"
                + " co.collisdeterministic, " + rules + " AS rules"
                + " FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace n ON n.oid = co.collnamespace"
                + " WHERE co.collprovider <> 'd' AND " + CatalogQuery.userSchema("n")
                + " AND " + CatalogQuery.userObject("pg_collation", "co.oid")
                + " ORDER BY n.nspname, co.collname, co.oid";
        return CatalogQuery.list(c, sql, rs -> new Collation(ObjectHeader.from(rs), rs.getString("collprovider").charAt(0),
                rs.getString("locale"), rs.getString("collate"), rs.getString("ctype"),
                rs.getBoolean("collisdeterministic"), rs.getString("rules")));
    }
}
