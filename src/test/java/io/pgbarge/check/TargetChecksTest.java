package io.pgbarge.check;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.util.List;

import static io.pgbarge.check.PreflightScenarioTest.all;
import static io.pgbarge.check.PreflightScenarioTest.finding;
import static org.assertj.core.api.Assertions.assertThat;

/** Capacity, target content, encodings and privileges, each against real servers. */
@Timeout(120)
class TargetChecksTest {
    static final long PID = ProcessHandle.current().pid();

    @Test
    void tooManyJobsIsABlockerThatSaysWhatFits() throws Exception {
        TestDb source = TestServers.newDatabase(16, "cap_src");
        TestDb target = TestServers.newDatabase(18, "cap_tgt");
        try (Connection s = source.connect(); Connection t = target.connect()) {
            List<Finding> findings = new Preflight(List.of(new CapacityCheck())).check(s, t, CheckOptions.jobs(500));
            Finding f = finding(findings, "too-few-connections");
            assertThat(f.severity()).isEqualTo(Severity.BLOCKER);
            assertThat(f.problem()).contains("needs 501 sessions on each server (1002 in all)");
            assertThat(f.fix()).containsPattern("Use --jobs \\d+ or fewer");
            int fits = Integer.parseInt(f.fix().replaceAll(".*Use --jobs (\\d+) or fewer.*", "$1"));
            assertThat(fits).isBetween(1, 199);

            List<Finding> ok = new Preflight(List.of(new CapacityCheck())).check(s, t, CheckOptions.jobs(fits));
            assertThat(finding(ok, "connections").severity()).isEqualTo(Severity.INFO);
        }
    }

    @Test
    void theLoginsConnectionLimitCounts() throws Exception {
        TestDb source = TestServers.newDatabase(17, "cap_src");
        TestDb target = TestServers.newDatabase(17, "cap_tgt");
        String login = "cap_login_" + PID;
        target.exec(PreflightScenarioTest.createRole(login, "LOGIN CONNECTION LIMIT 3"));
        try (Connection s = source.connect();
             Connection t = PreflightScenarioTest.as(target.server().jdbcUrl(target.name()), login)) {
            List<Finding> findings = new Preflight(List.of(new CapacityCheck())).check(s, t, CheckOptions.jobs(4));
            Finding f = finding(findings, "too-few-connections");
            assertThat(f.problem()).contains("connection limit 3");
            assertThat(f.fix()).contains("Use --jobs 2 or fewer");
        }
    }

    @Test
    void aTargetHoldingTheSourcesNamesIsABlockerOtherContentANote() throws Exception {
        TestDb source = TestServers.newDatabase(15, "content_src");
        TestDb target = TestServers.newDatabase(16, "content_tgt");
        source.exec("CREATE SCHEMA app; CREATE TABLE app.orders (id int); CREATE FUNCTION app.f(x int) RETURNS int"
                + " LANGUAGE sql AS 'SELECT x'; CREATE TYPE app.mood AS ENUM ('ok')");
        target.exec("CREATE SCHEMA app; CREATE TABLE app.orders (id int); CREATE FUNCTION app.f(x text) RETURNS text"
                + " LANGUAGE sql AS 'SELECT x'; CREATE TYPE app.mood AS ENUM ('ok'); CREATE TABLE public.other (id int)");
        try (Connection s = source.connect(); Connection t = target.connect()) {
            List<Finding> findings = new Preflight(List.of(new TargetContentCheck())).check(s, t, CheckOptions.jobs(1));
            Finding clash = finding(findings, "target-name-collision");
            assertThat(clash.severity()).isEqualTo(Severity.BLOCKER);
            // app.f(text) is another function than app.f(integer)
            assertThat(clash.objects()).containsExactlyInAnyOrder("table app.orders", "type app.mood");
            assertThat(clash.fix()).contains("--clean");
            Finding content = finding(findings, "target-not-empty");
            assertThat(content.severity()).isEqualTo(Severity.INFO);
            assertThat(content.problem()).contains("1 schema").contains("2 tables").contains("1 function").contains("1 type");
        }
    }

    @Test
    void utf8IntoLatin1IsABlocker() throws Exception {
        TestDb source = TestServers.newDatabase(17, "enc_src");
        String latin = "enc_latin1_" + PID + "_" + System.nanoTime() % 100000;
        try (Connection c = TestServers.server(17).connect("postgres")) {
            c.createStatement().execute("CREATE DATABASE " + latin + " TEMPLATE template0 ENCODING 'LATIN1'"
                    + " LC_COLLATE 'C' LC_CTYPE 'C'");
        }
        try (Connection s = source.connect(); Connection t = TestServers.server(17).connect(latin)) {
            List<Finding> findings = new Preflight(List.of(new EncodingCheck())).check(s, t, CheckOptions.jobs(1));
            Finding f = finding(findings, "encoding-mismatch");
            assertThat(f.severity()).isEqualTo(Severity.BLOCKER);
            assertThat(f.objects()).containsExactly("source encoding UTF8", "target encoding LATIN1");
            // and the other way round, LATIN1 into UTF8, is only converted
            List<Finding> back = new Preflight(List.of(new EncodingCheck())).check(t, s, CheckOptions.jobs(1));
            assertThat(finding(back, "encoding-converted").severity()).isEqualTo(Severity.INFO);
        } finally {
            try (Connection c = TestServers.server(17).connect("postgres")) {
                c.createStatement().execute("DROP DATABASE IF EXISTS " + latin);
            }
        }
    }

