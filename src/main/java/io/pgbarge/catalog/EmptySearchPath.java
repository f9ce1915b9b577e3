package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs catalog reads with an empty search_path, as pg_dump does: the server's deparse functions
 * (format_type, pg_get_*def, regproc and regoperator output) then qualify every name outside
 * pg_catalog, so the text runs the same on a target whatever its search_path. The caller's setting
 * is put back after a successful read; after a failed one the transaction is aborted anyway, and
 * restoring would hide the cause.
 */
final class EmptySearchPath {
    private EmptySearchPath() {
    }

    interface Read<T> {
        T read() throws SQLException;
    }

    static <T> T during(Connection c, Read<T> read) throws SQLException {
        String saved = set(c, "");
        T result = read.read();
        set(c, saved);
        return result;
    }

    private static String set(Connection c, String value) throws SQLException {
        try (var ps = c.prepareStatement("SELECT pg_catalog.current_setting('search_path'),"
                + " pg_catalog.set_config('search_path', ?, false)")) {
            ps.setString(1, value);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
