package io.pgbarge.cli;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.testutil.DbCompare;
import io.pgbarge.testutil.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(300)
class SchemaCommandTest {
    @Test
    void theScriptRecreatesTheSchemaOnAnEmptyDatabase(@TempDir Path dir) throws Exception {
        TestDb source = Sample.newDatabase(17, "schema_src");
        TestDb target = TestServers.newDatabase(17, "schema_tgt");
        Path file = dir.resolve("schema.sql");

        assertThat(Main.execute("schema", source.uri(), "-f", file.toString())).isEqualTo(0);

        String script = Files.readString(file);
        assertThat(script).contains("-- Section: pre-data").contains("CREATE TABLE app.orders")
                .doesNotContain("COPY ");
        target.exec(script);
        try (Connection s = source.connect(); Connection t = target.connect()) {
            assertThat(DbCompare.schemaDifferences(s, t)).isEmpty();
        }
    }

    @Test
    void anUnreachableSourceIsAConnectionError() {
        assertThat(Main.execute("schema", "postgresql://127.0.0.1:1/x")).isEqualTo(ExitCode.CONNECTION);
    }
}