    @Test
    void aCollationTheTargetLacksIsABlockerNamingTheColumns() throws Exception {
        TestDb source = TestServers.newDatabase(17, "coll_src");
        TestDb target = TestServers.newDatabase(13, "coll_tgt");
        // pg_c_utf8 (the builtin provider) appeared in PostgreSQL 17
        source.exec("CREATE TABLE public.names (n text COLLATE pg_catalog.pg_c_utf8)");
        try (Connection s = source.connect(); Connection t = target.connect()) {
            List<Finding> findings = new Preflight(List.of(new EncodingCheck())).check(s, t, CheckOptions.jobs(1));
            Finding f = finding(findings, "collation-missing");
            assertThat(f.severity()).isEqualTo(Severity.BLOCKER);
            assertThat(f.objects()).contains("column public.names.n");
            assertThat(f.objects().get(0)).startsWith("collation pg_catalog.pg_c_utf8 (builtin");
        }
    }

    @Test
    void aLoginWithoutCreateOnTheDatabaseCannotMakeTheSourcesSchemas() throws Exception {
        TestDb source = TestServers.newDatabase(16, "priv_src");
        TestDb target = TestServers.newDatabase(16, "priv_tgt");
        String login = "priv_login_" + PID;
        String owner = "priv_owner_" + PID;
        target.exec(PreflightScenarioTest.createRole(login, "LOGIN") + PreflightScenarioTest.createRole(owner, "NOLOGIN"));
        source.exec(PreflightScenarioTest.createRole(owner, "NOLOGIN"));
        source.exec("CREATE SCHEMA sales AUTHORIZATION " + owner + "; CREATE TABLE sales.t (id int);"
                + " ALTER TABLE sales.t OWNER TO " + owner + "; CREATE TABLE public.p (id int)");
        target.exec("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        try (Connection s = source.connect();
             Connection t = PreflightScenarioTest.as(target.server().jdbcUrl(target.name()), login)) {
            List<Finding> findings = new Preflight(List.of(new PrivilegeCheck(), new RoleCheck())).check(s, t, CheckOptions.jobs(1));
            assertThat(finding(findings, "target-no-create-on-database").objects()).containsExactly("schema sales");
            assertThat(finding(findings, "target-no-create-on-schema").objects()).containsExactly("schema public");
            assertThat(finding(findings, "target-not-superuser").severity()).isEqualTo(Severity.INFO);
            // the owner exists on the target, but the login may not hand objects to it
            Finding owners = finding(findings, "owner-not-settable");
            assertThat(owners.severity()).isEqualTo(Severity.BLOCKER);
            // postgres too: it owns public.p and exists on the target
            assertThat(owners.objects()).containsExactlyInAnyOrder("role " + owner, "role postgres");
            assertThat(owners.fix()).contains("--no-owner");
            assertThat(all(findings, "role-missing")).isEmpty();
        }
    }

    @Test
    void providerRolesAreNamedAsNeverCreated() throws Exception {
        TestDb source = TestServers.newDatabase(15, "prov_src");
        TestDb target = TestServers.newDatabase(15, "prov_tgt");
        source.exec(PreflightScenarioTest.createRole("rds_superuser", "NOLOGIN")
                + " CREATE TABLE public.t (id int); GRANT SELECT ON public.t TO rds_superuser");
        try (Connection s = source.connect(); Connection t = target.connect()) {
            List<Finding> findings = new Preflight(List.of(new RoleCheck())).check(s, t, CheckOptions.jobs(1));
            Finding f = finding(findings, "provider-roles");
            assertThat(f.objects()).containsExactly("role rds_superuser");
            assertThat(f.problem()).contains("never created");
            assertThat(all(findings, "role-missing")).isEmpty();
        }
    }

    @Test
    void aRowSecurityTableReadByItsOwnerIsFine() throws Exception {
        TestDb source = TestServers.newDatabase(16, "rls_src");
        TestDb target = TestServers.newDatabase(16, "rls_tgt");
        String owner = "rls_owner_" + PID;
        source.exec(PreflightScenarioTest.createRole(owner, "LOGIN"));
        source.exec("CREATE TABLE public.mine (id int); ALTER TABLE public.mine OWNER TO " + owner + ";"
                + " ALTER TABLE public.mine ENABLE ROW LEVEL SECURITY;"
                + " CREATE TABLE public.forced (id int); ALTER TABLE public.forced OWNER TO " + owner + ";"
                + " ALTER TABLE public.forced ENABLE ROW LEVEL SECURITY; ALTER TABLE public.forced FORCE ROW LEVEL SECURITY");
        try (Connection s = PreflightScenarioTest.as(source.server().jdbcUrl(source.name()), owner);
             Connection t = target.connect()) {
            List<Finding> findings = new Preflight(List.of(new RowSecurityCheck())).check(s, t, CheckOptions.jobs(1));
            assertThat(finding(findings, "row-security-applies").objects()).containsExactly("table public.forced (FORCE)");
        }
        try (Connection s = source.connect(); Connection t = target.connect()) {
            assertThat(new Preflight(List.of(new RowSecurityCheck())).check(s, t, CheckOptions.jobs(1))).isEmpty();
        }
    }
}
