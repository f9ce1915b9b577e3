package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** A schema (pg_namespace) of the user's, {@code public} included. */
public record Schema(ObjectHeader header) {

    public String name() {
        return header.name();
    }

    public boolean isPublic() {
        return "public".equals(header.name());
    }

    static List<Schema> read(Connection c, ServerInfo server) throws SQLException {
        // public has an OID below 16384 but is the user's to change, so it is read too.
        String sql = "SELECT " + ObjectHeader.columns("n.oid", "NULL::text", "n.nspname", "n.nspowner",
                "pg_namespace", "n.nspacl", 'n')
                + " FROM pg_catalog.pg_namespace n"
                + " WHERE " + CatalogQuery.userSchema("n")
                + " AND (n.nspname = 'public' OR " + CatalogQuery.userObject("pg_namespace", "n.oid") + ")"
                + " ORDER BY n.nspname";
        return CatalogQuery.list(c, sql, rs -> new Schema(ObjectHeader.from(rs)));
    }
}
