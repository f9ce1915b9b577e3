package io.pgbarge.archive.write;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.archive.ArchiveVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Archives written by pgbarge, read by Debian's pg_restore 15 and psql 15. */
@Timeout(300)
class PgRestoreCompatibilityTest {

    @TempDir
    Path tmp;

    static Path write(String kind, Path tmp) throws Exception {
        return switch (kind) {
            case "custom-none" -> {
                Path p = tmp.resolve("a.dump");
                WriterFixtures.write(CustomArchiveWriter.create(p, WriterFixtures.options(CompressionSpec.NONE)));
                yield p;
            }
            case "custom-gzip" -> {
                Path p = tmp.resolve("a.dump");
                WriterFixtures.write(CustomArchiveWriter.create(p, WriterFixtures.options(CompressionSpec.parse("6"))));
                yield p;
            }
            case "dir-none" -> {
                Path p = tmp.resolve("a.dir");
                WriterFixtures.write(DirectoryArchiveWriter.create(p, WriterFixtures.options(CompressionSpec.NONE)));
                yield p;
            }
            case "dir-gzip" -> {
                Path p = tmp.resolve("a.dir");
                WriterFixtures.write(DirectoryArchiveWriter.create(p, WriterFixtures.options(CompressionSpec.GZIP_DEFAULT)));
                yield p;
            }
            case "tar" -> {
                Path p = tmp.resolve("a.tar");
                WriterFixtures.write(TarArchiveWriter.create(p, WriterFixtures.options(CompressionSpec.NONE)));
                yield p;
            }
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"custom-none", "custom-gzip", "dir-none", "dir-gzip", "tar"})
    void pgRestoreListsAndRestores(String kind) throws Exception {
        PgTools.assumePresent();
        Path archive = write(kind, tmp);

        PgTools.Result list = PgTools.run("pg_restore", "-l", archive.toString());
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("dbname: fixture", "Dump Version: 1.14-0",
                "TABLE DATA s1 items postgres", "BLOBS - BLOBS", "INDEX s1 items_name_idx postgres",
                "SEQUENCE SET s1 items_id_seq postgres", "BLOB - 5001 postgres");

        TestDb db = TestServers.newDatabase(15, "pgr_" + kind.replace('-', '_'));
        PgTools.Result r = PgTools.run("pg_restore", "--exit-on-error", "-d", db.uri(), archive.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertRestored(db);
    }

    static void assertRestored(TestDb db) throws Exception {
        assertThat(db.query("SELECT id, name, note FROM s1.items ORDER BY id")).containsExactly(
                java.util.Arrays.asList("1", "plain", null),
                java.util.Arrays.asList("2", "tab\there", "back\\slash"),
                java.util.Arrays.asList("3", "Grüße ✓ 日本語", "line\nbreak"),
                java.util.Arrays.asList("4", null, "\"quoted\" 'single'"));
        assertThat(db.scalar("SELECT last_value FROM s1.items_id_seq")).isEqualTo("42");
        assertThat(db.scalar("SELECT obj_description('s1.items'::regclass, 'pg_class')")).isEqualTo("items with 'odd' values ✓");
        assertThat(db.scalar("SELECT count(*) FROM pg_indexes WHERE indexname IN ('items_name_idx', 'items_pkey')")).isEqualTo("2");
        for (var lo : WriterFixtures.LARGE_OBJECTS.entrySet()) {
            String hex = db.scalar("SELECT encode(lo_get(" + lo.getKey() + "), 'hex')");
            assertThat(hex).as("large object " + lo.getKey()).isEqualTo(java.util.HexFormat.of().formatHex(lo.getValue()));
        }
        assertThat(db.scalar("SELECT obj_description(5001, 'pg_largeobject')")).isEqualTo("text lo");
    }

    @Test
    void plainScriptEqualsPgRestoreOutputAndRunsInPsql() throws Exception {
        PgTools.assumePresent();
        Path archive = write("custom-gzip", tmp);
        Path script = tmp.resolve("a.sql");
        WriterFixtures.write(PlainScriptWriter.create(script, WriterFixtures.options(CompressionSpec.NONE)));

        PgTools.Result r = PgTools.run("pg_restore", "-f", "-", archive.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(withoutHeaderLines(Files.readString(script, StandardCharsets.UTF_8)))
                .isEqualTo(withoutHeaderLines(r.out()));

        TestDb db = TestServers.newDatabase(15, "plain");
        PgTools.Result p = PgTools.run("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db.uri(), "-f", script.toString());
        assertThat(p.exit()).as(p.err()).isZero();
        assertRestored(db);
    }

    @Test
    void tarRestoreScriptAndDirectoryCompressionSuffixes() throws Exception {
        Path dir = write("dir-gzip", tmp);
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).collect(Collectors.toSet())).containsExactlyInAnyOrder(
                    "toc.dat", "3010.dat.gz", "blobs.toc", "blob_5001.dat.gz", "blob_5002.dat.gz", "blob_5003.dat.gz");
        }
        assertThat(Files.readString(dir.resolve("blobs.toc"))).isEqualTo(
                "5001 blob_5001.dat\n5002 blob_5002.dat\n5003 blob_5003.dat\n");
    }

    @Test
    void version116DirectoryNamesBlobsTocByDumpId() throws Exception {
        Path p = tmp.resolve("v16");
        ArchiveWriteOptions o = WriterFixtures.options(CompressionSpec.parse("zstd:5")).withVersion(ArchiveVersion.V1_16);
        WriterFixtures.write(DirectoryArchiveWriter.create(p, o));
        assertThat(p.resolve("blobs_" + WriterFixtures.BLOBS_ID + ".toc")).exists();
        assertThat(p.resolve("3010.dat.zst")).exists();
    }

    /** Drops the lines that legitimately differ: \restrict keys and version comments. */
    static String withoutHeaderLines(String s) {
        return s.replaceAll("(?m)^\\\\(un)?restrict \\S+\n\n", "").lines()
                .filter(l -> !l.startsWith("-- Dumped "))
                .collect(Collectors.joining("\n"));
    }
}
