package io.pgbarge.dump;

import io.pgbarge.TestDb;
import io.pgbarge.archive.Archive;
import io.pgbarge.archive.ArchiveReader;
import io.pgbarge.archive.TocEntry;
import io.pgbarge.testutil.Sample;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** -n/-N/-t/-T, --exclude-table-data, -s, -a, -O, -x and compression, checked in the archive itself. */
@Timeout(300)
class DumpFiltersTest {
    static TestDb source;

    @TempDir
    Path tmp;

    @BeforeAll
    static void sample() throws Exception {
        source = Sample.newDatabase(15, "dump_filter");
        source.exec("SELECT lo_from_bytea(0, convert_to('hello', 'UTF8'))");
    }

    private List<TocEntry> dump(String... options) throws Exception {
        Path file = Files.createTempFile(tmp, "f", ".dump");
        List<String> args = new ArrayList<>(List.of(source.uri(), "-Fc", "-f", file.toString(), "--no-progress"));
        args.addAll(List.of(options));
        DumpTools.Result r = DumpTools.dump(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        try (Archive a = ArchiveReader.open(file)) {
            return a.entries();
        }
    }

    private static Set<String> labels(List<TocEntry> entries, String desc) {
        return entries.stream().filter(e -> e.desc().equals(desc))
                .map(e -> (e.namespace() == null ? "" : e.namespace() + ".") + e.tag()).collect(Collectors.toSet());
    }

    @Test
    void oneTableWithItsIndexesAndData() throws Exception {
        List<TocEntry> e = dump("-t", "app.customers");
        assertThat(labels(e, "TABLE")).containsExactly("app.customers");
        assertThat(labels(e, "TABLE DATA")).containsExactly("app.customers");
        assertThat(labels(e, "INDEX")).isNotEmpty().allMatch(l -> l.startsWith("app.customers"));
        assertThat(labels(e, "SEQUENCE")).allMatch(l -> l.startsWith("app.customers"));
        assertThat(e).noneMatch(x -> x.desc().equals("SCHEMA") || x.desc().equals("EXTENSION")
                || x.desc().equals("FUNCTION") || x.desc().equals("BLOB") || x.desc().equals("BLOBS"));
        // an unqualified pattern with wildcards finds nothing off the search path; a quoted one is exact
        DumpTools.Result r = DumpTools.dump(source.uri(), "-Fc", "-f", tmp.resolve("x").toString(), "-t", "custom?rs");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no matching tables were found");
        assertThat(labels(dump("-t", "\"Sales Ops\".regional*"), "TABLE")).contains("Sales Ops.regional_sales",
                "Sales Ops.regional_sales_north");
    }

    @Test
    void excludedSchemaAndTableData() throws Exception {
        List<TocEntry> e = dump("-N", "\"Sales Ops\"", "--exclude-table-data", "app.orders", "-T", "app.awkward");
        assertThat(e).noneMatch(x -> "Sales Ops".equals(x.namespace()));
        assertThat(labels(e, "SCHEMA")).doesNotContain("Sales Ops").contains("app");
        assertThat(labels(e, "TABLE")).contains("app.orders").doesNotContain("app.awkward");
        assertThat(labels(e, "TABLE DATA")).contains("app.customers").doesNotContain("app.orders", "app.awkward");
        assertThat(labels(e, "BLOBS")).hasSize(1);

        List<TocEntry> onlyApp = dump("-n", "app");
        assertThat(onlyApp.stream().filter(x -> x.dumpId() > 3))
                .allMatch(x -> "app".equals(x.namespace()) || x.tag().equals("app") || x.tag().endsWith(" app"), "in app");
        assertThat(labels(onlyApp, "EXTENSION")).isEmpty();
    }

    @Test
    void schemaOnlyDataOnlyNoOwnerNoPrivileges() throws Exception {
        List<TocEntry> s = dump("--schema-only");
        assertThat(s).noneMatch(x -> Set.of("TABLE DATA", "SEQUENCE SET", "BLOBS", "BLOB").contains(x.desc()));
        assertThat(labels(s, "TABLE")).contains("app.customers");

        List<TocEntry> a = dump("--data-only");
        assertThat(a.stream().map(TocEntry::desc).collect(Collectors.toSet())).isSubsetOf(
                "ENCODING", "STDSTRINGS", "SEARCHPATH", "TABLE DATA", "SEQUENCE SET", "BLOB", "BLOBS", "COMMENT", "ACL");
        assertThat(labels(a, "TABLE DATA")).contains("app.customers");
        assertThat(labels(a, "SEQUENCE SET")).isNotEmpty();

        List<TocEntry> all = dump();
        assertThat(all).anyMatch(x -> "pgbarge_demo_owner".equals(x.owner()) && x.desc().equals("TABLE"));
        assertThat(all).noneMatch(x -> x.desc().equals("OWNER"));
        assertThat(labels(all, "ACL")).isNotEmpty();

        List<TocEntry> o = dump("-O", "-x");
        assertThat(o).allMatch(x -> x.owner() == null || x.owner().isEmpty(), "no owners");
        assertThat(o).noneMatch(x -> x.desc().equals("ACL") || x.desc().equals("DEFAULT ACL"));
    }

    @Test
    void lz4AndZstdHoldWhatGzipHolds() throws Exception {
        Map<String, Map<String, byte[]>> byZ = new LinkedHashMap<>();
        Map<String, List<String>> tocs = new LinkedHashMap<>();
        for (String z : List.of("gzip:6", "lz4:3", "zstd:9")) {
            for (String f : List.of("c", "d")) {
                Path p = tmp.resolve("z-" + z.replace(':', '_') + "." + f);
                DumpTools.Result r = DumpTools.dump(source.uri(), "-F" + f, "-Z", z, "-j", "2", "-f", p.toString(),
                        "--no-progress");
                assertThat(r.exit()).as(r.err()).isZero();
                Map<String, byte[]> data = new LinkedHashMap<>();
                List<String> toc = new ArrayList<>();
                try (Archive a = ArchiveReader.open(p)) {
                    for (TocEntry e : a.entries()) {
                        toc.add(e.dumpId() + " " + e.desc() + " " + e.namespace() + " " + e.tag() + " " + e.owner()
                                + " " + e.dependencies() + "\n" + e.defn());
                        if (e.isTableData()) {
                            try (InputStream in = a.openData(e)) {
                                data.put(e.label(), in.readAllBytes());
                            }
                        }
                    }
                }
                byZ.put(z + f, data);
                tocs.put(z + f, toc);
            }
        }
        Map<String, byte[]> gzip = byZ.get("gzip:6c");
        assertThat(gzip).isNotEmpty();
        assertThat(new String(gzip.values().iterator().next(), StandardCharsets.UTF_8)).endsWith("\\.\n\n\n");
        for (var e : byZ.entrySet()) {
            assertThat(tocs.get(e.getKey())).as(e.getKey()).isEqualTo(tocs.get("gzip:6c"));
            assertThat(e.getValue().keySet()).as(e.getKey()).isEqualTo(gzip.keySet());
            for (String k : gzip.keySet()) {
                assertThat(e.getValue().get(k)).as(e.getKey() + " " + k).isEqualTo(gzip.get(k));
            }
        }
    }
}
