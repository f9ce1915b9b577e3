package io.pgbarge.check;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class PoolerCheckTest {

    @Test
    void aNeonPoolerHostIsRefusedAndTheDirectHostNamed() {
        assertThat(PoolerCheck.directHost("ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech"))
                .contains("ep-cool-darkness-123456.us-east-2.aws.neon.tech");
        assertThat(PoolerCheck.directHost("ep-cool-darkness-123456.us-east-2.aws.neon.tech")).isEmpty();
        assertThat(PoolerCheck.directHost("db.example.com")).isEmpty();

        List<Finding> findings = PoolerCheck.hostFindings("target",
                List.of(new CheckOptions.Endpoint("ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech", 5432)));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.BLOCKER);
            assertThat(f.code()).isEqualTo("pooled-endpoint");
            assertThat(f.fix()).contains("ep-cool-darkness-123456.us-east-2.aws.neon.tech");
        });
    }

    @Test
    void supavisorInTransactionModeIsRefusedSessionModeIsNot() {
        assertThat(PoolerCheck.hostFindings("source",
                List.of(new CheckOptions.Endpoint("aws-0-eu-central-1.pooler.supabase.com", 6543))))
                .singleElement().extracting(Finding::severity).isEqualTo(Severity.BLOCKER);
        assertThat(PoolerCheck.hostFindings("source",
                List.of(new CheckOptions.Endpoint("aws-0-eu-central-1.pooler.supabase.com", 5432)))).isEmpty();
    }

    @Test
    void aPostgresServerDoesNotLookLikeAPooler() throws Exception {
        TestDb source = TestServers.newDatabase(17, "pool_src");
        TestDb target = TestServers.newDatabase(17, "pool_tgt");
        try (Connection s = source.connect(); Connection t = target.connect()) {
            CheckOptions options = new CheckOptions(1, List.of(new CheckOptions.Endpoint("127.0.0.1", 1)), List.of(),
                    "pgbarge:embedded", "something-else");
            List<Finding> findings = new Preflight(List.of(new PoolerCheck())).check(s, t, options);
            assertThat(findings).extracting(Finding::code).containsExactly("application-name-lost");
            assertThat(findings.get(0).objects()).containsExactly("target connection");
            // the session is left as it was found
            assertThat(s.getAutoCommit()).isTrue();
        }
    }
}
