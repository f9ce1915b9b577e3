package io.pgbarge.catalog;

/**
 * What the catalog readers and DDL generators need to know about a server.
 *
 * @param versionNum server_version_num, e.g. 170002
 * @param version    server_version as shown to people
 * @param database   current database
 * @param user       the login (current_user)
 * @param superuser  whether the login is a superuser
 * @param encoding   server_encoding
 */
public record ServerInfo(int versionNum, String version, String database, String user, boolean superuser,
                         String encoding) {
    public int major() {
        return versionNum / 10000;
    }

    public boolean atLeast(int major) {
        return versionNum >= major * 10000;
    }

    public static ServerInfo read(java.sql.Connection c) throws java.sql.SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery(
                "SELECT current_setting('server_version_num')::int, current_setting('server_version'),"
                        + " current_database(), current_user, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user),"
                        + " current_setting('server_encoding')")) {
            rs.next();
            return new ServerInfo(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getBoolean(5), rs.getString(6));
        }
    }
}
