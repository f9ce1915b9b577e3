package io.pgbarge.copy;

import io.pgbarge.ddl.Sql;
import io.pgbarge.exec.PgError;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The databases of a server, for {@code --all-databases}: those of the source worth copying (as
 * pg_dumpall: not templates, not those that refuse connections), and on the target the same-named
 * database, made when the login may.
 */
public final class ServerDatabases {
    private ServerDatabases() {
    }

    /** One source database: its name, encoding and locale. */
    public record Database(String name, String encoding, String collate, String ctype) {
    }

    /** What {@link #ensure} did on the target. */
    public enum Outcome { EXISTED, CREATED, CREATED_WITH_SERVER_DEFAULTS }

    /** A target database that does not exist and cannot be made by the login; the message says how to. */
    public static final class Missing extends Exception {
        private static final long serialVersionUID = 1L;

        Missing(String message) {
            super(message);
        }
    }

    /** The source's databases other than templates and those with datallowconn = false, by name. */
    public static List<Database> list(Connection source) throws SQLException {
        List<Database> out = new ArrayList<>();
        try (var st = source.createStatement(); var rs = st.executeQuery("SELECT datname,"
                + " pg_catalog.pg_encoding_to_char(encoding), datcollate, datctype FROM pg_catalog.pg_database"
                + " WHERE NOT datistemplate AND datallowconn ORDER BY datname")) {
            while (rs.next()) {
                out.add(new Database(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        return out;
    }

    /** The names of the source's databases left out as pg_dumpall leaves them out, with the reason. */
    public static List<String> skipped(Connection source) throws SQLException {
        List<String> out = new ArrayList<>();
        try (var st = source.createStatement(); var rs = st.executeQuery("SELECT datname, datistemplate"
                + " FROM pg_catalog.pg_database WHERE datistemplate OR NOT datallowconn ORDER BY datname")) {
            while (rs.next()) {
                out.add(rs.getString(1) + (rs.getBoolean(2) ? " (template)" : " (does not allow connections)"));
            }
        }
        return out;
    }

    /**
     * Makes sure the target has a database of that name: creates it, owned by the login, with the
     * source's encoding and locale from template0, or, when the target refuses those (a locale it
     * does not have), with the server's defaults.
     *
     * @throws Missing when it does not exist and the login may not create databases
     */
    public static Outcome ensure(Connection target, Database db) throws SQLException, Missing {
        try (var ps = target.prepareStatement("SELECT 1 FROM pg_catalog.pg_database WHERE datname = ?")) {
            ps.setString(1, db.name());
            try (var rs = ps.executeQuery()) {
                if (rs.next()) {
                    return Outcome.EXISTED;
                }
            }
        }
        String login;
        boolean may;
        try (var st = target.createStatement(); var rs = st.executeQuery(
                "SELECT current_user, rolsuper OR rolcreatedb FROM pg_catalog.pg_roles WHERE rolname = current_user")) {
            rs.next();
            login = rs.getString(1);
            may = rs.getBoolean(2);
        }
        if (!may) {
            throw new Missing("database " + db.name() + " does not exist on the target, and the target login " + login
                    + " may not create databases (no CREATEDB). Create it there first — in a managed service's console"
                    + " (e.g. Neon: Databases → New Database) or as a role with CREATEDB: CREATE DATABASE "
                    + Sql.ident(db.name()) + " OWNER " + Sql.ident(login) + " — then run again.");
        }
        boolean autoCommit = target.getAutoCommit();
        target.setAutoCommit(true); // CREATE DATABASE cannot run in a transaction block
        try (var st = target.createStatement()) {
            try {
                st.execute("CREATE DATABASE " + Sql.ident(db.name()) + " TEMPLATE template0 ENCODING "
                        + Sql.literal(db.encoding()) + " LC_COLLATE " + Sql.literal(db.collate())
                        + " LC_CTYPE " + Sql.literal(db.ctype()));
                return Outcome.CREATED;
            } catch (SQLException e) {
                String state = PgError.of(e).sqlState();
                // 22023 invalid locale/encoding, 0A000 not supported: the server's defaults then
                if (!"22023".equals(state) && !"0A000".equals(state) && !"42809".equals(state)) {
                    throw e;
                }
            }
            st.execute("CREATE DATABASE " + Sql.ident(db.name()));
            return Outcome.CREATED_WITH_SERVER_DEFAULTS;
        } finally {
            target.setAutoCommit(autoCommit);
        }
    }
}
