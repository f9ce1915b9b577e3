package io.pgbarge.archive;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * lz4 and zstd archives (pg_dump 16+), which the installed pg_dump 15 cannot write: built from
 * the shared pg_dump 15 archives by recompressing their data with {@link TestArchiveWriter}, as
 * versions 1.15 and 1.16, then read back.
 */
@Timeout(120)
class RecompressedArchivesTest {

    static Stream<Arguments> variants() {
        return Stream.of("lo_test", "pagila_neon").flatMap(db -> Stream.of(
                Arguments.of(db, ArchiveVersion.V1_15, CompressionAlgorithm.LZ4),
                Arguments.of(db, ArchiveVersion.V1_15, CompressionAlgorithm.ZSTD),
                Arguments.of(db, ArchiveVersion.V1_16, CompressionAlgorithm.LZ4),
                Arguments.of(db, ArchiveVersion.V1_16, CompressionAlgorithm.ZSTD),
                Arguments.of(db, ArchiveVersion.V1_16, CompressionAlgorithm.GZIP),
                Arguments.of(db, ArchiveVersion.V1_15, CompressionAlgorithm.NONE),
                Arguments.of(db, ArchiveVersion.V1_14, CompressionAlgorithm.GZIP)));
    }

    @ParameterizedTest
    @MethodSource("variants")
    void readsRecompressedArchives(String db, ArchiveVersion version, CompressionAlgorithm algo, @TempDir Path tmp)
            throws Exception {
        Path shared = ArchiveTestSupport.sharedArchives();
        Map<String, String> data;
        Map<Long, String> los;
        String listing;
        try (Archive src = ArchiveReader.open(shared.resolve(db + ".Fc.dump"))) {
            data = ArchiveTestSupport.dataMd5s(src);
            los = ArchiveTestSupport.largeObjectMd5s(src);
            listing = ArchiveListing.render(src);
            TestArchiveWriter w = new TestArchiveWriter(src, version, algo);
            w.writeCustom(tmp.resolve("seek.dump"), true);
            w.writeCustom(tmp.resolve("piped.dump"), false);
            w.writeDirectory(tmp.resolve("dir"));
        }
        for (String name : new String[] {"seek.dump", "piped.dump", "dir"}) {
            try (Archive a = ArchiveReader.open(tmp.resolve(name))) {
                assertThat(a.header().version()).isEqualTo(version);
                assertThat(a.header().compression().algorithm()).isEqualTo(algo);
                assertThat(ArchiveTestSupport.entryLines(ArchiveListing.render(a)))
                        .isEqualTo(ArchiveTestSupport.entryLines(listing));
                if (version.isAtLeast(ArchiveVersion.V1_16)) {
                    assertThat(a.entries()).filteredOn(e -> e.desc().equals("TABLE")).allMatch(e -> e.relkind() == 'r');
                }
                assertThat(ArchiveTestSupport.dataMd5s(a)).as(name).containsExactlyEntriesOf(data);
                assertThat(ArchiveTestSupport.largeObjectMd5s(a)).as(name).containsExactlyEntriesOf(los);
            }
        }
        try (Archive a = ArchiveReader.open(Files.newInputStream(tmp.resolve("piped.dump")), "standard input")) {
            assertThat(ArchiveTestSupport.dataMd5s(a)).containsExactlyEntriesOf(data);
            assertThat(ArchiveTestSupport.largeObjectMd5s(a)).containsExactlyEntriesOf(los);
        }
        if (algo != CompressionAlgorithm.NONE) {
            assertThat(Files.list(tmp.resolve("dir")))
                    .anyMatch(p -> p.getFileName().toString().endsWith(".dat" + algo.fileSuffix()));
        }
    }
}
