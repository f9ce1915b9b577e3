package io.pgbarge.sample;

import io.pgbarge.TestDb;
import io.pgbarge.testutil.DbCompare;
import io.pgbarge.testutil.Sample;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same sample loaded into two major versions compares equal: DbCompare's normalisations cover
 * what legitimately differs between versions (MAINTAIN, the public schema, multiranges, view
 * layout, procedure argument modes, NOT NULL constraints, unlogged sequences, ...), and nothing else
 * is hidden.
 */
@Timeout(300)
class CrossVersionCompareTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"13, 17", "17, 16", "15, 18", "18, 13"})
    void theSameSampleOnTwoVersionsComparesEqual(int sourceMajor, int targetMajor) throws Exception {
        TestDb source = Sample.newDatabase(sourceMajor, "xv_src");
        TestDb target = Sample.newDatabase(targetMajor, "xv_tgt");
        try (Connection s = source.connect(); Connection t = target.connect()) {
            List<String> schema = DbCompare.schemaDifferences(s, t);
            assertThat(schema).as("schema differences %d → %d", sourceMajor, targetMajor).isEmpty();

            List<String> data = DbCompare.dataDifferences(s, t);
            if ((sourceMajor >= 14) == (targetMajor >= 14)) {
                assertThat(data).isEmpty();
            } else {
                // numeric Infinity exists from 14 on, so the sample has two more rows there
                assertThat(data).hasSize(2);
                assertThat(data.get(0)).startsWith("table app.awkward data: checksum:");
                assertThat(data.get(1)).startsWith("table app.awkward data: rows:");
            }
        }
    }
}
