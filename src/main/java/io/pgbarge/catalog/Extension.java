package io.pgbarge.catalog;

import io.pgbarge.ddl.Keys;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An installed extension other than plpgsql (which initdb installs).
 *
 * @param version    the source's version, for reports only: the target installs its own default
 * @param memberKeys dependency keys of the objects the extension creates (and of its types' array
 *                   types), so that user objects built on them wait for CREATE EXTENSION
 */
public record Extension(long oid, String name, String schema, long schemaOid, String version, String comment,
                        List<String> memberKeys) {

    static List<Extension> read(Connection c, ServerInfo server) throws SQLException {
        Map<Long, List<String>> members = new LinkedHashMap<>();
        CatalogQuery.list(c, "SELECT d.refobjid, cl.relname, d.objid FROM pg_catalog.pg_depend d"
                        + " JOIN pg_catalog.pg_class cl ON cl.oid = d.classid"
                        + " WHERE d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass AND d.deptype = 'e'"
                        + " UNION ALL SELECT d.refobjid, 'pg_type', t.typarray FROM pg_catalog.pg_depend d"
                        + " JOIN pg_catalog.pg_type t ON t.oid = d.objid"
                        + " WHERE d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass AND d.deptype = 'e'"
                        + " AND d.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND t.typarray <> 0"
                        + " ORDER BY 1, 2, 3",
                rs -> members.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(Keys.of(rs.getString(2), rs.getLong(3))));
        String sql = "SELECT x.oid, x.extname, n.nspname, n.oid AS nspoid, x.extversion,"
                + " pg_catalog.obj_description(x.oid, 'pg_extension') AS comment"
                + " FROM pg_catalog.pg_extension x JOIN pg_catalog.pg_namespace n ON n.oid = x.extnamespace"
                + " WHERE x.oid >= 16384 ORDER BY x.extname";
        return CatalogQuery.list(c, sql, rs -> new Extension(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getLong(4), rs.getString(5), rs.getString(6),
                List.copyOf(members.getOrDefault(rs.getLong(1), List.of()))));
    }
}
