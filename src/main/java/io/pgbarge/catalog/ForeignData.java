package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The plumbing foreign tables stand on: wrappers, servers and user mappings. Wrappers that belong to
 * an extension are left out (CREATE EXTENSION makes them); servers and mappings on them are not.
 */
public record ForeignData(List<ForeignDataWrapper> wrappers, List<ForeignServer> servers,
                          List<UserMapping> userMappings) {

    public static final ForeignData NONE = new ForeignData(List.of(), List.of(), List.of());

    public ForeignData {
        wrappers = List.copyOf(wrappers);
        servers = List.copyOf(servers);
        userMappings = List.copyOf(userMappings);
    }

    static ForeignData read(Connection c) throws SQLException {
        return new ForeignData(wrappers(c), servers(c), userMappings(c));
    }

    private static final String SERVERS = "SELECT s.oid FROM pg_catalog.pg_foreign_server s WHERE "
            + CatalogQuery.userObject("pg_foreign_server", "s.oid");

    private static List<ForeignDataWrapper> wrappers(Connection c) throws SQLException {
        String sql = "SELECT " + ObjectHeader.columns("w.oid", "NULL::text", "w.fdwname", "w.fdwowner",
                "pg_foreign_data_wrapper", "w.fdwacl", 'F') + ","
                + " CASE WHEN w.fdwhandler <> 0 THEN w.fdwhandler::pg_catalog.regproc::text END AS handler,"
                + " CASE WHEN w.fdwvalidator <> 0 THEN w.fdwvalidator::pg_catalog.regproc::text END AS validator,"
                + " w.fdwoptions"
                + " FROM pg_catalog.pg_foreign_data_wrapper w"
                + " WHERE " + CatalogQuery.userObject("pg_foreign_data_wrapper", "w.oid")
                + " ORDER BY w.oid";
        return CatalogQuery.list(c, sql, rs -> {
            ObjectHeader h = ObjectHeader.from(rs);
            return new ForeignDataWrapper(h.oid(), h.name(), h.owner(), rs.getString("handler"),
                    rs.getString("validator"), TableScope.textArray(rs, "fdwoptions"), h.comment(), h.acl(),
                    h.defaultAcl());
        });
    }

    private static List<ForeignServer> servers(Connection c) throws SQLException {
        String sql = "SELECT " + ObjectHeader.columns("s.oid", "NULL::text", "s.srvname", "s.srvowner",
                "pg_foreign_server", "s.srvacl", 'S') + ","
                + " w.fdwname, s.srvtype, s.srvversion, s.srvoptions"
                + " FROM pg_catalog.pg_foreign_server s JOIN pg_catalog.pg_foreign_data_wrapper w ON w.oid = s.srvfdw"
                + " WHERE s.oid IN (" + SERVERS + ")"
                + " ORDER BY s.oid";
        return CatalogQuery.list(c, sql, rs -> {
            ObjectHeader h = ObjectHeader.from(rs);
            return new ForeignServer(h.oid(), h.name(), rs.getString("fdwname"), h.owner(), rs.getString("srvtype"),
                    rs.getString("srvversion"), TableScope.textArray(rs, "srvoptions"), h.comment(), h.acl(),
                    h.defaultAcl());
        });
    }

    /** Through the pg_user_mappings view, as pg_dump does: pg_user_mapping itself is superuser-only. */
    private static List<UserMapping> userMappings(Connection c) throws SQLException {
        String sql = "SELECT um.umid, um.srvid, um.srvname, CASE WHEN um.umuser <> 0 THEN um.usename END AS usename,"
                + " um.umoptions FROM pg_catalog.pg_user_mappings um"
                + " WHERE um.srvid IN (" + SERVERS + ")"
                + " ORDER BY um.srvname, um.usename";
        return CatalogQuery.list(c, sql, rs -> new UserMapping(rs.getLong("umid"), rs.getLong("srvid"),
                rs.getString("srvname"), rs.getString("usename"), TableScope.textArray(rs, "umoptions")));
    }
}
