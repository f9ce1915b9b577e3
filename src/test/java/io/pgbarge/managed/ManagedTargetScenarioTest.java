package io.pgbarge.managed;

import io.pgbarge.testutil.Cli;
import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.cli.ExitCode;
import io.pgbarge.embedded.EmbeddedPostgres;
import io.pgbarge.testutil.PgDump;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The managed-target scenario end to end, through the CLI. The source (PostgreSQL 15, read by its
 * superuser) has roles none of which exist on the target, a tablespace, an event trigger, two
 * publications (one FOR ALL TABLES, which needs a superuser), tables with row-level security and
 * policies, large objects with an owner and a grant, and three extensions the target cannot have:
 * <ul>
 * <li>pg_surgery ships with PostgreSQL 14 and later: the PostgreSQL 13 target server does not offer it
 *     (a function calls it in a SQL-standard body, so pg_depend records the dependency);</li>
 * <li>earthdistance and bloom are offered but not trusted: only a superuser may create them, as on
 *     most managed services (a table has a column of earthdistance's type {@code earth}; an index
 *     uses the bloom access method).</li>
 * </ul>
 * The target is a PostgreSQL 13 database owned by a login with only CREATEDB and CREATEROLE.
 * {@code check} names each finding; {@code copy} and {@code restore} (of a {@code pgbarge dump}
 * archive and of a pg_dump 15 archive) finish with exit 0 when told to leave those extensions out,
 * with every row of every other table, and list what they adapted; no server ERROR is printed.
 */
@Timeout(600)
class ManagedTargetScenarioTest {
    static final long PID = ProcessHandle.current().pid();
    static final String OWNER = "mgd_owner_" + PID;
    static final String GRANTEE = "mgd_grantee_" + PID;
    static final String READER = "mgd_reader_" + PID;
    static final String LOGIN = "mgd_login_" + PID;
    static final String TABLESPACE = "mgd_ts_" + PID;

    static TestDb source;
    static EmbeddedPostgres target;
    static int targets;


    @BeforeAll
    static void source() throws Exception {
        source = TestServers.newDatabase(15, "mgd_src");
        target = TestServers.server(13);
        source.exec(createRole(OWNER, "NOLOGIN") + createRole(GRANTEE, "NOLOGIN") + createRole(READER, "LOGIN"));
        source.exec("CREATE TABLESPACE " + TABLESPACE + " LOCATION '" + serverOwnedDir() + "'");
        source.exec("CREATE SCHEMA app AUTHORIZATION " + OWNER + ";"
                + " CREATE EXTENSION pg_surgery; CREATE EXTENSION cube; CREATE EXTENSION earthdistance;"
                + " CREATE EXTENSION bloom;"
                + " CREATE FUNCTION app.kill(r regclass) RETURNS void LANGUAGE sql"
                + "   RETURN heap_force_kill(r, ARRAY[]::tid[]);"
                + " CREATE TABLE app.orders (id int PRIMARY KEY, who text NOT NULL, amount numeric)"
                + "   TABLESPACE " + TABLESPACE + ";"
                + " INSERT INTO app.orders SELECT i, 'user' || (i % 7), i * 1.5 FROM generate_series(1, 500) i;"
                + " CREATE INDEX orders_who ON app.orders (who) TABLESPACE " + TABLESPACE + ";"
                + " CREATE INDEX orders_bloom ON app.orders USING bloom (id);"
                + " ALTER TABLE app.orders OWNER TO " + OWNER + ";"
                + " CREATE FUNCTION app.kill_orders() RETURNS void LANGUAGE sql RETURN app.kill('app.orders');"
                + " CREATE TABLE app.places (id int PRIMARY KEY, pos earth);"
                + " INSERT INTO app.places SELECT i, ll_to_earth(i, i) FROM generate_series(1, 20) i;"
                + " CREATE TABLE app.secret (id int PRIMARY KEY, who text); ALTER TABLE app.secret OWNER TO " + OWNER + ";"
                + " ALTER TABLE app.secret ENABLE ROW LEVEL SECURITY;"
                + " CREATE POLICY mine ON app.secret TO " + READER + " USING (who = current_user);"
                + " CREATE POLICY grantee_reads ON app.secret FOR SELECT TO " + GRANTEE + " USING (true);"
                + " INSERT INTO app.secret SELECT i, 'someone ' || i FROM generate_series(1, 40) i;"
                + " CREATE TABLE app.notes (id int, body text); ALTER TABLE app.notes OWNER TO " + OWNER + ";"
                + " ALTER TABLE app.notes ENABLE ROW LEVEL SECURITY; ALTER TABLE app.notes FORCE ROW LEVEL SECURITY;"
                + " CREATE POLICY none_for_owner ON app.notes USING (false);"
                + " INSERT INTO app.notes VALUES (1, 'hidden from the owner'), (2, 'also hidden');"
                + " GRANT USAGE ON SCHEMA app TO " + READER + ", " + GRANTEE + ";"
                + " GRANT SELECT ON ALL TABLES IN SCHEMA app TO " + READER + ";"
                + " GRANT SELECT, INSERT ON app.orders TO " + GRANTEE + ";"
                + " ALTER DEFAULT PRIVILEGES FOR ROLE " + OWNER + " IN SCHEMA app GRANT SELECT ON TABLES TO " + GRANTEE + ";"
                + " CREATE FUNCTION app.on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;"
                + " CREATE EVENT TRIGGER mgd_ddl ON ddl_command_end EXECUTE FUNCTION app.on_ddl();"
                + " CREATE PUBLICATION mgd_pub_all FOR ALL TABLES;"
                + " CREATE PUBLICATION mgd_pub_orders FOR TABLE app.orders;"
                + " SELECT lo_from_bytea(0, 'hello'), lo_from_bytea(0, 'world');"
                + " DO $$ DECLARE o oid; BEGIN SELECT min(oid) INTO o FROM pg_largeobject_metadata;"
                + "   EXECUTE format('ALTER LARGE OBJECT %s OWNER TO " + OWNER + "', o);"
                + "   EXECUTE format('GRANT SELECT ON LARGE OBJECT %s TO " + GRANTEE + "', o); END $$;");
        try (Connection c = target.connect("postgres"); var st = c.createStatement()) {
            st.execute(createRole(LOGIN, "LOGIN CREATEDB CREATEROLE"));
        }
    }

