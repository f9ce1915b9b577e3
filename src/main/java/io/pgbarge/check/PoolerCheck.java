package io.pgbarge.check;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A pooled endpoint (PgBouncer, Neon's "-pooler" hosts, Supabase's Supavisor in transaction mode)
 * hands each transaction to whichever server session is free: the source's exported snapshot, session
 * settings and long COPY streams need one session each. Found by the host name, or by the server
 * answering like a pooler (the backend changes between statements, SHOW pool_mode works, the
 * application_name is lost, pg_export_snapshot fails).
 */
public final class PoolerCheck implements Check {
    @Override
    public String topic() {
        return "connection poolers";
    }

    /**
     * The direct (unpooled) host for a pooled one, when the name says so: Neon's
     * {@code ep-x-123-pooler.us-east-2.aws.neon.tech} is {@code ep-x-123.us-east-2.aws.neon.tech}.
     */
    public static Optional<String> directHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        int i = h.indexOf("-pooler.");
        if (i > 0) {
            return Optional.of(host.substring(0, i) + host.substring(i + "-pooler".length()));
        }
        return Optional.empty();
    }

    /** Findings from the host names alone, no connection needed. {@code side} is "source" or "target". */
    public static List<Finding> hostFindings(String side, List<CheckOptions.Endpoint> endpoints) {
        List<Finding> out = new ArrayList<>();
        for (CheckOptions.Endpoint e : endpoints) {
            Optional<String> direct = directHost(e.host());
            if (direct.isPresent()) {
                out.add(Finding.blocker("pooled-endpoint", List.of(side + " host " + e.host()),
                        "the " + side + " host " + e.host() + " is a pooled endpoint (\"-pooler\"): a copy needs sessions of its"
                                + " own (one snapshot shared by every worker, long COPY streams), which a transaction pooler"
                                + " does not keep.",
                        "Use the direct host " + direct.get() + " instead (same user, password and database)."));
            } else if (e.host().toLowerCase(Locale.ROOT).endsWith(".pooler.supabase.com") && e.port() == 6543) {
                out.add(Finding.blocker("pooled-endpoint", List.of(side + " host " + e),
                        "the " + side + " endpoint " + e + " is Supavisor in transaction mode: a copy needs sessions of its own.",
                        "Use port 5432 of the same host (session mode) or the direct host db.<project-ref>.supabase.co."));
            }
        }
        return out;
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        List<Finding> out = new ArrayList<>();
        List<Finding> byName = new ArrayList<>();
        byName.addAll(hostFindings("source", ctx.options().sourceHosts()));
        byName.addAll(hostFindings("target", ctx.options().targetHosts()));
        out.addAll(byName);
        behaviour(ctx.source(), "source", ctx.options().sourceApplicationName(), byName.stream()
                .anyMatch(f -> f.objects().get(0).startsWith("source")), out);
        behaviour(ctx.target(), "target", ctx.options().targetApplicationName(), byName.stream()
                .anyMatch(f -> f.objects().get(0).startsWith("target")), out);
        snapshot(ctx.source(), out);
        return out;
    }

    private static void behaviour(Connection c, String side, String expectedName, boolean known, List<Finding> out)
            throws SQLException {
        List<String> signs = new ArrayList<>();
        Set<String> pids = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            pids.add(Queries.scalar(c, "SELECT pg_catalog.pg_backend_pid()"));
        }
        if (pids.size() > 1) {
            signs.add("consecutive statements ran in different server sessions (backend pids " + String.join(", ", pids) + ")");
        }
        try {
            String mode = Queries.scalar(c, "SHOW pool_mode");
            signs.add("SHOW pool_mode answers \"" + mode + "\"");
        } catch (SQLException e) {
            // a PostgreSQL server: unrecognized configuration parameter
        }
        if (!signs.isEmpty() && !known) {
            out.add(Finding.blocker("pooled-endpoint", List.of(side + " connection"),
                    "the " + side + " answers like a connection pooler: " + String.join("; ", signs) + ".",
                    "Connect to the PostgreSQL server directly (its own host and port, not the pooler's)."));
        }
        if (expectedName != null) {
            String name = Queries.scalar(c, "SELECT current_setting('application_name')");
            if (!expectedName.equals(name)) {
                out.add(Finding.warning("application-name-lost", List.of(side + " connection"),
                        "the " + side + " session's application_name is \"" + name + "\", not the \"" + expectedName
                                + "\" it was opened with: something between pgbarge and the server (a pooler or proxy) rewrites"
                                + " session settings.",
                        "Connect to the server directly if you can; pgbarge's sessions will not be told apart in pg_stat_activity."));
            }
        }
    }

    /** The copy exports a snapshot on the source; a server that refuses (or a pooler) stops it. */
    private static void snapshot(Connection c, List<Finding> out) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (var st = c.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            try (var rs = st.executeQuery("SELECT pg_catalog.pg_export_snapshot()")) {
                rs.next();
            }
        } catch (SQLException e) {
            out.add(Finding.blocker("source-no-snapshot", List.of("source connection"),
                    "the source refused pg_export_snapshot(): " + Preflight.oneLine(e)
                            + "; every worker must read the same snapshot.",
                    "Connect to the source server directly (not through a pooler), to a primary or a standby of"
                            + " PostgreSQL 10 or later."));
        } finally {
            c.rollback();
            c.setAutoCommit(auto);
        }
    }
}
