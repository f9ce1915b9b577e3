package io.pgbarge.tables;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.testutil.PgDump;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * pg_dump's own view: after pgbarge recreates row-level security, policies, rules, extended statistics,
 * typed tables and foreign data on a target, {@code pg_dump --schema-only} of source and target match.
 */
@Timeout(300)
class TableExtrasPgDumpTest {

    @Test
    void pgDumpSeesTheSameSchema() throws Exception {
        assumeTrue(PgDump.canDump(15), "pg_dump 15 or newer is not installed");
        TestDb source = TestServers.newDatabase(15, "extras_dump_src");
        TestDb target = TestServers.newDatabase(15, "extras_dump_tgt");
        source.exec(TableFixtures.ROLES);
        source.exec(TableFixtures.PRELUDE);
        target.exec(TableFixtures.PRELUDE);
        source.exec(TableFixtures.EXTRAS);

        TableObjectsRoundTripTest.copySchema(source, target);

        String want = PgDump.schemaOnly(source.uri());
        assertThat(want).contains("CREATE POLICY", "CREATE RULE", "CREATE STATISTICS", "CREATE FOREIGN TABLE",
                "CREATE USER MAPPING", "CREATE FOREIGN DATA WRAPPER");
        assertThat(PgDump.schemaOnly(target.uri())).isEqualTo(want);
    }
}
