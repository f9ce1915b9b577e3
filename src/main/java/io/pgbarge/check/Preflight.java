package io.pgbarge.check;

import io.pgbarge.exec.PgError;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code pgbarge check}: every preflight check in one pass over the catalogs of both servers, each
 * finding with its severity and its fix. Reads only; both sessions are left as they were found
 * (search_path and autocommit restored).
 */
public final class Preflight {
    private final List<Check> checks;

    /** The standard checks. */
    public Preflight() {
        this(standardChecks());
    }

    /** Other checks (tests: an ExtensionCheck with an injected availability list). */
    public Preflight(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    public static List<Check> standardChecks() {
        return List.of(new VersionCheck(), new PoolerCheck(), new CapacityCheck(), new PrivilegeCheck(),
                new ExtensionCheck(), new RoleCheck(), new RowSecurityCheck(), new EncodingCheck(),
                new TablespaceCheck(), new LargeObjectCheck(), new ReplicationObjectCheck(), new UnloggedTableCheck(),
                new TargetContentCheck(), new SourceSizeCheck());
    }

    /** Runs the standard checks. */
    public static List<Finding> run(Connection source, Connection target, CheckOptions options) throws SQLException {
        return new Preflight().check(source, target, options);
    }

    /** The blockers the standard checks find; checks that can find nothing worse than a warning are not run. */
    public static List<Finding> blockers(Connection source, Connection target, CheckOptions options) throws SQLException {
        return new Preflight().blockersOnly(source, target, options);
    }

    /** The blockers of the checks that can find one (see {@link Check#canBlock()}). */
    public List<Finding> blockersOnly(Connection source, Connection target, CheckOptions options) throws SQLException {
        return new Preflight(checks.stream().filter(Check::canBlock).toList()).check(source, target, options).stream()
                .filter(Finding::isBlocker).toList();
    }

    /**
     * Runs the checks; the findings come blockers first, then warnings, then infos, each group in the
     * order of the checks. A check that fails itself (a catalog query refused) becomes a warning.
     *
     * @throws SQLException when even the servers' basic facts cannot be read
     */
    public List<Finding> check(Connection source, Connection target, CheckOptions options) throws SQLException {
        Session s = Session.prepare(source);
        Session t = Session.prepare(target);
        try {
            CheckContext ctx = new CheckContext(source, target, ServerFacts.read(source), ServerFacts.read(target), options);
            List<Finding> out = new ArrayList<>();
            for (Check check : checks) {
                try {
                    out.addAll(check.run(ctx));
                } catch (SQLException | RuntimeException e) {
                    out.add(Finding.warning("check-failed", List.of(check.topic()),
                            "the check of " + check.topic() + " could not run: " + oneLine(e) + ".",
                            "Run the check with a login that may read the catalogs, or check this by hand."));
                }
            }
            out.sort(Comparator.comparing(Finding::severity));
            return List.copyOf(out);
        } finally {
            t.restore();
            s.restore();
        }
    }

    /** The server's message and SQLSTATE on one line. */
    static String oneLine(Exception e) {
        PgError p = PgError.of(e);
        String m = p.message() == null ? String.valueOf(e.getMessage()) : p.message();
        return m.replace('\n', ' ').strip() + (p.sqlState() == null ? "" : " (SQLSTATE " + p.sqlState() + ")");
    }

    /** The session state the checks change, to put back. */
    private record Session(Connection c, boolean autoCommit, String searchPath) {
        static Session prepare(Connection c) throws SQLException {
            boolean auto = c.getAutoCommit();
            if (!auto) {
                c.rollback();
                c.setAutoCommit(true);
            }
            String path = Queries.scalar(c, "SELECT current_setting('search_path')");
            // pg_describe_object and friends then qualify every name
            Queries.scalar(c, "SELECT pg_catalog.set_config('search_path', '', false)");
            return new Session(c, auto, path);
        }

        void restore() throws SQLException {
            if (c.isClosed()) {
                return;
            }
            Queries.scalar(c, "SELECT pg_catalog.set_config('search_path', ?, false)", searchPath);
            c.setAutoCommit(autoCommit);
        }
    }
}
