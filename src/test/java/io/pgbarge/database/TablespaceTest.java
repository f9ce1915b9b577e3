package io.pgbarge.database;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.catalog.Tablespace;
import io.pgbarge.ddl.TablespacePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Tablespaces in use are read, never created; clauses are kept only for tablespaces the target has. */
@Timeout(120)
class TablespaceTest {

    @Test
    void readsTheTablespacesInUseAndKeepsOnlyThoseTheTargetHas() throws Exception {
        TestDb source = TestServers.newDatabase(17, "ts_src");
        TestDb target = TestServers.newDatabase(13, "ts_tgt");
        String name = "ts_" + source.name();
        Path dir = Files.createTempDirectory("pgbarge-ts");
        // the server may run as another OS user (as nobody when the tests run as root)
        UserPrincipal serverUser = Files.getOwner(Path.of(source.scalar("SHOW data_directory")));
        Files.setOwner(dir, serverUser);
        source.exec("CREATE TABLESPACE " + name + " LOCATION '" + dir + "'");
        try {
            source.exec("CREATE TABLE t (id int) TABLESPACE " + name + "; CREATE TABLE u (id int)");
            DatabaseRun run = DatabaseRun.read(source, target);
            List<Tablespace> used = run.objects.tablespaces();
            assertThat(used).extracting(Tablespace::name, Tablespace::location, Tablespace::owner, Tablespace::databaseDefault)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("pg_default", "", "postgres", true),
                            org.assertj.core.groups.Tuple.tuple(name, dir.toString(), "postgres", false));
            assertThat(run.statements).isEmpty();

            TablespacePolicy policy;
            try (Connection c = target.connect()) {
                policy = TablespacePolicy.read(c);
            }
            assertThat(policy.clause("pg_default")).isEqualTo(" TABLESPACE pg_default");
            assertThat(policy.clause(name)).isEmpty();
            assertThat(policy.clause(null)).isEmpty();
            assertThat(policy.keeps(name)).isFalse();
            assertThat(policy.notes(used)).containsExactly("tablespace " + name + " (" + dir
                    + ") does not exist on the target: its objects are created in the target database's default tablespace");
        } finally {
            source.exec("DROP TABLE IF EXISTS t");
            source.exec("DROP TABLESPACE " + name);
        }
    }

    @Test
    void quotesTheNameItKeeps() {
        TablespacePolicy policy = TablespacePolicy.of(Set.of("Fast Disk"));
        assertThat(policy.clause("Fast Disk")).isEqualTo(" TABLESPACE \"Fast Disk\"");
        assertThat(policy.keeps("Fast Disk")).isTrue();
    }
}
