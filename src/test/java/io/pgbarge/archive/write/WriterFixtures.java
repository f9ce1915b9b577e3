package io.pgbarge.archive.write;

import io.pgbarge.archive.Section;
import io.pgbarge.archive.TocEntry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small database as TOC entries built by hand, the way pg_dump 15 writes them. */
final class WriterFixtures {
    static final int TABLE_DATA_ID = 3010;
    static final int BLOBS_ID = 3020;
    static final String OWNER = "postgres";

    /** COPY text: tabs, backslashes, unicode, NULLs, an escaped newline. */
    static final String ROWS = "1\tplain\t\\N\n"
            + "2\ttab\\there\tback\\\\slash\n"
            + "3\tGrüße ✓ 日本語\tline\\nbreak\n"
            + "4\t\\N\t\"quoted\" 'single'\n";

    static final Map<Long, byte[]> LARGE_OBJECTS = new LinkedHashMap<>();

    static {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 40000) {
            sb.append("hello large object ").append(sb.length()).append('\n');
        }
        LARGE_OBJECTS.put(5001L, sb.toString().getBytes(StandardCharsets.UTF_8));
        byte[] bin = new byte[256];
        for (int i = 0; i < bin.length; i++) {
            bin[i] = (byte) i;
        }
        LARGE_OBJECTS.put(5002L, bin);
        LARGE_OBJECTS.put(5003L, new byte[0]);
    }

    private WriterFixtures() {
    }

    static ArchiveWriteOptions options(CompressionSpec c) {
        return ArchiveWriteOptions.builder("fixture", "15.20 (Debian 15.20-0+deb12u1)")
                .createdAt(LocalDateTime.of(2025, 3, 14, 15, 9, 26))
                .compression(c)
                .build();
    }

    static TocEntry entry(int id, boolean data, long tableOid, long oid, String tag, String desc, Section section,
                          String defn, String drop, String copy, String ns, String tablespace, String am, String owner,
                          List<Integer> deps) {
        return new TocEntry(id, data, tableOid, oid, tag, desc, section, defn, drop, copy, ns, tablespace, am,
                am != null ? 'r' : 0, owner, false, deps, null, null);
    }

    static List<TocEntry> entries() {
        List<TocEntry> l = new ArrayList<>();
        l.add(entry(3000, false, 0, 0, "ENCODING", "ENCODING", Section.PRE_DATA, "SET client_encoding = 'UTF8';\n",
                null, null, null, null, null, null, List.of()));
        l.add(entry(3001, false, 0, 0, "STDSTRINGS", "STDSTRINGS", Section.PRE_DATA,
                "SET standard_conforming_strings = 'on';\n", null, null, null, null, null, null, List.of()));
        l.add(entry(3002, false, 0, 0, "SEARCHPATH", "SEARCHPATH", Section.PRE_DATA,
                "SELECT pg_catalog.set_config('search_path', '', false);\n", null, null, null, null, null, null, List.of()));
        l.add(entry(3003, false, 1262, 16384, "fixture", "DATABASE", Section.PRE_DATA,
                "CREATE DATABASE fixture WITH TEMPLATE = template0 ENCODING = 'UTF8' LOCALE_PROVIDER = libc LOCALE = 'C.UTF-8';\n",
                "DROP DATABASE fixture;\n", null, null, null, null, OWNER, List.of()));
        l.add(entry(6, false, 2615, 16385, "s1", "SCHEMA", Section.PRE_DATA, "CREATE SCHEMA s1;\n", "DROP SCHEMA s1;\n",
                null, null, null, null, OWNER, List.of()));
        l.add(entry(210, false, 1259, 16386, "items_id_seq", "SEQUENCE", Section.PRE_DATA,
                "CREATE SEQUENCE s1.items_id_seq\n    START WITH 1\n    INCREMENT BY 1\n    NO MINVALUE\n    NO MAXVALUE\n    CACHE 1;\n",
                "DROP SEQUENCE s1.items_id_seq;\n", null, "s1", null, null, OWNER, List.of(6)));
        l.add(entry(211, false, 1259, 16387, "items", "TABLE", Section.PRE_DATA,
                "CREATE TABLE s1.items (\n    id integer NOT NULL,\n    name text,\n    note text\n);\n",
                "DROP TABLE s1.items;\n", null, "s1", "", "heap", OWNER, List.of(6)));
        l.add(entry(3004, false, 0, 0, "TABLE items", "COMMENT", Section.NONE,
                "COMMENT ON TABLE s1.items IS 'items with ''odd'' values ✓';\n", null, null, "s1", null, null, OWNER,
                List.of(211)));
        for (long oid : LARGE_OBJECTS.keySet()) {
            l.add(entry((int) (4000 + oid - 5000), false, 2613, oid, Long.toString(oid), "BLOB", Section.PRE_DATA,
                    "SELECT pg_catalog.lo_create('" + oid + "');\n", "SELECT pg_catalog.lo_unlink('" + oid + "');\n",
                    null, null, null, null, OWNER, List.of()));
        }
        l.add(entry(3005, false, 0, 0, "LARGE OBJECT 5001", "COMMENT", Section.NONE,
                "COMMENT ON LARGE OBJECT 5001 IS 'text lo';\n", null, null, null, null, null, OWNER, List.of(4001)));
        l.add(entry(TABLE_DATA_ID, true, 0, 16387, "items", "TABLE DATA", Section.DATA, null, null,
                "COPY s1.items (id, name, note) FROM stdin;\n", "s1", null, null, OWNER, List.of(211)));
        l.add(entry(3011, false, 0, 16386, "items_id_seq", "SEQUENCE SET", Section.DATA,
                "SELECT pg_catalog.setval('s1.items_id_seq', 42, true);\n", null, null, "s1", null, null, OWNER,
                List.of(210)));
        l.add(entry(BLOBS_ID, true, 0, 0, "BLOBS", "BLOBS", Section.DATA, null, null, null, null, null, null, null,
                List.of()));
        l.add(entry(220, false, 1259, 16390, "items_name_idx", "INDEX", Section.POST_DATA,
                "CREATE INDEX items_name_idx ON s1.items USING btree (name);\n", "DROP INDEX s1.items_name_idx;\n",
                null, "s1", "", null, OWNER, List.of(211)));
        l.add(entry(221, false, 2606, 16391, "items items_pkey", "CONSTRAINT", Section.POST_DATA,
                "ALTER TABLE ONLY s1.items\n    ADD CONSTRAINT items_pkey PRIMARY KEY (id);\n",
                "ALTER TABLE ONLY s1.items DROP CONSTRAINT items_pkey;\n", null, "s1", "", null, OWNER, List.of(211)));
        return l;
    }

    static byte[] tableData() {
        return (ROWS + ArchiveWriter.COPY_END).getBytes(StandardCharsets.UTF_8);
    }

    /** Writes the fixture: entries, then the data (large objects first, to exercise out-of-order writing). */
    static void write(ArchiveWriter w) throws IOException {
        w.addEntries(entries());
        w.writeLargeObjects(BLOBS_ID, out -> {
            for (Map.Entry<Long, byte[]> lo : LARGE_OBJECTS.entrySet()) {
                out.write(lo.getKey(), lo.getValue());
            }
        });
        w.writeData(TABLE_DATA_ID, out -> out.write(tableData()));
        w.close();
    }
}
