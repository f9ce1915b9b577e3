package io.pgbarge.archive;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RestoreListTest {

    @Test
    void selectsListedEntriesInListOrder() throws Exception {
        Path dir = ArchiveTestSupport.sharedArchives();
        try (Archive a = ArchiveReader.open(dir.resolve("lo_test.Fc.dump"))) {
            String edited = """
                    ; a comment
                    3197; 2606 35317 CONSTRAINT public docs docs_pkey postgres
                    ;3341; 2613 35318 BLOB - 35318 postgres
                      214; 1259 35311 TABLE public docs postgres

                    3340 ; trailing comment
                    214; duplicate
                    abc; not an id
                    99999; beyond the archive
                    """;
            RestoreList list = RestoreList.parse(edited);
            assertThat(list.items()).extracting(RestoreList.Item::dumpId).containsExactly(3197, 214, 3340, 99999);
            assertThat(list.warnings()).hasSize(2);
            List<TocEntry> sel = list.select(a);
            assertThat(sel).extracting(TocEntry::dumpId).containsExactly(3197, 214, 3340);
            assertThat(list.warningsFor(a)).hasSize(3);
            // the whole listing selects every listed entry, in file order
            RestoreList all = RestoreList.parse(Files.newBufferedReader(dir.resolve("lo_test.Fc.list")));
            assertThat(all.select(a)).extracting(ArchiveListing::line)
                    .containsExactlyElementsOf(ArchiveTestSupport.entryLines(ArchiveListing.render(a)));
            // an ID within range that names no entry is an error, as in pg_restore
            assertThatThrownBy(() -> RestoreList.parse("5\n").select(a))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("could not find entry for ID 5");
        }
    }

    @Test
    void copyEndMarkerStripping() throws Exception {
        String[] cases = {"", "a\tb\n\\.\n\n\n", "no marker\n", "\\.\n\n\n", "x".repeat(200_000) + "\n\\.\n\n\n", "\\.\n\n"};
        String[] want = {"", "a\tb\n", "no marker\n", "", "x".repeat(200_000) + "\n", "\\.\n\n"};
        for (int i = 0; i < cases.length; i++) {
            var in = new CopyEndMarkerStrippingInputStream(
                    new ByteArrayInputStream(cases[i].getBytes(StandardCharsets.UTF_8)));
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(want[i]);
        }
    }
}
