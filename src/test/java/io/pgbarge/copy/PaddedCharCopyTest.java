package io.pgbarge.copy;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.cli.ExitCode;
import io.pgbarge.report.RunProgress;
import io.pgbarge.testutil.Cli;
import io.pgbarge.testutil.DbCompare;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * char(n) columns are copied as text, without their blank padding, and the target's char(n) pads the
 * values back: what arrives must be exactly what the source holds — trailing blanks, all blanks,
 * empty, NULL, multibyte, char(1) — through binary COPY (built-in types only) and text COPY (a table
 * with an enum column), whole and in slices. bpchar without a length keeps its blanks as given, and
 * arrays and domains of char(n) are left alone.
 */
@Timeout(300)
class PaddedCharCopyTest {
    private static final String SOURCE_SQL = """
            CREATE TYPE mood AS ENUM ('ok', 'bad');
            CREATE DOMAIN code5 AS char(5);
            CREATE TABLE pads (id int PRIMARY KEY, c5 char(5), c1 char(1), bp bpchar, arr char(4)[], dom code5,
                               mb char(6));
            INSERT INTO pads VALUES
              (1, 'ab', 'x', 'keep  ', ARRAY['a', 'bb  '], 'd', 'äö€'),
              (2, 'ab   ', ' ', '  ', ARRAY[' '], '     ', '€'),
              (3, '     ', '', '', NULL, '', ''),
              (4, NULL, NULL, NULL, NULL, NULL, NULL),
              (5, '  a b', 'é', ' x', '{}', ' z', 'ääääää');
            CREATE TABLE pads_text (LIKE pads, m mood);
            INSERT INTO pads_text SELECT *, 'ok' FROM pads;
            -- large enough to be sliced with a tiny slice size, and to show the bytes saved
            CREATE TABLE wide (id int PRIMARY KEY, filler char(100), note bpchar);
            INSERT INTO wide SELECT g, CASE g % 4 WHEN 0 THEN NULL WHEN 1 THEN '' WHEN 2 THEN ' x ' ELSE 'ä' || g END,
                                    CASE WHEN g % 3 = 0 THEN 'n  ' END
              FROM generate_series(1, 3000) g;
            CREATE TABLE wide_text (LIKE wide, m mood);
            INSERT INTO wide_text SELECT *, 'bad' FROM wide;
            ANALYZE;
            """;

    /** Every value as its type's output function spells it (char(n) with its padding), and its size. */
    private static final String PADS = "SELECT string_agg(format('%s|%s|%s|%s|%s|%s|%s|', id, c5, c1, bp, arr, dom, mb)"
            + " || octet_length(c5) || ',' || octet_length(c1) || ',' || octet_length(mb), E'\\n' ORDER BY id) FROM ";
    private static final String WIDE = "SELECT string_agg(format('%s|%s|%s|', id, filler, note) || octet_length(filler),"
            + " E'\\n' ORDER BY id) FROM ";

    @Test
    void charColumnsArriveExactlyAndVerifyFindsNoDifference() throws Exception {
        TestDb source = TestServers.newDatabase(16, "pad_src");
        TestDb target = TestServers.newDatabase(16, "pad_tgt");
        source.exec(SOURCE_SQL);

        Cli.Run r = Cli.run("copy", source.uri(), target.uri(), "--verify", "--no-progress", "-j", "2");

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("source and target are equal");
        for (String table : List.of("pads", "pads_text", "wide", "wide_text")) {
            assertThat(target.scalar((table.startsWith("wide") ? WIDE : PADS) + tableOf(table)))
                    .as(table).isEqualTo(source.scalar((table.startsWith("wide") ? WIDE : PADS) + tableOf(table)));
        }
        // blanks kept where they are data: bpchar without a length, and inside arrays and domains
        assertThat(target.scalar("SELECT format('[%s][%s][%s][%s]', bp, arr, dom, c1) FROM pads_text WHERE id = 2"))
                .isEqualTo("[  ][{\"    \"}][     ][ ]");
        assertThat(target.scalar("SELECT format('[%s][%s]', bp, c5) FROM pads WHERE id = 1")).isEqualTo("[keep  ][ab   ]");
        assertThat(target.scalar("SELECT format('[%s]', mb) || octet_length(mb) FROM pads WHERE id = 1"))
                .isEqualTo("[äö€   ]10");
        try (Connection s = source.connect(); Connection t = target.connect()) {
            DbCompare.assertSame(s, t);
        }
    }

    @Test
    void slicedTablesLeaveTheirPaddingBehindOnBothCopyFormats() throws Exception {
        TestDb source = TestServers.newDatabase(16, "pad_slice_src");
        TestDb target = TestServers.newDatabase(16, "pad_slice_tgt");
        source.exec(SOURCE_SQL);
        List<String> steps = new CopyOnWriteArrayList<>();
        RunProgress progress = CopyTestSupport.recordingSteps(steps);

        CopyResult result = CopyTestSupport.withProperty(TableSlicer.SLICE_BYTES_PROPERTY, 16 * 1024, () -> new DatabaseCopy(n -> source.connect(),
                n -> target.connect(), CopyTestSupport.jobs(3), progress).run());

        assertThat(steps).anyMatch(s -> s.startsWith("copy public.wide slice"))
                .anyMatch(s -> s.startsWith("copy public.wide_text slice"));
        for (String table : List.of("wide", "wide_text")) {
            assertThat(target.scalar(WIDE + tableOf(table))).as(table).isEqualTo(source.scalar(WIDE + tableOf(table)));
            // 3,000 rows of char(100): padded, more than 300,000 bytes would have been sent
            assertThat(result.tables()).filteredOn(t -> t.table().equals("public." + table)).singleElement()
                    .satisfies(t -> assertThat(t.rows()).isEqualTo(3000))
                    .satisfies(t -> assertThat(t.bytes()).isLessThan(100_000));
        }
        try (Connection s = source.connect(); Connection t = target.connect()) {
            DbCompare.assertSame(s, t);
        }
    }

    @Test
    void dataOnlyTrimsOnlyIntoCharColumnsAtLeastAsLong() throws Exception {
        TestDb source = TestServers.newDatabase(16, "pad_do_src");
        TestDb target = TestServers.newDatabase(16, "pad_do_tgt");
        source.exec(SOURCE_SQL);
        // c5 into a longer char(8); c1 into text and mb into varchar, where trailing blanks are data
        target.exec("CREATE TABLE pads (id int PRIMARY KEY, c5 char(8), c1 text, bp bpchar, arr char(4)[],"
                + " dom char(5), mb varchar(10));"
                + "CREATE TABLE wide (id int PRIMARY KEY, filler char(100), note bpchar)");

        Cli.Run r = Cli.run("copy", source.uri(), target.uri(), "--data-only", "-t", "public.pads", "-t", "public.wide",
                "--no-progress", "-j", "2");

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.OK);
        assertThat(target.query("SELECT format('[%s][%s][%s][%s][%s]', c5, c1, mb, bp, dom) FROM pads ORDER BY id"))
                .extracting(row -> row.get(0)).containsExactly(
                        "[ab      ][x][äö€   ][keep  ][d    ]",
                        "[ab      ][ ][€     ][  ][     ]",
                        "[        ][ ][      ][][     ]",
                        "[][][][][]",
                        "[  a b   ][é][ääääää][ x][ z   ]");
        String wide = "SELECT string_agg(format('%s|%s|%s', id, filler, note), ',' ORDER BY id) FROM wide";
        assertThat(target.scalar(wide)).isEqualTo(source.scalar(wide));
    }

    private static String tableOf(String table) {
        return "public." + table;
    }
}
