package io.pgbarge.copy;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.SplittableRandom;

/**
 * Measures how fast rows can travel between this machine and a server, by sending a few megabytes to
 * it (a bytea parameter the server only measures) or fetching them from it (COPY of a generated
 * string; a link that compresses would flatter that one). Each direction is measured twice, first with
 * a little, which lets TCP open its window, then with more. Every measurement is a little low, never
 * high (the round trip is counted in, a busy server or machine only slows it), so the higher of the two
 * counts: a hiccup during one of them must not make a fast link look slow.
 */
final class LinkProbe {
    /** Tests stand in for a slow link with this (bytes per second; the probe is then not run). */
    static final String RATE_PROPERTY = "pgbarge.linkBytesPerSecond";
    private static final int WARM_BYTES = 2 << 20;
    private static final int PROBE_BYTES = 8 << 20;

    private LinkProbe() {
    }

    /**
     * Bytes per second from this machine to the server of {@code target}. Inside a transaction it runs
     * under a savepoint, so that a failure leaves the transaction as it was.
     */
    static double toServer(Connection target) throws SQLException {
        String forced = System.getProperty(RATE_PROPERTY);
        if (forced != null) {
            return Double.parseDouble(forced);
        }
        byte[] payload = new byte[PROBE_BYTES];
        new SplittableRandom(7).nextBytes(payload);   // not a run of zeros, for a link that compresses
        return underSavepoint(target, () -> {
            try (PreparedStatement ps = target.prepareStatement("SELECT pg_catalog.octet_length(?)")) {
                long start = System.nanoTime();
                send(ps, java.util.Arrays.copyOf(payload, WARM_BYTES));
                double warm = rate(WARM_BYTES, System.nanoTime() - start);
                start = System.nanoTime();
                send(ps, payload);
                return Math.max(warm, rate(PROBE_BYTES, System.nanoTime() - start));
            }
        });
    }

    /** Bytes per second from the server of {@code source} to this machine; as {@link #toServer}. */
    static double fromServer(Connection source) throws SQLException {
        String forced = System.getProperty(RATE_PROPERTY);
        if (forced != null) {
            return Double.parseDouble(forced);
        }
        return underSavepoint(source, () -> {
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

    private static double underSavepoint(Connection c, Probe probe) throws SQLException {
        if (c.getAutoCommit()) {
            return probe.run();
        }
        java.sql.Savepoint sp = c.setSavepoint();
        try {
            double rate = probe.run();
            c.releaseSavepoint(sp);
            return rate;
        } catch (SQLException e) {
            c.rollback(sp);
            throw e;
        }
    }

    private static void send(PreparedStatement ps, byte[] payload) throws SQLException {
        ps.setBytes(1, payload);
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || rs.getLong(1) != payload.length) {
                throw new SQLException("the link probe's " + payload.length + " bytes did not arrive whole");
            }
        }
    }

    /** Rows of a megabyte, which cost the server next to nothing to make and pgjdbc little to take. */
    private static long fetch(Connection source, int bytes) throws SQLException {
        CopyOut out = source.unwrap(PGConnection.class).getCopyAPI().copyOut(
                "COPY (SELECT pg_catalog.repeat('x', " + (1 << 20) + ") FROM pg_catalog.generate_series(1, "
                        + Math.max(1, bytes >> 20) + ")) TO STDOUT");
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
