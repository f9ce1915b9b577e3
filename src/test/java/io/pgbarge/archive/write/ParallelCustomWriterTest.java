package io.pgbarge.archive.write;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.archive.Archive;
import io.pgbarge.archive.ArchiveReader;
import io.pgbarge.archive.Section;
import io.pgbarge.archive.TocEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** 4 threads write 20 tables' data into one custom archive at once. */
@Timeout(300)
class ParallelCustomWriterTest {
    static final int TABLES = 20;

    @TempDir
    Path tmp;

    static List<TocEntry> entries() {
        List<TocEntry> l = new ArrayList<>(WriterFixtures.entries().subList(0, 3));
        for (int t = 0; t < TABLES; t++) {
            l.add(WriterFixtures.entry(100 + t, false, 1259, 20000 + t, "t" + t, "TABLE", Section.PRE_DATA,
                    "CREATE TABLE public.t" + t + " (\n    id integer,\n    payload text\n);\n",
                    "DROP TABLE public.t" + t + ";\n", null, "public", "", "heap", WriterFixtures.OWNER, List.of()));
        }
        for (int t = 0; t < TABLES; t++) {
            l.add(WriterFixtures.entry(1000 + t, true, 0, 20000 + t, "t" + t, "TABLE DATA", Section.DATA, null, null,
                    "COPY public.t" + t + " (id, payload) FROM stdin;\n", "public", null, null, WriterFixtures.OWNER,
                    List.of(100 + t)));
        }
        return l;
    }

    static int rows(int t) {
        return 2000 + 1500 * t;
    }

    static void writeTable(ArchiveWriter w, int t) throws Exception {
        w.writeData(1000 + t, out -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i <= rows(t); i++) {
                sb.append(i).append('\t').append("row ").append(i).append(" of table ").append(t).append(" ✓ ")
                        .append(Integer.toHexString(i * 7919 + t)).append('\n');
                if (sb.length() > 8192) {
                    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                    sb.setLength(0);
                }
            }
            sb.append(ArchiveWriter.COPY_END);
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        });
    }

    @Test
    void fourThreadsOneFile() throws Exception {
        Path p = tmp.resolve("parallel.dump");
        ArchiveWriteOptions o = ArchiveWriteOptions.builder("parallel", "15.20")
                .compression(CompressionSpec.parse("gzip:1")).spoolMemory(64 * 1024).build();
        CustomArchiveWriter w = CustomArchiveWriter.create(p, o);
        w.addEntries(entries());
        List<Integer> order = new ArrayList<>();
        for (int t = 0; t < TABLES; t++) {
            order.add(t);
        }
        Collections.shuffle(order, new java.util.Random(7));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t : order) {
                fs.add(pool.submit(() -> {
                    writeTable(w, t);
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        w.close();
        try (var s = Files.list(tmp)) {
            assertThat(s.map(x -> x.getFileName().toString())).containsExactly("parallel.dump"); // no spool left
        }

        try (Archive a = ArchiveReader.open(p)) {
            for (int t = 0; t < TABLES; t++) {
                try (InputStream in = a.openCopyData(a.entry(1000 + t).orElseThrow())) {
                    long lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().count();
                    assertThat(lines).as("table t" + t).isEqualTo(rows(t));
                }
            }
        }

        PgTools.assumePresent();
        TestDb db = TestServers.newDatabase(15, "parallel");
        PgTools.Result r = PgTools.run("pg_restore", "--exit-on-error", "-j", "4", "-d", db.uri(), p.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        for (int t = 0; t < TABLES; t++) {
            assertThat(db.scalar("SELECT count(*) FROM public.t" + t)).isEqualTo(Integer.toString(rows(t)));
        }
        assertThat(db.scalar("SELECT payload FROM public.t3 WHERE id = 17")).isEqualTo("row 17 of table 3 ✓ "
                + Integer.toHexString(17 * 7919 + 3));
    }
}
