package io.pgbarge.copy;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.testutil.PgDump;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * pagila and chinook (../shared/datasets) copied 15 -> 15: pg_dump cannot tell the target from the
 * source, neither its schema nor its data (rows sorted within each table).
 */
@Timeout(600)
class DatasetCopyTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pagila/pagila.sql", "chinook/chinook.sql"})
    void pgDumpCannotTellTargetFromSource(String dataset) throws Exception {
        Path datasets = TestServers.datasets();
        assumeTrue(datasets != null && Files.isRegularFile(datasets.resolve(dataset)),
                "the shared datasets are not beside this checkout (../shared/datasets)");
        assumeTrue(PgDump.isAvailable() && PgDump.canDump(15), "pg_dump/psql 15 are not installed");

        TestDb source = TestServers.newDatabase(15, "ds_src");
        TestDb target = TestServers.newDatabase(15, "ds_tgt");
        PgDump.loadWithPsql(source.uri(), datasets.resolve(dataset));

        CopyResult result = CopyTestSupport.copy(source, target, CopyTestSupport.jobs(2));

        assertThat(result.rows()).isGreaterThan(10_000);
        System.out.println(dataset + ": " + result.tables().size() + " tables, " + result.rows() + " rows copied");

        assertThat(PgDump.schemaOnly(target.uri())).isEqualTo(PgDump.schemaOnly(source.uri()));
        assertThat(PgDump.dataOnly(target.uri())).isEqualTo(PgDump.dataOnly(source.uri()));
    }
}
