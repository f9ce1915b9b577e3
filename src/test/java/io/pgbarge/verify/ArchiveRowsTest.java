package io.pgbarge.verify;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** What restore --verify takes from an archive besides the rows: setval values, the dumping server's version. */
class ArchiveRowsTest {

    @Test
    void sequenceValuesAreReadFromSetvalStatements() {
        ArchiveRows rows = new ArchiveRows();
        rows.addSequence("SELECT pg_catalog.setval('public.actor_actor_id_seq', 200, true);\n");
        rows.addSequence("SELECT pg_catalog.setval('\"Sales Ops\".\"it''s\"', -5, false);");
        rows.addSequence("SELECT 1;");
        assertThat(rows.sequences()).containsExactly(
                new DataVerifier.SourceSequence("\"Sales Ops\".\"it's\"", -5, false),
                new DataVerifier.SourceSequence("public.actor_actor_id_seq", 200, true));
    }

    @Test
    void entriesOfOneTableAddUp() {
        ArchiveRows rows = new ArchiveRows();
        LineChecksum a = new LineChecksum(StandardCharsets.UTF_8);
        a.update("1\tx\n".getBytes(StandardCharsets.UTF_8), 0, 4);
        LineChecksum b = new LineChecksum(StandardCharsets.UTF_8);
        b.update("2\ty\n".getBytes(StandardCharsets.UTF_8), 0, 4);
        rows.add("public.payment", "id, v", a);
        rows.add("public.payment", "id, v", b);
        assertThat(rows.tables()).singleElement().satisfies(t -> {
            assertThat(t.lines().rows()).isEqualTo(2);
            assertThat(t.columns()).isEqualTo("id, v");
        });
    }

    @Test
    void theMajorVersionOfTheDumpingServer() {
        assertThat(ArchiveRows.major("15.20 (Debian 15.20-0+deb12u1)")).isEqualTo(15);
        assertThat(ArchiveRows.major("9.6.24")).isEqualTo(9);
        assertThat(ArchiveRows.major("11.22")).isEqualTo(11);
        assertThat(ArchiveRows.major(null)).isEqualTo(-1);
    }
}
