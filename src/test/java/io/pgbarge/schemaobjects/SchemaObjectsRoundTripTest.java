package io.pgbarge.schemaobjects;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.catalog.Dependency;
import io.pgbarge.catalog.SchemaObjects;
import io.pgbarge.catalog.ServerInfo;
import io.pgbarge.ddl.DdlContext;
import io.pgbarge.ddl.SchemaObjectsDdl;
import io.pgbarge.ddl.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads the fixture from a source, runs the generated statements on an empty target, compares catalogs. */
@Timeout(300)
class SchemaObjectsRoundTripTest {

    @ParameterizedTest(name = "PG {0} to PG {0}")
    @ValueSource(ints = {13, 15, 16, 17, 18})
    void recreatesEveryKindOnTheSameVersion(int major) throws Exception {
        roundTrip(major, major);
    }

    @Test
    void recreatesEveryKindFromOldToNew() throws Exception {
        roundTrip(13, 17);
    }

    /** What both versions have, from a new server's catalog (its deparsed text included) into an old one. */
    @Test
    void recreatesWhatTheOldVersionHasFromNewToOld() throws Exception {
        roundTrip(17, 13);
    }

    private static void roundTrip(int from, int to) throws Exception {
        int common = Math.min(from, to);
        TestDb source = TestServers.newDatabase(from, "so_src");
        Fixture.roles(source);
        source.exec(Fixture.source(common));
        if (common >= 14) {
            source.exec(Fixture.ATOMIC);
        }
        TestDb target = TestServers.newDatabase(to, "so_tgt");
        Fixture.roles(target);

        SchemaObjects objects;
        List<Dependency> dependencies;
        ServerInfo sourceInfo;
        ServerInfo targetInfo;
        try (Connection c = source.connect()) {
            sourceInfo = ServerInfo.read(c);
            objects = SchemaObjects.read(c, sourceInfo);
            dependencies = Dependency.read(c);
            assertThat(c.createStatement().executeQuery("SELECT 1 WHERE current_setting('search_path') = ''").next())
                    .as("search_path is put back").isFalse();
        }
        try (Connection c = target.connect()) {
            targetInfo = ServerInfo.read(c);
        }
        List<Statement> statements = new ArrayList<>(Fixture.tableStatements(source));
        statements.addAll(SchemaObjectsDdl.statements(objects, new DdlContext(sourceInfo, targetInfo)));
        try (Connection c = target.connect()) {
            StatementRunner.run(c, StatementRunner.order(statements, dependencies));
        }

        List<String> want = CatalogDescription.of(source, common, from != to);
        List<String> have = CatalogDescription.of(target, common, from != to);
        java.nio.file.Files.write(java.nio.file.Path.of("target", "schemaobjects-" + from + "-" + to + ".source.txt"), want);
        java.nio.file.Files.write(java.nio.file.Path.of("target", "schemaobjects-" + from + "-" + to + ".target.txt"), have);
        List<String> missing = new ArrayList<>(want);
        missing.removeAll(have);
        List<String> extra = new ArrayList<>(have);
        extra.removeAll(want);
        assertThat(missing).as("on the source, not on the target (extra on the target: %s)", extra).isEmpty();
        assertThat(have).containsExactlyElementsOf(want);
        assertThat(target.query("SELECT id, n FROM app.mv ORDER BY id"))
                .isEqualTo(source.query("SELECT id, n FROM app.mv ORDER BY id"));
        assertThat(target.scalar("SELECT relispopulated FROM pg_class WHERE oid = 'app.mv_empty'::regclass")).isEqualTo("f");
        assertThat(target.scalar("SELECT nextval('app.s1')")).isEqualTo(source.scalar("SELECT nextval('app.s1')"));
        assertThat(target.scalar("SELECT nextval('app.t_id_seq')")).isEqualTo("42");

        // what the reader must leave out: extension members, identity sequences, table row types
        assertThat(objects.functions()).noneMatch(f -> f.header().name().startsWith("hstore"));
        assertThat(objects.composites()).noneMatch(t -> t.header().name().equals("t"));
        assertThat(objects.sequences()).noneMatch(s -> s.header().name().startsWith("t2_"));
        assertThat(objects.extensions()).extracting(x -> x.name()).containsExactly("hstore");
    }
}
