package io.pgbarge;

import io.pgbarge.embedded.EmbeddedPostgres;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded server per PostgreSQL major version for the whole test run, started on first use and
 * stopped when the JVM exits; each test makes its own databases with {@link #newDatabase}.
 */
public final class TestServers {
    private static final Map<Integer, EmbeddedPostgres> SERVERS = new ConcurrentHashMap<>();
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestServers() {
    }

    /** The shared server of a major version: 13, 15, 16, 17 or 18. */
    public static EmbeddedPostgres server(int major) {
        return SERVERS.computeIfAbsent(major, m -> {
            String version = System.getProperty("pgbarge.pg" + m);
            if (version == null) {
                throw new IllegalArgumentException("no PostgreSQL " + m + " binaries configured (pom.xml pg" + m + ".version)");
            }
            try {
                return EmbeddedPostgres.start(pgbin(), version);
            } catch (Exception e) {
                throw new IllegalStateException("could not start PostgreSQL " + version + ": " + e.getMessage(), e);
            }
        });
    }

    /** A new, empty database on the shared server of that major version. */
    public static TestDb newDatabase(int major, String hint) {
        EmbeddedPostgres pg = server(major);
        String name = (hint + "_" + COUNTER.incrementAndGet() + "_" + ProcessHandle.current().pid()).toLowerCase();
        try {
            pg.createDatabase(name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
        return new TestDb(pg, name);
    }

    public static Path pgbin() {
        return Path.of(System.getProperty("pgbarge.pgbin", "target/pgbin"));
    }

    /** The shared datasets directory (../shared/datasets), or null when absent. */
    public static Path datasets() {
        String d = System.getProperty("pgbarge.datasets");
        if (d == null) {
            return null;
        }
        Path p = Path.of(d);
        return java.nio.file.Files.isDirectory(p) ? p : null;
    }
}
