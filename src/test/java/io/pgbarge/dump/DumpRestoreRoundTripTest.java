package io.pgbarge.dump;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.cli.Main;
import io.pgbarge.testutil.DbCompare;
import io.pgbarge.testutil.Sample;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/** pgbarge dump, then pgbarge restore, in every format and compression: the target equals the source. */
@Timeout(600)
class DumpRestoreRoundTripTest {
    private static TestDb source;

    @BeforeAll
    static void loadSample() throws Exception {
        source = Sample.newDatabase(16, "rt_src");
    }

    @ParameterizedTest(name = "-F{0} -Z {1} -j {2}")
    @CsvSource({"c, gzip:6, 2", "c, lz4:3, 1", "c, zstd:5, 2", "c, 0, 1", "d, zstd:3, 2", "d, gzip:1, 2", "t, 0, 2",
            "p, 0, 1"})
    void restoresWhatItDumped(String format, String compression, int jobs, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("sample." + format);
        assertThat(Main.execute("dump", source.uri(), "-f", file.toString(), "-F", format, "-Z", compression,
                "-j", String.valueOf(jobs), "--no-progress")).isEqualTo(0);

        TestDb target = TestServers.newDatabase(17, "rt_tgt");
        Sample.createRoles(target);
        assertThat(Main.execute("restore", file.toString(), "-d", target.uri(), "-j", "2", "--no-progress"))
                .isEqualTo(0);

        try (Connection s = source.connect(); Connection t = target.connect()) {
            DbCompare.assertSame(s, t);
        }
    }
}
