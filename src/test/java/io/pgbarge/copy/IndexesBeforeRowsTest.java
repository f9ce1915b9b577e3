package io.pgbarge.copy;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.catalog.Catalog;
import io.pgbarge.catalog.Index;
import io.pgbarge.catalog.Table;
import io.pgbarge.ddl.Keys;
import io.pgbarge.ddl.Section;
import io.pgbarge.ddl.Statement;
import io.pgbarge.report.RunProgress;
import io.pgbarge.testutil.DbCompare;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over a slow link a large table's GIN indexes are created before its rows and kept up to date by the
 * load; over a fast one they are built after the rows, as every other index. The link here is this
 * probe's property stands in for the link's rate; the probe itself is run for real on loopback.
 */
@Timeout(600)
class IndexesBeforeRowsTest {
    private static final String SOURCE_SQL = """
            CREATE TABLE docs (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body jsonb NOT NULL, tags text[]);
            INSERT INTO docs (body, tags)
              SELECT jsonb_build_object('kind', g % 4, 'n', g, 'text', md5(g::text)), ARRAY['t' || g % 13]
              FROM generate_series(1, 20000) g;
            CREATE INDEX docs_body ON docs USING gin (body jsonb_path_ops);
            CREATE INDEX docs_tags ON docs USING gin (tags) WITH (fastupdate = off);
            CREATE INDEX docs_kind ON docs ((body ->> 'kind'));
            CREATE TABLE other (id int PRIMARY KEY, doc_id bigint REFERENCES docs);
            INSERT INTO other SELECT g, g FROM generate_series(1, 100) g;
            ANALYZE;
            """;

    @Test
    void overASlowLinkAGinIndexIsCreatedBeforeTheRowsAndFindsThemAll() throws Exception {
        TestDb source = TestServers.newDatabase(15, "ginfirst_src");
        TestDb target = TestServers.newDatabase(15, "ginfirst_tgt");
        source.exec(SOURCE_SQL);
        List<String> steps = new CopyOnWriteArrayList<>();
        RunProgress progress = CopyTestSupport.recordingSteps(steps);

        CopyResult result = slowLink(() -> new DatabaseCopy(n -> source.connect(), n -> target.connect(),
                CopyTestSupport.jobs(2), progress).run());

        // sliced, so that two sessions load rows into the index at once
        assertThat(steps).anyMatch(s -> s.startsWith("copy public.docs slice"));
        assertThat(steps).doesNotContain("index public.docs_body")
                .contains("index public.docs_tags", "index public.docs_kind");
        assertThat(result.notes()).anyMatch(n -> n.contains("slow link") && n.contains("public.docs_body")
                && !n.contains("docs_tags"));
        assertThat(target.scalar("SELECT indisvalid AND indisready FROM pg_index WHERE indexrelid = 'docs_body'::regclass"))
                .isEqualTo("t");
        // the rows as the index finds them, pending list and all
        String query = "SELECT count(*), sum(id) FROM docs WHERE body @> '{\"kind\": 3}'";
        try (Connection t = target.connect(); var st = t.createStatement()) {
            st.execute("SET enable_seqscan = off");
            StringBuilder plan = new StringBuilder();
            try (var rs = st.executeQuery("EXPLAIN " + query)) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            assertThat(plan.toString()).contains("docs_body");
            try (var rs = st.executeQuery(query)) {
                rs.next();
                assertThat(List.of(rs.getString(1), rs.getString(2))).isEqualTo(source.query(query).get(0));
            }
        }
        assertThat(source.scalar("SELECT count(*) FROM docs WHERE body @> '{\"kind\": 3}'")).isEqualTo("5000");
        try (Connection s = source.connect(); Connection t = target.connect()) {
            DbCompare.assertSame(s, t);
        }
    }

    @Test
    void overAFastLinkEveryIndexIsBuiltAfterTheRows() throws Exception {
        TestDb source = TestServers.newDatabase(15, "ginafter_src");
        TestDb target = TestServers.newDatabase(15, "ginafter_tgt");
        source.exec(SOURCE_SQL);
        List<String> steps = new CopyOnWriteArrayList<>();

        // a link at the threshold is not slow (a loaded test machine can make loopback measure slow too)
        CopyResult result = CopyTestSupport.withProperty(LinkProbe.RATE_PROPERTY, (long) IndexesBeforeRows.SLOW_LINK_BYTES_PER_SECOND, () ->
                CopyTestSupport.withProperty(IndexesBeforeRows.MIN_BYTES_PROPERTY, 0, () ->
                CopyTestSupport.withProperty(TableSlicer.SLICE_BYTES_PROPERTY, 64 * 1024, () ->
                        new DatabaseCopy(n -> source.connect(), n -> target.connect(), CopyTestSupport.jobs(2),
                                CopyTestSupport.recordingSteps(steps)).run())));

        assertThat(steps).contains("index public.docs_body", "index public.docs_tags");
        assertThat(result.notes()).noneMatch(n -> n.contains("slow link"));
        try (Connection s = source.connect(); Connection t = target.connect()) {
            DbCompare.assertSame(s, t);
        }
    }

