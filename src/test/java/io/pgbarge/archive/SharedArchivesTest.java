package io.pgbarge.archive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reads the archives pg_dump 15 wrote into the shared datasets, in every format. */
@Timeout(120)
class SharedArchivesTest {

    private static final String[] FORMATS = {".Fc.dump", ".Fc.Z0.dump", ".Fd", ".Ft.tar"};

    @ParameterizedTest
    @ValueSource(strings = {"pagila_neon", "lo_test"})
    void listingMatchesPgRestore(String db) throws Exception {
        Path dir = ArchiveTestSupport.sharedArchives();
        String expected = Files.readString(dir.resolve(db + ".Fc.list"));
        for (String f : FORMATS) {
            try (Archive a = ArchiveReader.open(dir.resolve(db + f))) {
                String listing = ArchiveListing.render(a);
                assertThat(ArchiveTestSupport.entryLines(listing)).as(db + f)
                        .isEqualTo(ArchiveTestSupport.entryLines(expected));
                assertThat(listing).contains(";     dbname: " + db + "\n", ";     Dump Version: 1.14-0\n",
                        ";     Format: " + a.format().listingName() + "\n", ";     Integer: 4 bytes\n");
                assertThat(listing).contains(";     TOC Entries: " + a.entries().size() + "\n");
            }
        }
        try (Archive a = ArchiveReader.open(dir.resolve(db + ".Fc.dump"))) {
            // the custom archive's listing is pg_restore's, header lines included (bar the zone of the date)
            List<String> want = expected.lines().filter(l -> !l.startsWith("; Archive created at")).toList();
            List<String> got = ArchiveListing.render(a).lines().filter(l -> !l.startsWith("; Archive created at")).toList();
            assertThat(got).isEqualTo(want);
        }
    }

