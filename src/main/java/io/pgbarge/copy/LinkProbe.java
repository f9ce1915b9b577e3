package io.pgbarge.copy;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.SplittableRandom;

/**
 * Measures how fast rows can travel between this machine and a server, by sending a few megabytes to
 * it or fetching them from it, both with COPY: COPY's data is never written to the server's log, where
 * a parameter or literal of that size would be (with log_statement = all or log_min_duration_statement
 * = 0, which also made the probe itself crawl). Sent rows go into a temporary table through a WHERE
 * that keeps none of them, inside a transaction that is rolled back; fetched rows are generated. Each
 * direction is measured twice, first with a little, which lets TCP open its window, then with more.
 * Every measurement is a little low, never high (the round trip is counted in, a busy server or machine
 * only slows it), so the higher of the two counts: a hiccup during one of them must not make a fast
 * link look slow.
 */
final class LinkProbe {
    /** Tests stand in for a slow link with this (bytes per second; the probe is then not run). */
    static final String RATE_PROPERTY = "pgbarge.linkBytesPerSecond";
    private static final int LINE_BYTES = 1 << 20;
    private static final int WARM_BYTES = 2 << 20;
    private static final int PROBE_BYTES = 8 << 20;

    private LinkProbe() {
    }

    /**
     * Bytes per second from this machine to the server of {@code target}. Needs the right to create a
     * temporary table; leaves nothing behind, and a transaction that was open as it was.
     */
    static double toServer(Connection target) throws SQLException {
        String forced = System.getProperty(RATE_PROPERTY);
        if (forced != null) {
            return Double.parseDouble(forced);
        }
        byte[] line = line();
        return rolledBack(target, () -> {
            try (var st = target.createStatement()) {
                st.execute("CREATE TEMPORARY TABLE pg_temp.pgbarge_link_probe (t text) ON COMMIT DROP");
            }
            long start = System.nanoTime();
            long warm = send(target, line, WARM_BYTES);
            double warmRate = rate(warm, System.nanoTime() - start);
            start = System.nanoTime();
            long sent = send(target, line, PROBE_BYTES);
            return Math.max(warmRate, rate(sent, System.nanoTime() - start));
        });
    }

    /** Bytes per second from the server of {@code source} to this machine; as {@link #toServer}. */
    static double fromServer(Connection source) throws SQLException {
        String forced = System.getProperty(RATE_PROPERTY);
        if (forced != null) {
            return Double.parseDouble(forced);
        }
        return rolledBack(source, () -> {
            long start = System.nanoTime();
            double warm = rate(fetch(source, WARM_BYTES), System.nanoTime() - start);
            start = System.nanoTime();
            long got = fetch(source, PROBE_BYTES);
            return Math.max(warm, rate(got, System.nanoTime() - start));
        });
    }

    private interface Probe {
        double run() throws SQLException;
    }

    /** Runs {@code probe} in a transaction, or under a savepoint of the one open, and rolls it back. */
    private static double rolledBack(Connection c, Probe probe) throws SQLException {
        if (c.getAutoCommit()) {
            c.setAutoCommit(false);
            try {
                return probe.run();
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
        java.sql.Savepoint sp = c.setSavepoint();
        try {
            return probe.run();
        } finally {
            c.rollback(sp);
            c.releaseSavepoint(sp);
        }
    }

    /**
     * A line of random letters and digits: valid text in any server encoding, nothing COPY would have to
     * unescape, and no run a compressing link could shrink.
     */
    private static byte[] line() {
        byte[] alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII);
        byte[] line = new byte[LINE_BYTES];
        new SplittableRandom(7).nextBytes(line);
        for (int i = 0; i < line.length - 1; i++) {
            line[i] = alphabet[line[i] & 63];
        }
        line[line.length - 1] = '\n';
        return line;
    }

    private static long send(Connection target, byte[] line, int bytes) throws SQLException {
        CopyIn in = target.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "COPY pg_temp.pgbarge_link_probe FROM STDIN WHERE false");
        try {
            long sent = 0;
            while (sent < bytes) {
                in.writeToCopy(line, 0, line.length);
                sent += line.length;
            }
            in.endCopy();
            return sent;
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** Rows of a megabyte, which cost the server next to nothing to make and pgjdbc little to take. */
    private static long fetch(Connection source, int bytes) throws SQLException {
        CopyOut out = source.unwrap(PGConnection.class).getCopyAPI().copyOut(
                "COPY (SELECT pg_catalog.repeat('x', " + LINE_BYTES + ") FROM pg_catalog.generate_series(1, "
                        + Math.max(1, bytes / LINE_BYTES) + ")) TO STDOUT");
        long got = 0;
        byte[] row;
        while ((row = out.readFromCopy()) != null) {
            got += row.length;
        }
        return got;
    }

    private static double rate(long bytes, long nanos) {
        return bytes * 1e9 / Math.max(1, nanos);
    }
}
