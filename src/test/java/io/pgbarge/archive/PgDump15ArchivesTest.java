package io.pgbarge.archive;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Archives written now by Debian's pg_dump 15 from a database on the embedded PostgreSQL 15: each
 * TABLE DATA stream must equal what the server's {@code COPY … TO STDOUT} sends.
 */
@Timeout(600)
class PgDump15ArchivesTest {
    private static final Path PG_DUMP = Path.of("/usr/lib/postgresql/15/bin/pg_dump");

    private static TestDb db;
    private static Map<String, String> serverCopy;
    private static Map<Long, String> serverLos;

    @BeforeAll
    static void createDatabase() throws Exception {
        assumeTrue(Files.isExecutable(PG_DUMP), "no pg_dump 15 at " + PG_DUMP);
        db = TestServers.newDatabase(15, "archive");
        db.exec("""
                CREATE SCHEMA "Odd Schema";
                CREATE TABLE public.big (id int PRIMARY KEY, t text, n numeric, j jsonb, b bytea, ts timestamptz);
                INSERT INTO public.big
                  SELECT g, md5(g::text) || E'\\ttab\\nnewline\\\\back', g * 1.5,
                         jsonb_build_object('k', g, 'ü', 'ñ'), decode(md5(g::text), 'hex'),
                         '2020-01-01'::timestamptz + g * interval '1 minute'
                  FROM generate_series(1, 60000) g;
                UPDATE public.big SET t = NULL WHERE id % 7 = 0;
                CREATE TABLE "Odd Schema"."Mixed Case" ("Col 1" text, "ß" int[]);
                INSERT INTO "Odd Schema"."Mixed Case" VALUES ('日本語', '{1,2,3}'), (NULL, NULL), ('', '{}');
                CREATE TABLE public.empty (x int);
                CREATE SEQUENCE public.s; SELECT setval('public.s', 42);
                SELECT lo_from_bytea(0, convert_to(repeat('large object ', 20000), 'UTF8'));
                SELECT lo_from_bytea(4242, '\\x00ff00ff');
                SELECT lo_from_bytea(4243, '');
                """);
        serverCopy = new LinkedHashMap<>();
        serverLos = new LinkedHashMap<>();
        try (Connection c = db.connect()) {
            CopyManager cm = c.unwrap(PGConnection.class).getCopyAPI();
            for (String t : List.of("public.big", "\"Odd Schema\".\"Mixed Case\"", "public.empty")) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                cm.copyOut("COPY " + t + " TO STDOUT", out);
                serverCopy.put(t.replace("\"", ""), ArchiveTestSupport.md5(out.toByteArray()));
            }
            try (var st = c.createStatement();
                 var rs = st.executeQuery("SELECT oid, lo_get(oid) FROM pg_largeobject_metadata ORDER BY oid")) {
                while (rs.next()) {
                    serverLos.put(rs.getLong(1), ArchiveTestSupport.md5(rs.getBytes(2)));
                }
            }
        }
        assertThat(serverLos).hasSize(3);
    }

    private static void pgDump(Path out, String... options) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(PG_DUMP.toString());
        cmd.addAll(List.of(options));
        cmd.add("--file=" + out);
        cmd.add("--dbname=" + db.uri());
        run(cmd, null);
    }

    private static void run(List<String> cmd, Path stdout) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("PGPASSFILE", "/dev/null");
        pb.redirectErrorStream(stdout == null);
        if (stdout != null) {
            pb.redirectOutput(stdout.toFile());
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        } else {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        pb.redirectInput(new File("/dev/null"));
        Process p = pb.start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("pg_dump finished").isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd)).isZero();
    }

    private static void checkAgainstServer(Archive a) throws IOException {
        Map<String, String> got = new LinkedHashMap<>();
        for (TocEntry e : a.entries()) {
            if (e.isTableData()) {
                try (InputStream in = a.openCopyData(e)) {
                    got.put(e.namespace() + "." + e.tag(), ArchiveTestSupport.md5(in));
                }
            }
        }
        assertThat(got).as(a.name()).containsExactlyInAnyOrderEntriesOf(serverCopy);
        assertThat(ArchiveTestSupport.largeObjectMd5s(a)).as(a.name()).containsExactlyInAnyOrderEntriesOf(serverLos);
        assertThat(a.entries()).anyMatch(e -> e.desc().equals("SEQUENCE SET") && e.defn().contains("42"));
    }

    @Test
    void customUncompressed(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("z0.dump");
        pgDump(f, "-Fc", "-Z0");
        try (Archive a = ArchiveReader.open(f)) {
            assertThat(a.header().compression()).isEqualTo(Compression.NONE);
            checkAgainstServer(a);
        }
    }

    @Test
    void customGzip9AlsoFromAPipe(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("z9.dump");
        pgDump(f, "-Fc", "-Z9");
        try (Archive a = ArchiveReader.open(f)) {
            assertThat(a.header().compression()).isEqualTo(new Compression(CompressionAlgorithm.GZIP, 9));
            checkAgainstServer(a);
        }
        Path piped = tmp.resolve("piped.dump");
        run(List.of("/bin/sh", "-c", "'" + PG_DUMP + "' -Fc --dbname='" + db.uri() + "' | cat"), piped);
        try (Archive a = ArchiveReader.open(piped)) {
            assertThat(a.entries()).filteredOn(TocEntry::hasData)
                    .allMatch(e -> e.dataOffset().state() == DataOffset.State.NOT_SET);
            checkAgainstServer(a);
        }
        try (Archive a = ArchiveReader.open(Files.newInputStream(piped), "standard input")) {
            checkAgainstServer(a);
        }
    }

    @Test
    void directoryParallel(@TempDir Path tmp) throws Exception {
        Path d = tmp.resolve("dir");
        pgDump(d, "-Fd", "-j2");
        try (Archive a = ArchiveReader.open(d)) {
            assertThat(a.format()).isEqualTo(ArchiveFormat.DIRECTORY);
            checkAgainstServer(a);
        }
    }

    @Test
    void tar(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("t.tar");
        pgDump(f, "-Ft");
        try (Archive a = ArchiveReader.open(f)) {
            assertThat(a.format()).isEqualTo(ArchiveFormat.TAR);
            checkAgainstServer(a);
        }
    }

    @Test
    void listingMatchesPgRestore(@TempDir Path tmp) throws Exception {
        Path restore = PG_DUMP.resolveSibling("pg_restore");
        assumeTrue(Files.isExecutable(restore));
        Path f = tmp.resolve("l.dump");
        pgDump(f, "-Fc");
        Path list = tmp.resolve("l.list");
        run(List.of(restore.toString(), "-l", f.toString()), list);
        try (Archive a = ArchiveReader.open(f)) {
            assertThat(ArchiveTestSupport.entryLines(ArchiveListing.render(a)))
                    .isEqualTo(ArchiveTestSupport.entryLines(Files.readString(list)));
        }
    }
}
