package io.pgbarge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(300)
class EmbeddedServerTest {
    @Test
    void startsEachMajorVersionAndGivesEachTestItsOwnDatabase() throws Exception {
        for (int major : new int[] {13, 15, 16, 17, 18}) {
            TestDb a = TestServers.newDatabase(major, "harness");
            TestDb b = TestServers.newDatabase(major, "harness");
            assertThat(a.name()).isNotEqualTo(b.name());
            a.exec("CREATE TABLE t (x int); INSERT INTO t VALUES (1), (2)");
            assertThat(a.scalar("SELECT count(*) FROM t")).isEqualTo("2");
            assertThat(b.scalar("SELECT count(*) FROM pg_class WHERE relname = 't'")).isEqualTo("0");
            assertThat(a.scalar("SHOW server_version_num")).startsWith(String.valueOf(major));
        }
    }
}
