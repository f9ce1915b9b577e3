package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A large object's metadata (pg_largeobject_metadata); its contents are streamed by
 * {@code copy.LargeObjectCopier}. A database may hold millions, so the record is kept small and
 * equal owner and ACL strings are shared.
 *
 * @param acl        lomacl as text, or null for the default privileges
 * @param defaultAcl acldefault('L', owner) as text
 * @param comment    or null
 */
public record LargeObject(long oid, String owner, String acl, String defaultAcl, String comment) {

    static List<LargeObject> read(Connection c) throws SQLException {
        Map<String, String> shared = new HashMap<>();
        return CatalogQuery.list(c,
                "SELECT m.oid, pg_catalog.pg_get_userbyid(m.lomowner), m.lomacl::text,"
                        + " pg_catalog.acldefault('L', m.lomowner)::text, d.description"
                        + " FROM pg_catalog.pg_largeobject_metadata m"
                        + " LEFT JOIN pg_catalog.pg_description d ON d.objoid = m.oid AND d.objsubid = 0"
                        + "  AND d.classoid = 'pg_catalog.pg_largeobject'::pg_catalog.regclass"
                        + " ORDER BY m.oid",
                rs -> new LargeObject(rs.getLong(1), share(shared, rs.getString(2)), share(shared, rs.getString(3)),
                        share(shared, rs.getString(4)), rs.getString(5)));
    }

    /** On-disk size of pg_largeobject: an estimate of the bytes to copy (any role may ask for it). */
    static long estimatedBytes(Connection c) throws SQLException {
        return CatalogQuery.list(c, "SELECT pg_catalog.pg_relation_size('pg_catalog.pg_largeobject')",
                rs -> rs.getLong(1)).get(0);
    }

    private static String share(Map<String, String> shared, String s) {
        return s == null ? null : shared.computeIfAbsent(s, k -> k);
    }
}
