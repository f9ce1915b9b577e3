package io.pgbarge.copy;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.testutil.DbCompare;
import io.pgbarge.testutil.Sample;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample database (every object kind of the copy, awkward data) copied between major versions:
 * the target must equal the source object by object and row by row.
 */
@Timeout(600)
class CopyAcrossVersionsTest {

    @ParameterizedTest(name = "PostgreSQL {0} -> {1}")
    @CsvSource({"13, 17", "15, 17", "17, 17", "17, 16", "16, 15"})
    void targetEqualsSource(int sourceMajor, int targetMajor) throws Exception {
        TestDb source = Sample.newDatabase(sourceMajor, "xv_src");
        TestDb target = TestServers.newDatabase(targetMajor, "xv_tgt");
        CopyTestSupport.copyRoles(source, target, "pgbarge_");

        CopyResult result = CopyTestSupport.copy(source, target, CopyTestSupport.jobs(2));

        assertThat(result.rows()).isGreaterThan(100_000);
        assertThat(result.notes()).noneMatch(n -> n.contains("cycle") || n.startsWith("internal"));
        try (Connection s = source.connect(); Connection t = target.connect()) {
            DbCompare.assertSame(s, t);
        }
    }
}
