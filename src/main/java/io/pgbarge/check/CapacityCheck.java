package io.pgbarge.check;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sessions: a copy with --jobs N opens N sessions on each server plus the snapshot holder on the
 * source and the schema session on the target, 2N+2 in all. Each server must have that many free
 * connections (max_connections, less the reserved ones the login may not use, less those in use), and
 * the login's and the database's connection limits must allow them.
 */
public final class CapacityCheck implements Check {
    @Override
    public String topic() {
        return "connections";
    }

    /**
     * How many more sessions this login may open, counting the checking session itself as one the
     * copy may reuse.
     *
     * @param free       sessions this login may still open on this database (every limit applied)
     * @param limit      what limits {@code free}, for the message
     * @param serverFree sessions left on the server before max_connections (less the reserved ones)
     * @param server     the server's figures, for the message
     */
    record Room(long free, String limit, long serverFree, String server) {
    }

    static Room room(Connection c, ServerFacts f) throws SQLException {
        String reservedForLogin = f.atLeast(16)
                ? "CASE WHEN r.rolsuper THEN 0 WHEN pg_catalog.pg_has_role('pg_use_reserved_connections', 'USAGE')"
                + " THEN current_setting('superuser_reserved_connections')::int"
                + " ELSE current_setting('superuser_reserved_connections')::int + current_setting('reserved_connections')::int END"
                : "CASE WHEN r.rolsuper THEN 0 ELSE current_setting('superuser_reserved_connections')::int END";
        List<long[]> rows = Queries.list(c, "SELECT current_setting('max_connections')::int, " + reservedForLogin + ","
                + " (SELECT count(*) FROM pg_catalog.pg_stat_activity a WHERE a.backend_type = 'client backend'),"
                + " r.rolconnlimit,"
                + " (SELECT count(*) FROM pg_catalog.pg_stat_activity a WHERE a.backend_type = 'client backend' AND a.usename = current_user),"
                + " d.datconnlimit,"
                + " (SELECT count(*) FROM pg_catalog.pg_stat_activity a WHERE a.backend_type = 'client backend' AND a.datname = current_database())"
                + " FROM pg_catalog.pg_roles r, pg_catalog.pg_database d WHERE r.rolname = current_user AND d.datname = current_database()",
                rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)});
        long[] r = rows.get(0);
        long max = r[0];
        long reserved = r[1];
        long inUse = r[2];
        // this checking session is counted in use, and the copy will not need it: +1
        long serverFree = Math.max(0, max - reserved - inUse + 1);
        String server = "max_connections " + max + (reserved > 0 ? " less " + reserved + " reserved" : "") + ", " + inUse + " in use";
        long free = serverFree;
        String limit = server;
        if (r[3] >= 0 && !f.superuser()) {
            long byRole = r[3] - r[4] + 1;
            if (byRole < free) {
                free = byRole;
                limit = "the login's connection limit " + r[3] + ", " + r[4] + " in use";
            }
        }
        if (r[5] >= 0 && !f.superuser()) {
            long byDb = r[5] - r[6] + 1;
            if (byDb < free) {
                free = byDb;
                limit = "the database's connection limit " + r[5] + ", " + r[6] + " in use";
            }
        }
        return new Room(Math.max(0, free), limit, serverFree, server);
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        int n = ctx.options().jobs();
        Room s = room(ctx.source(), ctx.sourceFacts());
        Room t = room(ctx.target(), ctx.targetFacts());
        boolean sameServer = sameServer(ctx);
        List<Finding> out = new ArrayList<>();
        long fits = Math.min(s.free(), t.free()) - 1;
        String where = "the source has room for " + s.free() + " more sessions (" + s.limit() + "), the target for "
                + t.free() + " (" + t.limit() + ")";
        if (sameServer) {
            // one server's slots for both ends; both checking sessions are reusable
            long shared = s.serverFree() + 1;
            fits = Math.min(fits, (shared - 2) / 2);
            where += "; they are the same server, with room for " + shared + " sessions in all";
        }
        List<String> objects = List.of("--jobs " + n);
        if (fits >= n) {
            out.add(Finding.info("connections", objects,
                    "--jobs " + n + " needs " + (n + 1) + " sessions on each server (" + (2L * n + 2) + " in all); " + where + ".", ""));
        } else if (fits >= 1) {
            out.add(Finding.blocker("too-few-connections", objects,
                    "--jobs " + n + " needs " + (n + 1) + " sessions on each server (" + (2L * n + 2) + " in all), but " + where + ".",
                    "Use --jobs " + fits + " or fewer, or free connections (raise max_connections, or the login's CONNECTION LIMIT)."));
        } else {
            out.add(Finding.blocker("too-few-connections", objects,
                    "a copy needs at least 2 sessions on each server (4 in all), but " + where + ".",
                    "Free connections on the server that is full (close idle sessions, raise max_connections or the"
                            + " login's CONNECTION LIMIT)."));
        }
        return out;
    }

    /** Whether both sessions reach one server (then they share its max_connections). */
    private static boolean sameServer(CheckContext ctx) {
        try {
            String s = Queries.scalar(ctx.source(), "SELECT system_identifier::text FROM pg_catalog.pg_control_system()");
            String t = Queries.scalar(ctx.target(), "SELECT system_identifier::text FROM pg_catalog.pg_control_system()");
            return s != null && s.equals(t) && sameAddress(ctx);
        } catch (SQLException e) {
            try {
                return sameAddress(ctx);
            } catch (SQLException e2) {
                return false;
            }
        }
    }

    private static boolean sameAddress(CheckContext ctx) throws SQLException {
        String q = "SELECT COALESCE(host(inet_server_addr()), 'socket') || ':' || COALESCE(inet_server_port(), 0)";
        String s = Queries.scalar(ctx.source(), q);
        String t = Queries.scalar(ctx.target(), q);
        return s != null && s.equals(t);
    }
}
