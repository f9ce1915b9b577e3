package io.pgbarge.tables;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.catalog.Dependency;
import io.pgbarge.catalog.ServerInfo;
import io.pgbarge.catalog.Table;
import io.pgbarge.catalog.TableObjects;
import io.pgbarge.ddl.DdlContext;
import io.pgbarge.ddl.Statement;
import io.pgbarge.ddl.TableObjectsDdl;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds tables of every kind on a source, reads them, runs the generated statements on an empty
 * target (which has the same prelude of schemas, types and functions) and compares the catalogs.
 */
@Timeout(300)
class TableObjectsRoundTripTest {

    @ParameterizedTest
    @ValueSource(ints = {13, 15, 16, 17, 18})
    void recreatesTablesExactly(int major) throws Exception {
        TestDb source = TestServers.newDatabase(major, "tables_src");
        TestDb target = TestServers.newDatabase(major, "tables_tgt");
        source.exec(TableFixtures.ROLES);
        source.exec(TableFixtures.PRELUDE);
        target.exec(TableFixtures.PRELUDE);
        source.exec(TableFixtures.TABLES + TableFixtures.EXTRAS + TableFixtures.since(major));

        copySchema(source, target);

        List<String> want = CatalogSnapshot.of(source);
        for (String kind : List.of("policy ", "rule ", "statistics ", "fdw my fdw", "server Other Srv", "user mapping ",
                "table app.remote_items", "column app.remote_items")) {
            assertThat(want).as("fixture has a %s", kind).anyMatch(l -> l.startsWith(kind));
        }
        assertSameCatalog(want, CatalogSnapshot.of(target));
    }

    /** Old source to new target and back: the statements carry nothing the other version lacks. */
    @ParameterizedTest
    @CsvSource({"13, 17", "17, 13", "16, 18", "18, 15"})
    void recreatesTablesAcrossVersions(int from, int to) throws Exception {
        TestDb source = TestServers.newDatabase(from, "tables_src");
        TestDb target = TestServers.newDatabase(to, "tables_tgt");
        for (TestDb db : List.of(source, target)) {
            db.exec(TableFixtures.ROLES);
            db.exec(TableFixtures.PRELUDE);
        }
        source.exec(TableFixtures.TABLES + TableFixtures.EXTRAS);

        copySchema(source, target);

        assertSameCatalog(CatalogSnapshot.of(source, true), CatalogSnapshot.of(target, true));
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void readsWhatTheCopyEngineNeeds(int major) throws Exception {
        TestDb source = TestServers.newDatabase(major, "tables_copy");
        source.exec(TableFixtures.ROLES);
        source.exec(TableFixtures.PRELUDE);
        source.exec(TableFixtures.TABLES + TableFixtures.EXTRAS);
        TableObjects objects;
        try (Connection c = source.connect()) {
            objects = TableObjects.read(c, ServerInfo.read(c));
            assertThat(c.createStatement().executeQuery("SHOW search_path").next()).isTrue();
        }
        Table customers = objects.tables().stream().filter(t -> t.name().equals("customers")).findFirst().orElseThrow();
        assertThat(customers.hasData()).isTrue();
        assertThat(customers.copyColumnList())
                .isEqualTo("(id, \"Full Name\", email, mood, score, tags, created, ticket, after_drop)");
        assertThat(customers.binaryCopySafe()).isFalse();
        assertThat(customers.columns().stream().filter(c -> c.name().equals("score")).findFirst().orElseThrow()
                .binarySafe()).isTrue();
        assertThat(customers.columns().stream().filter(c -> c.name().equals("mood")).findFirst().orElseThrow()
                .binarySafe()).isFalse();
        Table events = objects.tables().stream().filter(t -> t.name().equals("events")).findFirst().orElseThrow();
        assertThat(events.hasData()).isFalse();
        assertThat(objects.tables()).noneMatch(t -> t.name().equals("mv"));
        Table remote = objects.tables().stream().filter(t -> t.name().equals("remote_items")).findFirst().orElseThrow();
        assertThat(remote.relkind()).isEqualTo('f');
        assertThat(remote.hasData()).isFalse();
        assertThat(objects.foreignData().userMappings()).allSatisfy(m -> assertThat(m.toString()).doesNotContain("s3cret"));
    }

    /** Fails with only the lines that differ: what the target lacks and what it has extra. */
    static void assertSameCatalog(List<String> want, List<String> have) {
        List<String> missing = want.stream().filter(l -> !have.contains(l)).toList();
        List<String> extra = have.stream().filter(l -> !want.contains(l)).toList();
        assertThat(missing.isEmpty() && extra.isEmpty())
                .as("target differs from source%n  missing on target:%n    %s%n  extra on target:%n    %s",
                        String.join("\n    ", missing), String.join("\n    ", extra))
                .isTrue();
        assertThat(have).isEqualTo(want);
    }

    /** Reads the source's tables, and runs the statements for them on the target in dependency order. */
    static void copySchema(TestDb source, TestDb target) throws Exception {
        List<Statement> statements;
        List<Dependency> dependencies;
        try (Connection s = source.connect(); Connection t = target.connect()) {
            ServerInfo server = ServerInfo.read(s);
            TableObjects objects = TableObjects.read(s, server);
            statements = TableObjectsDdl.statements(objects, new DdlContext(server, ServerInfo.read(t)));
            dependencies = Dependency.read(s);
        }
        StatementOrder.run(statements, dependencies, target);
    }
}
