package io.pgbarge.copy;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.catalog.Catalog;
import io.pgbarge.catalog.Table;
import io.pgbarge.plan.TableSlice;
import io.pgbarge.report.RunProgress;
import io.pgbarge.testutil.DbCompare;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Large tables copied in slices (page ranges, each in its own target transaction): the rows must
 * arrive exactly once, whatever the source version, and a slice that failed and runs again must not
 * add its rows twice. The slice size is made tiny so that small tables are split.
 */
@Timeout(600)
class SlicedCopyTest {
    private static final String SOURCE_SQL = """
            CREATE TABLE big (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, grp int NOT NULL,
                              note text, doc jsonb, total numeric GENERATED ALWAYS AS (grp * 2) STORED);
            INSERT INTO big (grp, note, doc)
              SELECT g % 97, CASE WHEN g % 500 = 0 THEN repeat(md5(g::text), 400) ELSE 'n' || g END,
                     jsonb_build_object('g', g) FROM generate_series(1, 30000) g;
            DELETE FROM big WHERE id % 7 = 0;
            CREATE INDEX big_grp ON big (grp);
            CREATE TABLE small (id int PRIMARY KEY, big_id bigint REFERENCES big);
            INSERT INTO small SELECT g, g * 7 + 1 FROM generate_series(1, 50) g;
            ANALYZE;
            """;

    @ParameterizedTest(name = "source PostgreSQL {0}")
    @CsvSource({"13, true", "15, false"})
    void aSlicedTableArrivesWholeAndOnce(int sourceMajor, boolean wholeOnOldSources) throws Exception {
        TestDb source = TestServers.newDatabase(sourceMajor, "slice_src");
        TestDb target = TestServers.newDatabase(17, "slice_tgt");
        source.exec(SOURCE_SQL);
        List<String> steps = new CopyOnWriteArrayList<>();
        RunProgress progress = CopyTestSupport.recordingSteps(steps);

        CopyResult result = CopyTestSupport.withProperty(TableSlicer.SLICE_BYTES_PROPERTY, 64 * 1024, () ->
                new DatabaseCopy(n -> source.connect(), n -> target.connect(), CopyTestSupport.jobs(3), progress).run());

        List<String> slices = steps.stream().filter(s -> s.startsWith("copy public.big slice")).toList();
        if (wholeOnOldSources) {
            // no TID range scans before 14: every table whole, in one transaction (this one, under 4 MB, in
            // one load step with its indexes)
            assertThat(slices).isEmpty();
            assertThat(steps).contains("2 indexes, 1 constraint and ANALYZE of public.big (with its rows)");
        } else {
            assertThat(slices).hasSizeGreaterThan(1);
            assertThat(steps).contains("truncate public.big");
        }
        assertThat(result.tables()).filteredOn(t -> t.table().equals("public.big"))
                .singleElement().satisfies(t -> assertThat(t.rows()).isEqualTo(30000 - 30000 / 7));
        try (Connection s = source.connect(); Connection t = target.connect()) {
            DbCompare.assertSame(s, t);
        }
    }

    @Test
    void aSliceThatFailedAndRunsAgainAddsItsRowsOnce() throws Exception {
        TestDb source = TestServers.newDatabase(15, "slice_retry_src");
        TestDb target = TestServers.newDatabase(15, "slice_retry_tgt");
        source.exec(SOURCE_SQL);
        target.exec("""
                CREATE TABLE big (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, grp int NOT NULL,
                                  note text, doc jsonb, total numeric GENERATED ALWAYS AS (grp * 2) STORED);
                -- the 15,000th row stored fails once (a sequence is not rolled back with the load)
                CREATE SEQUENCE fault;
                CREATE FUNCTION fail_once() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF nextval('fault') = 15000 THEN RAISE EXCEPTION 'injected fault'; END IF;
                  RETURN NEW;
                END $$;
                CREATE TRIGGER fail_once BEFORE INSERT ON big FOR EACH ROW EXECUTE FUNCTION fail_once();
                """);
        Table big;
        long pages;
        try (Connection s = source.connect()) {
            big = Catalog.read(s).tables().tables().stream().filter(t -> t.name().equals("big")).findFirst().orElseThrow();
            pages = Long.parseLong(source.scalar("SELECT pg_relation_size('big') / 8192"));
        }
        List<TableSlice> slices = TableSlice.split(pages, 3);
        try (Connection s = source.connect(); Connection t = target.connect()) {
            TableCopier.copySlice(big, slices.get(0), s, t, null);
        }
        try (Connection s = source.connect(); Connection t = target.connect()) {
            assertThatThrownBy(() -> TableCopier.copySlice(big, slices.get(1), s, t, null))
                    .isInstanceOf(SQLException.class).hasMessageContaining("injected fault");
        }
        // as the executor does after a failure: new sessions, the same slice again
        for (TableSlice slice : slices.subList(1, 3)) {
            try (Connection s = source.connect(); Connection t = target.connect()) {
                CopyPump.Counts counts = TableCopier.copySlice(big, slice, s, t, null);
                assertThat(counts.targetRows()).isEqualTo(counts.sourceRows()).isPositive();
            }
        }
        String digest = "SELECT count(*), count(DISTINCT id), sum(id), sum(length(note)) FROM big";
        assertThat(target.query(digest)).isEqualTo(source.query(digest));
        assertThat(target.scalar("SELECT count(*) FROM big")).isEqualTo(String.valueOf(30000 - 30000 / 7));
    }

    @Test
    void taperedSlicesShrinkRoundByRoundAndCoverEveryPageOnce() {
        List<TableSlice> slices = TableSlice.tapered(2000, 8, 2);
        // weights 4,4,3,3,2,2,1,1 of 20
        assertThat(slices).extracting(TableSlice::fromPage).containsExactly(0L, 400L, 800L, 1100L, 1400L, 1600L, 1800L, 1900L);
        assertThat(slices).extracting(TableSlice::toPage).containsExactly(400L, 800L, 1100L, 1400L, 1600L, 1800L, 1900L, -1L);
        // an odd count: the last round has one slice, the smallest
        List<TableSlice> odd = TableSlice.tapered(100, 5, 2);
        assertThat(odd).extracting(TableSlice::fromPage).containsExactly(0L, 27L, 54L, 72L, 90L);
        assertThat(odd.get(4).toPage()).isEqualTo(-1L);
    }

    @Test
    void slicesCoverEveryPageOnceAndTheLastIsOpenEnded() {
        List<TableSlice> slices = TableSlice.split(10, 3);
        assertThat(slices).extracting(TableSlice::fromPage).containsExactly(0L, 3L, 6L);
        assertThat(slices).extracting(TableSlice::toPage).containsExactly(3L, 6L, -1L);
        assertThat(slices.get(2).where()).doesNotContain("<");
        assertThat(slices.get(0).where()).contains("ctid >= '(0,0)'", "ctid < '(3,0)'");
    }
}
