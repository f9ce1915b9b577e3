package io.pgbarge.check;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What the checks need to know about one side: the server, the database and the login.
 *
 * @param versionNum   server_version_num
 * @param version      server_version
 * @param database     current_database()
 * @param user         current_user
 * @param superuser    rolsuper
 * @param bypassRls    rolbypassrls
 * @param createRole   rolcreaterole
 * @param createDb     rolcreatedb
 * @param connLimit    rolconnlimit (-1: none)
 * @param encoding     server_encoding
 * @param inRecovery   pg_is_in_recovery() (a standby)
 * @param readOnly     default_transaction_read_only
 */
public record ServerFacts(int versionNum, String version, String database, String user, boolean superuser,
                          boolean bypassRls, boolean createRole, boolean createDb, int connLimit, String encoding,
                          boolean inRecovery, boolean readOnly) {
    public int major() {
        return versionNum / 10000;
    }

    public boolean atLeast(int major) {
        return versionNum >= major * 10000;
    }

    static ServerFacts read(Connection c) throws SQLException {
        return Queries.list(c, "SELECT current_setting('server_version_num')::int, current_setting('server_version'),"
                + " current_database(), current_user, r.rolsuper, r.rolbypassrls, r.rolcreaterole, r.rolcreatedb,"
                + " r.rolconnlimit, current_setting('server_encoding'), pg_catalog.pg_is_in_recovery(),"
                + " current_setting('default_transaction_read_only') = 'on'"
                + " FROM pg_catalog.pg_roles r WHERE r.rolname = current_user",
                rs -> new ServerFacts(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                        rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8), rs.getInt(9), rs.getString(10),
                        rs.getBoolean(11), rs.getBoolean(12))).get(0);
    }
}