    /** A resumed copy has its pre-data behind it: only an index that exists on the target counts as made before the rows. */
    @Test
    void aResumedCopyMovesOnlyTheIndexesThatExistOnTheTarget() throws Exception {
        TestDb source = TestServers.newDatabase(15, "ginresume_src");
        TestDb target = TestServers.newDatabase(15, "ginresume_tgt");
        source.exec(SOURCE_SQL + "CREATE INDEX docs_body2 ON docs USING gin (body);");
        target.exec("CREATE TABLE docs (id bigint, body jsonb NOT NULL, tags text[]);"
                + " CREATE INDEX docs_body ON docs USING gin (body jsonb_path_ops);");
        Catalog catalog;
        try (Connection s = source.connect()) {
            catalog = Catalog.read(s);
        }
        List<Table> tables = catalog.tables().tables();
        List<Statement> statements = new ArrayList<>();
        for (Index i : catalog.tables().indexes()) {
            if (i.name().startsWith("docs_body")) {
                statements.add(new Statement("INDEX", "public." + i.name(), Section.POST_DATA, i.definition(),
                        Set.of(Keys.rel(i.oid())), Set.of(Keys.rel(i.tableOid()), Keys.data(i.tableOid())), Set.of(),
                        new Statement.Created("INDEX", "public." + i.name(), "pg_catalog.to_regclass('public." + i.name() + "')")));
            }
        }
        List<String> notes = new ArrayList<>();

        List<Statement> out;
        try (Connection s = source.connect(); Connection t = target.connect()) {
            out = CopyTestSupport.withProperty(IndexesBeforeRows.MIN_BYTES_PROPERTY, 0,
                    () -> IndexesBeforeRows.apply(statements, catalog.tables().indexes(), tables, s, t, true, notes));
        }

        assertThat(out).hasSize(2);
        assertThat(out).filteredOn(st -> st.name().equals("public.docs_body")).singleElement().satisfies(st -> {
            assertThat(st.section()).isEqualTo(Section.PRE_DATA);
            assertThat(st.requires()).noneMatch(Keys::isData);
        });
        assertThat(out).filteredOn(st -> st.name().equals("public.docs_body2")).singleElement()
                .satisfies(st -> assertThat(st.section()).isEqualTo(Section.POST_DATA));
    }

    @Test
    void onlyGinIndexesWithAPendingListQualify() {
        assertThat(IndexesBeforeRows.isGinWithPendingList(index("gin"))).isTrue();
        assertThat(IndexesBeforeRows.isGinWithPendingList(index("gin", "fastupdate=on"))).isTrue();
        assertThat(IndexesBeforeRows.isGinWithPendingList(index("gin", "fastupdate=off"))).isFalse();
        assertThat(IndexesBeforeRows.isGinWithPendingList(index("gin", "gin_pending_list_limit=64", "fastupdate=FALSE"))).isFalse();
        assertThat(IndexesBeforeRows.isGinWithPendingList(index("btree"))).isFalse();
    }

    private static Index index(String am, String... options) {
        return new Index(1, 2, "public.t", false, "public", "i", "CREATE INDEX i ON public.t USING " + am + " (b)",
                false, 0, 0, false, false, null, am, List.of(options));
    }

    @Test
    void theProbeMovesItsBytesBothWays() throws Exception {
        TestDb db = TestServers.newDatabase(15, "linkprobe");
        try (Connection c = db.connect()) {
            assertThat(LinkProbe.toServer(c)).isPositive().isFinite();
            assertThat(LinkProbe.fromServer(c)).isPositive().isFinite();
            assertThat(LinkProbe.toServer(c)).isPositive();   // again: its temporary table is gone
            assertThat(c.getAutoCommit()).isTrue();
            assertProbeTableGone(c);

            // inside a transaction: what the transaction did before stays, the probe leaves nothing
            c.setAutoCommit(false);
            try (var st = c.createStatement()) {
                st.execute("CREATE TABLE kept (i int)");
            }
            assertThat(LinkProbe.toServer(c)).isPositive();
            assertThat(LinkProbe.fromServer(c)).isPositive();
            assertProbeTableGone(c);
            c.commit();
        }
        assertThat(db.scalar("SELECT count(*) FROM kept")).isEqualTo("0");
    }

    private static void assertProbeTableGone(Connection c) throws Exception {
        try (var st = c.createStatement();
             var rs = st.executeQuery("SELECT pg_catalog.to_regclass('pg_temp.pgbarge_link_probe') IS NULL")) {
            rs.next();
            assertThat(rs.getBoolean(1)).isTrue();
        }
    }

    private static <T> T slowLink(CopyTestSupport.Run<T> run) throws Exception {
        return CopyTestSupport.withProperty(LinkProbe.RATE_PROPERTY, 10_000_000, () ->
                CopyTestSupport.withProperty(IndexesBeforeRows.MIN_BYTES_PROPERTY, 0, () ->
                        CopyTestSupport.withProperty(TableSlicer.SLICE_BYTES_PROPERTY, 64 * 1024, run)));
    }
}