    @Test
    void pagilaHeaderAndEntries() throws Exception {
        Path dir = ArchiveTestSupport.sharedArchives();
        try (Archive a = ArchiveReader.open(dir.resolve("pagila_neon.Fc.dump"))) {
            ArchiveHeader h = a.header();
            assertThat(h.version()).isEqualTo(ArchiveVersion.V1_14);
            assertThat(h.format()).isEqualTo(ArchiveFormat.CUSTOM);
            assertThat(h.compression()).isEqualTo(new Compression(CompressionAlgorithm.GZIP, -1));
            assertThat(h.databaseName()).isEqualTo("pagila_neon");
            assertThat(h.serverVersion()).startsWith("15.");
            assertThat(a.encoding()).isEqualTo("UTF8");
            assertThat(a.entries()).hasSize(215);
            assertThat(a.entries().get(0).desc()).isEqualTo("ENCODING");
            TocEntry rental = a.entries().stream()
                    .filter(e -> e.isTableData() && e.tag().equals("rental")).findFirst().orElseThrow();
            assertThat(rental.namespace()).isEqualTo("public");
            assertThat(rental.copyStmt()).startsWith("COPY public.rental (");
            assertThat(rental.section()).isEqualTo(Section.DATA);
            assertThat(rental.dataOffset().isSet()).isTrue();
            assertThat(rental.dependencies()).isNotEmpty();
            TocEntry table = a.entries().stream()
                    .filter(e -> e.desc().equals("TABLE") && e.tag().equals("rental")).findFirst().orElseThrow();
            assertThat(rental.oid()).isEqualTo(table.oid());
            assertThat(table.tableOid()).isEqualTo(1259);
            assertThat(table.tableam()).isEqualTo("heap");
            assertThat(table.defn()).startsWith("CREATE TABLE public.rental");
            // a non-ASCII name decodes (the domain "bıgınt")
            assertThat(a.entries()).anyMatch(e -> "bıgınt".equals(e.tag()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pagila_neon", "lo_test"})
    void sameDataInEveryFormat(String db) throws Exception {
        Path dir = ArchiveTestSupport.sharedArchives();
        Map<String, String> reference;
        Map<Long, String> los;
        try (Archive a = ArchiveReader.open(dir.resolve(db + ".Fc.Z0.dump"))) {
            reference = ArchiveTestSupport.dataMd5s(a);
            los = ArchiveTestSupport.largeObjectMd5s(a);
        }
        assertThat(reference).isNotEmpty();
        for (String f : FORMATS) {
            try (Archive a = ArchiveReader.open(dir.resolve(db + f))) {
                assertThat(ArchiveTestSupport.dataMd5s(a)).as(db + f).containsExactlyEntriesOf(reference);
                assertThat(ArchiveTestSupport.largeObjectMd5s(a)).as(db + f).containsExactlyEntriesOf(los);
            }
        }
    }

    @Test
    void tableDataIsCopyTextWithEndMarker() throws Exception {
        Path dir = ArchiveTestSupport.sharedArchives();
        try (Archive a = ArchiveReader.open(dir.resolve("lo_test.Fc.dump"))) {
            TocEntry docs = a.entries().stream().filter(TocEntry::isTableData).findFirst().orElseThrow();
            String raw;
            try (InputStream in = a.openData(docs)) {
                raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String rows;
            try (InputStream in = a.openCopyData(docs)) {
                rows = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(raw).endsWith("\\.\n\n\n").isEqualTo(rows + "\\.\n\n\n");
            assertThat(rows.lines()).hasSize(5).allMatch(l -> l.split("\t").length == 3);
        }
    }

    @Test
    void largeObjectsOfLoTest() throws Exception {
        Path dir = ArchiveTestSupport.sharedArchives();
        for (String f : new String[] {".Fc.dump", ".Fc.Z0.dump", ".Fc.piped.dump", ".Fd", ".Ft.tar"}) {
            try (Archive a = ArchiveReader.open(dir.resolve("lo_test" + f))) {
                TocEntry blobs = a.entries().stream().filter(TocEntry::isLargeObjects).findFirst().orElseThrow();
                List<Long> oids = new ArrayList<>();
                List<Integer> sizes = new ArrayList<>();
                try (LargeObjectReader r = a.openLargeObjects(blobs)) {
                    LargeObject lo;
                    while ((lo = r.next()) != null) {
                        oids.add(lo.oid());
                        // read only part of some: the next one must still be right
                        sizes.add(lo.oid() == 35320 ? lo.data().readNBytes(10).length : lo.data().readAllBytes().length);
                    }
                    assertThat(r.next()).isNull();
                }
                assertThat(oids).as(f).containsExactly(35318L, 35319L, 35320L, 35321L, 35322L, 424242L);
                assertThat(sizes).as(f).containsExactly(1050, 2100, 10, 4200, 5250, 5);
                assertThatThrownBy(() -> a.openData(blobs)).isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void pipedCustomArchiveFromFileAndFromStream() throws Exception {
        Path dir = ArchiveTestSupport.sharedArchives();
        Map<String, String> reference;
        Map<Long, String> los;
        try (Archive a = ArchiveReader.open(dir.resolve("lo_test.Fc.dump"))) {
            reference = ArchiveTestSupport.dataMd5s(a);
            los = ArchiveTestSupport.largeObjectMd5s(a);
        }
        Path piped = dir.resolve("lo_test.Fc.piped.dump");
        try (Archive a = ArchiveReader.open(piped)) {
            assertThat(a.entries()).filteredOn(TocEntry::hasData)
                    .allMatch(e -> e.dataOffset().state() == DataOffset.State.NOT_SET);
            assertThat(a.isSequential()).isFalse();
            // out of file order works on a file: blocks are found by scanning
            TocEntry blobs = a.entries().stream().filter(TocEntry::isLargeObjects).findFirst().orElseThrow();
            try (LargeObjectReader r = a.openLargeObjects(blobs)) {
                assertThat(r.next().oid()).isEqualTo(35318L);
            }
            assertThat(ArchiveTestSupport.dataMd5s(a)).containsExactlyEntriesOf(reference);
            assertThat(ArchiveTestSupport.largeObjectMd5s(a)).containsExactlyEntriesOf(los);
        }
        try (Archive a = ArchiveReader.open(Files.newInputStream(piped), "standard input")) {
            assertThat(a.isSequential()).isTrue();
            assertThat(ArchiveTestSupport.dataMd5s(a)).containsExactlyEntriesOf(reference);
            assertThat(ArchiveTestSupport.largeObjectMd5s(a)).containsExactlyEntriesOf(los);
        }
        // in sequential mode, an entry already passed cannot be read again
        try (Archive a = ArchiveReader.open(Files.newInputStream(piped), "standard input")) {
            TocEntry blobs = a.entries().stream().filter(TocEntry::isLargeObjects).findFirst().orElseThrow();
            TocEntry docs = a.entries().stream().filter(TocEntry::isTableData).findFirst().orElseThrow();
            a.openLargeObjects(blobs).close();
            assertThatThrownBy(() -> a.openData(docs)).isInstanceOf(ArchiveFormatException.class)
                    .hasMessageContaining("standard input")
                    .hasMessageContaining("entry 3340 TABLE DATA public.docs")
                    .hasMessageContaining("file order");
        }
    }

    @Test
    void sequentialReadingOfPagilaWithOffsetsSkipsUnreadData() throws Exception {
        Path dir = ArchiveTestSupport.sharedArchives();
        Path f = dir.resolve("pagila_neon.Fc.dump");
        Map<String, String> reference;
        try (Archive a = ArchiveReader.open(f)) {
            reference = ArchiveTestSupport.dataMd5s(a);
        }
        try (Archive a = ArchiveReader.open(Files.newInputStream(f), "standard input")) {
            // open every other entry, read only a little of some: the rest must be skipped correctly
            int i = 0;
            for (TocEntry e : a.entries()) {
                if (!e.hasData() || e.isLargeObjects() || i++ % 2 == 1) {
                    continue;
                }
                InputStream in = a.openData(e);
                if (i % 3 == 0) {
                    in.readNBytes(100);
                } else {
                    assertThat(ArchiveTestSupport.md5(in))
                            .isEqualTo(reference.get(e.desc() + " " + e.namespace() + "." + e.tag()));
                }
            }
        }
    }
}
