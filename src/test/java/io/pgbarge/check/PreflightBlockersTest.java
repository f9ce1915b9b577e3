package io.pgbarge.check;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The preflight that copy runs: blockers only, without running the checks that cannot find one. */
@Timeout(120)
class PreflightBlockersTest {
    @Test
    void runsOnlyTheChecksThatCanBlockAndReturnsOnlyBlockers() throws Exception {
        TestDb source = TestServers.newDatabase(16, "pfb_src");
        TestDb target = TestServers.newDatabase(16, "pfb_tgt");
        source.exec("CREATE UNLOGGED TABLE public.cache (k text); CREATE TABLE public.t (id int)");
        // the target already holds a table the copy would create: a blocker
        target.exec("CREATE TABLE public.t (id int)");
        AtomicInteger infoRuns = new AtomicInteger();
        Check infoOnly = new Check() {
            @Override
            public String topic() {
                return "counting";
            }

            @Override
            public boolean canBlock() {
                return false;
            }

            @Override
            public List<Finding> run(CheckContext ctx) {
                infoRuns.incrementAndGet();
                return List.of(Finding.info("counted", List.of(), "ran", "nothing"));
            }
        };
        try (Connection s = source.connect(); Connection t = target.connect()) {
            List<Finding> all = Preflight.run(s, t, CheckOptions.jobs(2));
            assertThat(all).extracting(Finding::code).contains("source-size", "target-name-collision");
            assertThat(all).anyMatch(f -> !f.isBlocker());

            List<Finding> blockers = Preflight.blockers(s, t, CheckOptions.jobs(2));
            assertThat(blockers).isNotEmpty().allMatch(Finding::isBlocker);
            assertThat(blockers).extracting(Finding::code).contains("target-name-collision").doesNotContain("source-size");

            List<Check> checks = new java.util.ArrayList<>(Preflight.standardChecks());
            checks.add(infoOnly);
            new Preflight(checks).blockersOnly(s, t, CheckOptions.jobs(2));
            assertThat(infoRuns).hasValue(0);
            new Preflight(checks).check(s, t, CheckOptions.jobs(2));
            assertThat(infoRuns).hasValue(1);
        }
    }
}