    @AfterAll
    static void dropTablespace() throws Exception {
        if (source != null) {
            source.server().dropDatabase(source.name());
            try (Connection c = source.server().connect("postgres"); var st = c.createStatement()) {
                st.execute("DROP TABLESPACE IF EXISTS " + TABLESPACE);
            }
        }
    }

    @Test
    void checkNamesEachFinding() throws Exception {
        String db = newTarget();
        Cli.Run r = Cli.run("check", as(source.server(), source.name(), READER), as(target, db, LOGIN));
        assertThat(r.code()).as(r.all()).isEqualTo(ExitCode.BLOCKERS);
        String report = r.all();
        assertThat(report).contains("extension-missing").contains("pg_surgery").contains("app.kill(regclass)")
                .contains("app.kill_orders()").contains("column pos of table app.places")
                .contains("extension-needs-superuser").contains("earthdistance").contains("bloom")
                .contains("row-security-applies").contains("app.secret").contains("BYPASSRLS")
                .contains("role-missing").contains(OWNER).contains(GRANTEE)
                .contains("tablespace-missing").contains(TABLESPACE)
                .contains("event-trigger-skipped").contains("mgd_ddl")
                .contains("publication-skipped").contains("mgd_pub_all")
                .contains("large-objects");
        assertThat(report).doesNotContain("ERROR:");
    }

