package io.pgbarge.check;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.pgbarge.check.PreflightScenarioTest.finding;
import static org.assertj.core.api.Assertions.assertThat;

/** The extension rule with a target's availability list injected: a missing one names what depends on it. */
@Timeout(120)
class ExtensionCheckTest {

    @Test
    void aMissingExtensionNamesTheColumnsAndIndexesThatNeedIt() throws Exception {
        TestDb source = TestServers.newDatabase(16, "ext_src");
        TestDb target = TestServers.newDatabase(16, "ext_tgt");
        source.exec("CREATE EXTENSION hstore; CREATE EXTENSION pg_trgm; CREATE EXTENSION citext;"
                + " CREATE TABLE public.doc (id int, attrs hstore, tags hstore[], title text);"
                + " CREATE INDEX doc_title_trgm ON public.doc USING gin (title gin_trgm_ops)");
        List<Finding> findings;
        try (Connection s = source.connect(); Connection t = target.connect()) {
            Map<String, ExtensionCheck.Available> offered = new HashMap<>(ExtensionCheck.available(t, ServerFacts.read(t)));
            offered.remove("hstore");
            String trgm = source.scalar("SELECT extversion FROM pg_extension WHERE extname = 'pg_trgm'");
            offered.put("pg_trgm", new ExtensionCheck.Available("pg_trgm", "1.0", Set.of("1.0"), true));
            findings = new Preflight(List.of(new ExtensionCheck(offered))).check(s, t, CheckOptions.jobs(1));
            assertThat(trgm).isNotEqualTo("1.0");
        }
        Finding missing = finding(findings, "extension-missing");
        assertThat(missing.severity()).isEqualTo(Severity.BLOCKER);
        assertThat(missing.objects()).contains("column attrs of table public.doc", "column tags of table public.doc");
        assertThat(missing.objects().get(0)).startsWith("extension hstore ");
        assertThat(missing.problem()).contains("hstore").contains("2 objects depend on it");

        Finding older = finding(findings, "extension-older");
        assertThat(older.severity()).isEqualTo(Severity.WARNING);
        assertThat(older.objects().get(0)).startsWith("extension pg_trgm ");
        assertThat(older.problem()).contains("up to version 1.0");

        Finding fine = finding(findings, "extensions");
        assertThat(fine.severity()).isEqualTo(Severity.INFO);
        assertThat(fine.problem()).contains("citext");
    }

    @Test
    void theIndexUsingAMissingOperatorClassIsNamed() throws Exception {
        TestDb source = TestServers.newDatabase(17, "ext_src");
        TestDb target = TestServers.newDatabase(17, "ext_tgt");
        source.exec("CREATE EXTENSION pg_trgm; CREATE TABLE public.doc (id int, title text);"
                + " CREATE INDEX doc_title_trgm ON public.doc USING gin (title gin_trgm_ops)");
        try (Connection s = source.connect(); Connection t = target.connect()) {
            Map<String, ExtensionCheck.Available> offered = new HashMap<>(ExtensionCheck.available(t, ServerFacts.read(t)));
            offered.remove("pg_trgm");
            List<Finding> findings = new Preflight(List.of(new ExtensionCheck(offered))).check(s, t, CheckOptions.jobs(1));
            assertThat(finding(findings, "extension-missing").objects()).contains("index public.doc_title_trgm");
        }
    }

    @Test
    void anUntrustedExtensionNeedsASuperuserOnTheTarget() throws Exception {
        TestDb source = TestServers.newDatabase(15, "ext_src");
        String login = "ext_login_" + ProcessHandle.current().pid();
        TestDb admin = TestServers.newDatabase(15, "ext_admin");
        admin.exec(PreflightScenarioTest.createRole(login, "LOGIN"));
        TestDb target = TestServers.newDatabase(15, "ext_tgt");
        target.exec("GRANT CREATE ON DATABASE " + target.name() + " TO " + login);
        // hstore is trusted, pg_stat_statements is not
        source.exec("CREATE EXTENSION hstore; CREATE EXTENSION pg_stat_statements");
        try (Connection s = source.connect();
             Connection t = PreflightScenarioTest.as(target.server().jdbcUrl(target.name()), login)) {
            List<Finding> findings = new Preflight(List.of(new ExtensionCheck())).check(s, t, CheckOptions.jobs(1));
            Finding f = finding(findings, "extension-needs-superuser");
            assertThat(f.severity()).isEqualTo(Severity.BLOCKER);
            assertThat(f.objects().get(0)).startsWith("extension pg_stat_statements ");
            assertThat(finding(findings, "extensions").problem()).contains("hstore");
        }
    }

    @Test
    void versionsCompareNumerically() {
        assertThat(ExtensionCheck.compareVersions("1.10", "1.9")).isPositive();
        assertThat(ExtensionCheck.compareVersions("1.6", "1.6")).isZero();
        assertThat(ExtensionCheck.compareVersions("1.0", "1.6")).isNegative();
        assertThat(ExtensionCheck.compareVersions("2", "1.9")).isPositive();
    }
}
