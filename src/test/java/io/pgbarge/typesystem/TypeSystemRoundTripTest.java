package io.pgbarge.typesystem;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.catalog.Dependency;
import io.pgbarge.catalog.SchemaObjects;
import io.pgbarge.catalog.ServerInfo;
import io.pgbarge.catalog.TypeSystemObjects;
import io.pgbarge.ddl.DdlContext;
import io.pgbarge.ddl.SchemaObjectsDdl;
import io.pgbarge.ddl.Statement;
import io.pgbarge.ddl.TypeSystemObjectsDdl;
import io.pgbarge.plan.Plan;
import io.pgbarge.plan.Planner;
import io.pgbarge.testutil.PgDump;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Reads the fixture from a source, plans the generated statements with the real planner, runs them
 * on an empty target and compares the two catalogs (and, where pg_dump 15 can, the two dumps).
 */
@Timeout(300)
class TypeSystemRoundTripTest {

    @ParameterizedTest(name = "PG {0} to PG {0}")
    @ValueSource(ints = {13, 15, 16, 17, 18})
    void recreatesEveryKindOnTheSameVersion(int major) throws Exception {
        roundTrip(major, major);
    }

    @Test
    void recreatesEveryKindFromOldToNew() throws Exception {
        roundTrip(13, 17);
    }

    @Test
    void recreatesEveryKindFrom16To18() throws Exception {
        roundTrip(16, 18);
    }

    @Test
    void pgDumpSeesTheSameSchema() throws Exception {
        assumeTrue(PgDump.canDump(15), "pg_dump 15 or newer is not installed");
        Pair p = roundTrip(15, 15);
        String want = PgDump.schemaOnly(p.source.uri());
        String have = PgDump.schemaOnly(p.target.uri());
        Files.writeString(Path.of("target", "typesystem-15.source.sql"), want);
        Files.writeString(Path.of("target", "typesystem-15.target.sql"), have);
        assertThat(have).isEqualTo(want);
    }

    private record Pair(TestDb source, TestDb target) {
    }

    private static Pair roundTrip(int from, int to) throws Exception {
        int common = Math.min(from, to);
        TestDb source = TestServers.newDatabase(from, "ts_src");
        TypeSystemFixture.roles(source);
        source.exec(TypeSystemFixture.source(common, from == to));
        TestDb target = TestServers.newDatabase(to, "ts_tgt");
        TypeSystemFixture.roles(target);

        TypeSystemObjects objects;
        List<Statement> statements = new ArrayList<>();
        List<Dependency> dependencies;
        DdlContext ctx;
        try (Connection c = source.connect(); Connection t = target.connect()) {
            ServerInfo sourceInfo = ServerInfo.read(c);
            ctx = new DdlContext(sourceInfo, ServerInfo.read(t));
            statements.addAll(SchemaObjectsDdl.statements(SchemaObjects.read(c, sourceInfo), ctx));
            objects = TypeSystemObjects.read(c, sourceInfo);
            assertThat(c.createStatement().executeQuery("SELECT 1 WHERE current_setting('search_path') = ''").next())
                    .as("search_path is put back").isFalse();
            statements.addAll(TypeSystemObjectsDdl.statements(objects, ctx));
            dependencies = Dependency.read(c);
        }
        List<Statement> mine = TypeSystemObjectsDdl.statements(objects, ctx);
        Set<String> roles = new HashSet<>(target.query("SELECT rolname FROM pg_roles").stream().map(r -> r.get(0)).toList());

        // nothing exists yet: every lookup of the conflict check must say so, and must not fail
        for (Statement s : mine) {
            if (s.creates() != null) {
                assertThat(target.scalar("SELECT (" + s.creates().lookup() + ") IS NOT NULL"))
                        .as("lookup of %s before", s.name()).isEqualTo("f");
            }
        }

        Plan plan = Planner.build(statements, dependencies, List.of(), roles::contains, false);
        assertThat(plan.notes()).noneMatch(n -> n.startsWith("dependency cycle") || n.startsWith("internal"));
        try (Connection c = target.connect(); var st = c.createStatement()) {
            st.execute("SET check_function_bodies = false");
            for (Statement s : plan.preData()) {
                try {
                    st.execute(s.sql());
                } catch (java.sql.SQLException e) {
                    throw new AssertionError(e.getMessage() + "\n  in " + s.kind() + " " + s.name() + ":\n" + s.sql(), e);
                }
            }
        }

        List<String> want = TypeSystemDescription.of(source, common, from == to);
        List<String> have = TypeSystemDescription.of(target, common, from == to);
        Files.write(Path.of("target", "typesystem-" + from + "-" + to + ".source.txt"), want);
        Files.write(Path.of("target", "typesystem-" + from + "-" + to + ".target.txt"), have);
        List<String> missing = new ArrayList<>(want);
        missing.removeAll(have);
        List<String> extra = new ArrayList<>(have);
        extra.removeAll(want);
        assertThat(missing).as("on the source, not on the target (extra on the target: %s)", extra).isEmpty();
        assertThat(have).containsExactlyElementsOf(want);

        for (Statement s : mine) {
            if (s.creates() != null) {
                assertThat(target.scalar("SELECT (" + s.creates().lookup() + ") IS NOT NULL"))
                        .as("lookup of %s after", s.name()).isEqualTo("t");
            }
        }
        // what the reader must leave out: extension members and shell operators
        assertThat(objects.operators()).noneMatch(o -> o.header().name().equals("%") || o.header().schema().equals("public"));
        assertThat(objects.operatorClasses()).noneMatch(o -> o.header().name().contains("trgm"));
        assertThat(objects.textSearchTemplates()).noneMatch(t -> t.header().name().startsWith("intdict"));
        assertThat(objects.textSearchDictionaries()).noneMatch(t -> t.header().name().equals("intdict"));
        assertThat(objects.languages()).extracting(l -> l.header().name()).containsExactly("pl Ü", "plx");
        // --clean's drops are valid SQL and drop everything (rolled back: the pg_dump test reads the target after)
        try (Connection c = target.connect(); var st = c.createStatement()) {
            c.setAutoCommit(false);
            for (int i = mine.size() - 1; i >= 0; i--) {
                if (mine.get(i).creates() != null) {
                    st.execute(mine.get(i).creates().dropSql());
                }
            }
            for (Statement s : mine) {
                if (s.creates() != null) {
                    try (var rs = st.executeQuery("SELECT (" + s.creates().lookup() + ") IS NOT NULL")) {
                        rs.next();
                        assertThat(rs.getBoolean(1)).as("%s dropped", s.name()).isFalse();
                    }
                }
            }
            c.rollback();
        }
        return new Pair(source, target);
    }
}