    @Test
    void withoutAChoiceTheCopyStopsBeforeChangingAnythingNamingWhatNeedsEachExtension() throws Exception {
        String db = newTarget();
        Cli.Run r = Cli.run("copy", source.uri(), as(target, db, LOGIN), "--no-progress", "--force");
        assertThat(r.code()).as(r.all()).isEqualTo(ExitCode.BLOCKERS);
        assertThat(r.err()).contains("extension pg_surgery: the target server does not offer it")
                .contains("function app.kill(r regclass)").contains("function app.kill_orders()")
                .contains("extension earthdistance: it is not trusted").contains("table app.places")
                .contains("extension bloom").contains("index app.orders_bloom")
                .contains("--skip-missing-extensions").contains("Nothing was changed");
        assertThat(r.all()).doesNotContain("ERROR:");
        try (Connection c = target.connect(db); var st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname = 'app'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void copyFinishesWithEveryRowAndListsWhatWasAdapted() throws Exception {
        String db = newTarget();
        Cli.Run r = Cli.run("copy", source.uri(), as(target, db, LOGIN), "--no-progress", "--skip-missing-extensions", "-j", "2");
        assertThat(r.code()).as(r.all()).isEqualTo(ExitCode.OK);
        assertAdaptedAndComplete(r, db);
        assertThat(r.out()).contains("tablespace").contains(TABLESPACE);
        assertThat(r.out()).contains("event trigger").contains("mgd_ddl");
        assertThat(r.out()).contains("mgd_pub_all");
    }

    @Test
    void restoreOfAPgbargeDumpArchiveFinishesWithEveryRow() throws Exception {
        Path dir = Files.createTempDirectory("pgbarge-mgd-");
        Path file = dir.resolve("src.dump");
        Cli.Run d = Cli.run("dump", source.uri(), "-Fc", "-f", file.toString(), "--no-progress");
        assertThat(d.code()).as(d.all()).isEqualTo(ExitCode.OK);
        String db = newTarget();
        Cli.Run r = Cli.run("restore", file.toString(), "-d", as(target, db, LOGIN), "--no-progress", "-j", "2",
                "--skip-missing-extensions");
        assertThat(r.code()).as(r.all()).isEqualTo(ExitCode.OK);
        assertAdaptedAndComplete(r, db);
        assertThat(r.out()).contains("mgd_ddl").contains("mgd_pub_all");
    }

    @Test
    void restoreOfAPgDump15ArchiveFinishesWithEveryRow() throws Exception {
        assumeTrue(PgDump.canDump(15), "pg_dump 15 or newer is not installed");
        Path dir = Files.createTempDirectory("pgbarge-mgd-");
        Path file = dir.resolve("src.pgdump");
        PgDump.dump(source.uri(), List.of("-Fc", "-f", file.toString()));
        String db = newTarget();
        Cli.Run r = Cli.run("restore", file.toString(), "-d", as(target, db, LOGIN), "--no-progress", "-j", "2",
                "--skip-missing-extensions");
        assertThat(r.code()).as(r.all()).isEqualTo(ExitCode.OK);
        assertAdaptedAndComplete(r, db);
        assertThat(r.out()).contains("mgd_ddl").contains("mgd_pub_all").contains(TABLESPACE);
    }

    /** Every row of every table that needs no missing extension; the summary says what was adapted. */
    private void assertAdaptedAndComplete(Cli.Run r, String db) throws Exception {
        assertThat(r.all()).doesNotContain("ERROR");
        String out = r.out();
        assertThat(out).contains("extension pg_surgery left out").contains("function app.kill(")
                .contains("extension earthdistance left out").contains("app.places")
                .contains("extension bloom left out").contains("app.orders_bloom");
        assertThat(out).contains(OWNER).contains(GRANTEE);
        Map<String, Long> expected = counts(source.connect());
        expected.remove("app.places");
        // counted as the target's superuser: app.notes FORCEs row-level security on its owner, the login
        assertThat(counts(target.connect(db))).isEqualTo(expected);
        try (Connection t = connectAs(target, db, LOGIN)) {
            assertThat(expected).containsEntry("app.secret", 40L).containsEntry("app.notes", 2L)
                    .containsEntry("app.orders", 500L);
            try (var st = t.createStatement(); var rs = st.executeQuery("SELECT (SELECT count(*) FROM pg_largeobject_metadata),"
                    + " (SELECT string_agg(convert_from(lo_get(oid), 'UTF8'), ',' ORDER BY oid) FROM pg_largeobject_metadata),"
                    + " (SELECT count(*) FROM pg_extension WHERE extname = 'cube'),"
                    + " (SELECT count(*) FROM pg_extension WHERE extname IN ('pg_surgery', 'earthdistance', 'bloom')),"
                    + " to_regclass('app.orders_who') IS NOT NULL, to_regclass('app.orders_bloom') IS NULL,"
                    + " (SELECT count(*) FROM pg_policy), (SELECT relrowsecurity FROM pg_class WHERE oid = 'app.secret'::regclass),"
                    + " (SELECT count(*) FROM pg_publication_tables WHERE pubname = 'mgd_pub_orders'),"
                    + " to_regprocedure('app.kill(regclass)') IS NULL")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2);
                assertThat(rs.getString(2)).isEqualTo("hello,world");
                assertThat(rs.getLong(3)).isEqualTo(1);
                assertThat(rs.getLong(4)).isZero();
                assertThat(rs.getBoolean(5)).isTrue();
                assertThat(rs.getBoolean(6)).isTrue();
                assertThat(rs.getLong(7)).isEqualTo(1); // the policy naming the reader left out, like the role
                assertThat(rs.getBoolean(8)).isTrue();
                assertThat(rs.getLong(9)).isEqualTo(1);
                assertThat(rs.getBoolean(10)).isTrue();
            }
        }
    }

    private static Map<String, Long> counts(Connection c) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (c; var st = c.createStatement()) {
            st.execute("SET row_security = off");
            List<String> tables = new java.util.ArrayList<>();
            try (var rs = st.executeQuery("SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables"
                    + " WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                try (var rs = st.executeQuery("SELECT count(*) FROM " + t)) {
                    rs.next();
                    out.put(t, rs.getLong(1));
                }
            }
        }
        return out;
    }

    /** A new database on the target server owned by the CREATEDB/CREATEROLE login. */
    private static synchronized String newTarget() throws Exception {
        String db = "mgd_tgt_" + PID + "_" + (++targets);
        try (Connection c = target.connect("postgres"); var st = c.createStatement()) {
            st.execute("CREATE DATABASE " + db + " OWNER " + LOGIN);
        }
        return db;
    }

    static String as(EmbeddedPostgres server, String db, String user) {
        return "postgresql://" + user + "@" + server.host() + ":" + server.port() + "/" + db;
    }

    static Connection connectAs(EmbeddedPostgres server, String db, String user) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", user);
        return DriverManager.getConnection(server.jdbcUrl(db), p);
    }

    static String createRole(String name, String options) {
        return "DO $$ BEGIN CREATE ROLE " + name + " " + options + "; EXCEPTION WHEN duplicate_object THEN NULL; END $$;";
    }


    /** A directory the server's OS user owns (nobody, when the tests run as root). */
    static String serverOwnedDir() throws Exception {
        Path dir = Files.createTempDirectory("pgbarge-mgd-ts-");
        if ("root".equals(System.getProperty("user.name"))) {
            new ProcessBuilder("chown", "nobody", dir.toString()).inheritIO().start().waitFor();
        }
        return dir.toString();
    }
}
