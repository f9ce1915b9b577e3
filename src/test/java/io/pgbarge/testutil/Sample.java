package io.pgbarge.testutil;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * The sample database (src/main/resources/sample/sample.sql, also what `pgbarge demo` loads) as a
 * test fixture.
 */
public final class Sample {
    /** Where the script lies on the class path. */
    public static final String RESOURCE = "/sample/sample.sql";

    private static volatile String script;

    private Sample() {
    }

    /** The script's text. */
    public static String script() {
        String s = script;
        if (s == null) {
            try (InputStream in = Sample.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is not on the class path");
                }
                s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            script = s;
        }
        return s;
    }

    /** Loads the sample into an (empty) database, in one Statement.execute as the demo does. */
    public static void load(TestDb db) throws SQLException {
        db.exec(script());
    }

    /**
     * Creates the sample's roles on the server of {@code db} (they are cluster-wide): what a restore
     * of the sample into a server that never had it needs first. Runs the script's first section,
     * everything before its first CREATE SCHEMA.
     */
    public static void createRoles(TestDb db) throws SQLException {
        String s = script();
        int end = s.indexOf("\nCREATE SCHEMA ");
        if (end < 0) {
            throw new IllegalStateException(RESOURCE + " no longer starts with its roles section");
        }
        db.exec(s.substring(0, end));
    }

    /** A new database on the shared server of that major version, with the sample loaded. */
    public static TestDb newDatabase(int major, String hint) throws SQLException {
        TestDb db = TestServers.newDatabase(major, hint);
        load(db);
        return db;
    }
}
