package io.pgbarge.check;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scenario: a PostgreSQL 17 source read by a login that does not bypass row-level
 * security, into a PostgreSQL 13 target whose login only has CREATEDB and CREATEROLE and owns the
 * target database; none of the source's roles exist on the target; an extension the target lacks
 * (pg_surgery ships with 17, not 13), a tablespace, an event trigger, publications, a subscription,
 * RLS tables, large objects, an unlogged table.
 */
@Timeout(180)
class PreflightScenarioTest {
    static final long PID = ProcessHandle.current().pid();

    @Test
    void namesEachFindingWithItsSeverity() throws Exception {
        TestDb source = TestServers.newDatabase(17, "chk_src");
        String owner = "chk_owner_" + PID;
        String reader = "chk_reader_" + PID;
        String login = "chk_login_" + PID;
        String ts = "chk_ts_" + PID;
        source.exec(createRole(owner, "NOLOGIN") + createRole(reader, "LOGIN"));
        source.exec("CREATE TABLESPACE " + ts + " LOCATION '" + serverOwnedDir() + "'");
        String targetDb = "chk_tgt_" + PID + "_" + System.nanoTime() % 100000;
        try {
            source.exec("CREATE SCHEMA app AUTHORIZATION " + owner + ";"
                    + " CREATE EXTENSION pg_surgery;"
                    + " CREATE FUNCTION app.kill(r regclass) RETURNS void LANGUAGE sql"
                    + "   RETURN heap_force_kill(r, ARRAY[]::tid[]);"
                    + " CREATE TABLE app.orders (id int PRIMARY KEY, who text) TABLESPACE " + ts + ";"
                    + " ALTER TABLE app.orders OWNER TO " + owner + ";"
                    + " CREATE TABLE app.secret (id int, who text); ALTER TABLE app.secret OWNER TO " + owner + ";"
                    + " ALTER TABLE app.secret ENABLE ROW LEVEL SECURITY;"
                    + " CREATE POLICY mine ON app.secret TO " + reader + " USING (who = current_user);"
                    + " INSERT INTO app.secret VALUES (1, 'someone else');"
                    + " CREATE UNLOGGED TABLE app.cache (k text);"
                    + " GRANT USAGE ON SCHEMA app TO " + reader + "; GRANT SELECT ON ALL TABLES IN SCHEMA app TO " + reader + ";"
                    + " ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA app GRANT SELECT ON TABLES TO " + reader + ";"
                    + " CREATE FUNCTION app.on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;"
                    + " CREATE EVENT TRIGGER chk_ddl ON ddl_command_end EXECUTE FUNCTION app.on_ddl();"
                    + " CREATE PUBLICATION pub_all FOR ALL TABLES;"
                    + " CREATE PUBLICATION pub_orders FOR TABLE app.orders;"
                    + " SELECT lo_from_bytea(0, 'hello'), lo_from_bytea(0, 'world');");
            // not inside a transaction block: on its own
            source.exec("CREATE SUBSCRIPTION sub_in CONNECTION 'host=localhost dbname=nowhere' PUBLICATION up WITH (connect = false)");

            // the target: a login with only CREATEDB and CREATEROLE, owning its database
            TestDb admin13 = TestServers.newDatabase(13, "chk_admin");
            admin13.exec(createRole(login, "LOGIN CREATEDB CREATEROLE"));
            admin13.exec("CREATE DATABASE " + targetDb + " OWNER " + login);

            List<Finding> findings;
            try (Connection s = as(source.server().jdbcUrl(source.name()), reader);
                 Connection t = as(TestServers.server(13).jdbcUrl(targetDb), login)) {
                findings = Preflight.run(s, t, CheckOptions.jobs(2));
            }
            String report = FindingsReport.text(findings, "source", "target", false);
            System.out.println(report);

            assertThat(finding(findings, "target-older").severity()).isEqualTo(Severity.WARNING);
            assertThat(finding(findings, "target-not-superuser").severity()).isEqualTo(Severity.INFO);

            Finding ext = finding(findings, "extension-missing");
            assertThat(ext.severity()).isEqualTo(Severity.BLOCKER);
            assertThat(ext.objects()).contains("extension pg_surgery 1.0", "function app.kill(regclass)");

            Finding rls = finding(findings, "row-security-applies");
            assertThat(rls.severity()).isEqualTo(Severity.BLOCKER);
            assertThat(rls.objects()).containsExactly("table app.secret");
            assertThat(rls.fix()).contains("BYPASSRLS");

            List<Finding> roles = all(findings, "role-missing");
            assertThat(roles).anySatisfy(f -> {
                assertThat(f.objects()).contains("role " + owner);
                assertThat(f.severity()).isEqualTo(Severity.INFO);
                assertThat(f.problem()).contains("objects (to be owned by " + login + ")");
                assertThat(f.fix()).contains("--role-map").contains("CREATE ROLE " + owner);
            });
            assertThat(roles).anySatisfy(f -> {
                assertThat(f.objects()).contains("role " + reader);
                assertThat(f.severity()).isEqualTo(Severity.WARNING); // a policy names it
                assertThat(f.problem()).contains("grants left out").contains("policies");
            });

            Finding tablespace = finding(findings, "tablespace-missing");
            assertThat(tablespace.severity()).isEqualTo(Severity.INFO);
            assertThat(tablespace.problem()).contains(ts);

            assertThat(finding(findings, "event-trigger-skipped").objects()).containsExactly("event trigger chk_ddl (ddl_command_end)");
            assertThat(finding(findings, "event-trigger-skipped").severity()).isEqualTo(Severity.WARNING);
            assertThat(finding(findings, "publication-skipped").objects()).containsExactly("publication pub_all");
            assertThat(finding(findings, "publications").objects()).containsExactly("publication pub_orders");
            Finding sub = finding(findings, "subscription-not-copied");
            assertThat(sub.severity()).isEqualTo(Severity.WARNING);
            assertThat(sub.objects()).containsExactly("subscription sub_in (publications up)");

            assertThat(finding(findings, "large-objects").objects()).containsExactly("2 large objects");
            Finding lo = finding(findings, "large-object-unreadable");
            assertThat(lo.severity()).isEqualTo(Severity.BLOCKER);
            assertThat(lo.objects()).hasSize(2);
            assertThat(lo.fix()).contains("--no-large-objects");

            assertThat(finding(findings, "unlogged-tables").objects()).containsExactly("table app.cache");
            assertThat(finding(findings, "connections").severity()).isEqualTo(Severity.INFO);
            assertThat(finding(findings, "source-size").severity()).isEqualTo(Severity.INFO);
            assertThat(finding(findings, "target-empty").severity()).isEqualTo(Severity.INFO);
            assertThat(findings).noneMatch(f -> f.code().equals("check-failed"));
            assertThat(findings).noneMatch(f -> f.code().equals("source-no-select"));
            assertThat(findings).noneMatch(f -> f.code().equals("target-no-create-on-database"));
            // blockers come first
            assertThat(findings.get(0).severity()).isEqualTo(Severity.BLOCKER);
            assertThat(report).contains("BLOCKERS").contains("extension-missing").contains("fix: ");
        } finally {
            quietly(source, "ALTER SUBSCRIPTION sub_in SET (slot_name = NONE)");
            quietly(source, "DROP SUBSCRIPTION IF EXISTS sub_in");
            quietly(source, "DROP TABLE IF EXISTS app.orders");
            quietly(source, "DROP TABLESPACE " + ts);
            try (Connection c = TestServers.server(13).connect("postgres")) {
                c.createStatement().execute("DROP DATABASE IF EXISTS " + targetDb);
            }
        }
    }

    static void quietly(TestDb db, String sql) {
        try {
            db.exec(sql);
        } catch (Exception e) {
            // cleanup: the object may not have been made
        }
    }

    static String createRole(String name, String options) {
        return "DO $$ BEGIN CREATE ROLE " + name + " " + options + "; EXCEPTION WHEN duplicate_object THEN NULL; END $$;";
    }

    static Connection as(String jdbcUrl, String user) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", user);
        return DriverManager.getConnection(jdbcUrl, p);
    }

    static Finding finding(List<Finding> findings, String code) {
        List<Finding> found = all(findings, code);
        assertThat(found).as("findings with code " + code + " in " + findings).hasSize(1);
        return found.get(0);
    }

    static List<Finding> all(List<Finding> findings, String code) {
        return findings.stream().filter(f -> f.code().equals(code)).toList();
    }

    /** A directory the server's OS user owns (nobody, when the tests run as root). */
    static String serverOwnedDir() throws Exception {
        Path dir = Files.createTempDirectory("pgbarge-chk-ts-");
        if ("root".equals(System.getProperty("user.name"))) {
            new ProcessBuilder("chown", "nobody", dir.toString()).inheritIO().start().waitFor();
        }
        return dir.toString();
    }
}
