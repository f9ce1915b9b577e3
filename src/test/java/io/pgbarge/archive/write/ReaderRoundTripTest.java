package io.pgbarge.archive.write;

import io.pgbarge.archive.Archive;
import io.pgbarge.archive.ArchiveReader;
import io.pgbarge.archive.ArchiveVersion;
import io.pgbarge.archive.LargeObject;
import io.pgbarge.archive.LargeObjectReader;
import io.pgbarge.archive.TocEntry;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every format and compression, read back by pgbarge's own reader. */
@Timeout(120)
class ReaderRoundTripTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({
            "custom, none, 1.14", "custom, gzip:6, 1.14", "custom, lz4, 1.15", "custom, zstd:9, 1.15", "custom, lz4:9, 1.16",
            "custom, zstd, 1.16", "custom, none, 1.12",
            "directory, none, 1.14", "directory, 1, 1.14", "directory, lz4:3, 1.15", "directory, zstd:9, 1.16",
            "tar, none, 1.14", "tar, none, 1.16"})
    void entriesAndDataSurvive(String format, String z, String v) throws Exception {
        String[] parts = v.split("\\.");
        ArchiveVersion version = new ArchiveVersion(1, Integer.parseInt(parts[1]), 0);
        ArchiveWriteOptions o = WriterFixtures.options(CompressionSpec.parse(z)).withVersion(version);
        Path p = tmp.resolve("a." + format);
        ArchiveWriter w = switch (format) {
            case "custom" -> CustomArchiveWriter.create(p, o);
            case "directory" -> DirectoryArchiveWriter.create(p, o);
            default -> TarArchiveWriter.create(p, o);
        };
        WriterFixtures.write(w);
        List<TocEntry> written = w.entries();

        try (Archive a = ArchiveReader.open(p)) {
            assertThat(a.header().version()).isEqualTo(version);
            assertThat(a.header().databaseName()).isEqualTo("fixture");
            assertThat(a.header().pgDumpVersion()).isEqualTo("pgbarge");
            assertThat(a.header().compression().algorithm()).isEqualTo(o.compression().algorithm());
            List<TocEntry> read = a.entries();
            assertThat(read).hasSize(written.size());
            for (int i = 0; i < read.size(); i++) {
                TocEntry r = read.get(i);
                TocEntry e = WriterFixtures.entries().get(i);
                assertThat(r.withDataOffset(null).withFileName(null))
                        .isEqualTo(new TocEntry(e.dumpId(), e.hadDumper(), e.tableOid(), e.oid(), e.tag(), e.desc(),
                                e.section(), e.defn(), e.dropStmt(), e.copyStmt(), e.namespace(), e.tablespace(),
                                version.isAtLeast(ArchiveVersion.V1_14) ? e.tableam() : null,
                                version.isAtLeast(ArchiveVersion.V1_16) ? e.relkind() : 0,
                                e.owner(), e.withOids(), e.dependencies(), null, null));
            }
            TocEntry data = a.entry(WriterFixtures.TABLE_DATA_ID).orElseThrow();
            try (InputStream in = a.openData(data)) {
                assertThat(in.readAllBytes()).isEqualTo(WriterFixtures.tableData());
            }
            Map<Long, byte[]> los = new LinkedHashMap<>();
            try (LargeObjectReader r = a.openLargeObjects(a.entry(WriterFixtures.BLOBS_ID).orElseThrow())) {
                for (LargeObject lo = r.next(); lo != null; lo = r.next()) {
                    los.put(lo.oid(), lo.data().readAllBytes());
                }
            }
            assertThat(los.keySet()).containsExactlyElementsOf(WriterFixtures.LARGE_OBJECTS.keySet());
            for (var e : WriterFixtures.LARGE_OBJECTS.entrySet()) {
                assertThat(los.get(e.getKey())).as("large object " + e.getKey()).isEqualTo(e.getValue());
            }
        }
    }
}
