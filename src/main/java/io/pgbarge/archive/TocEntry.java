package io.pgbarge.archive;

import java.util.List;

/**
 * One entry of an archive's table of contents ({@code WriteToc}/{@code ReadToc}), in the order of
 * the fields in the file.
 *
 * @param dumpId       the entry's id, &gt; 0; other entries name it in their dependencies
 * @param hadDumper    whether pg_dump wrote data for it (TABLE DATA, BLOBS, …)
 * @param tableOid     catalog of the object (1259 = pg_class), 0 for special entries (uint32)
 * @param oid          the object's OID (uint32)
 * @param tag          object name, e.g. {@code payment}, {@code LARGE OBJECT 424242}
 * @param desc         kind: {@code TABLE}, {@code TABLE DATA}, {@code INDEX}, {@code BLOBS}, …
 * @param section      pre-data, data, post-data or none
 * @param defn         the SQL that creates it, or null/empty
 * @param dropStmt     the SQL that drops it, or null/empty
 * @param copyStmt     for COPY data, e.g. {@code COPY public.docs (id, name) FROM stdin;\n}; null otherwise
 * @param namespace    schema, or null
 * @param tablespace   tablespace, or null/empty for the default
 * @param tableam      table access method (1.14+) of tables and materialized views, else null
 * @param relkind      pg_class.relkind as a char code (1.16+), 0 when absent or not a relation
 * @param owner        owning role, or null/empty
 * @param withOids     the stored withOids flag ("true" makes pg_restore warn); always false today
 * @param dependencies dumpIds this entry depends on, in stored order
 * @param dataOffset   custom format: where the data block is; null in the other formats
 * @param fileName     directory and tar formats: the data file ({@code 3340.dat}, {@code blobs.toc});
 *                     "" for entries without data; null in the custom format
 */
public record TocEntry(
        int dumpId,
        boolean hadDumper,
        long tableOid,
        long oid,
        String tag,
        String desc,
        Section section,
        String defn,
        String dropStmt,
        String copyStmt,
        String namespace,
        String tablespace,
        String tableam,
        int relkind,
        String owner,
        boolean withOids,
        List<Integer> dependencies,
        DataOffset dataOffset,
        String fileName) {

    public static final String TABLE_DATA = "TABLE DATA";
    /** The data entry of large objects (1.12+; several of them in 1.16). */
    public static final String BLOBS = "BLOBS";

    public TocEntry {
        dependencies = List.copyOf(dependencies);
    }

    /** Whether this entry carries COPY (or INSERT) data for a table: desc TABLE DATA. */
    public boolean isTableData() {
        return TABLE_DATA.equals(desc);
    }

    /** Whether this is a BLOBS entry, whose data is a set of large objects. */
    public boolean isLargeObjects() {
        return BLOBS.equals(desc);
    }

    /**
     * Whether the archive holds a data stream for this entry: it had a dumper, and (custom format)
     * its offset flag is not NO_DATA or (directory, tar) it names a file.
     */
    public boolean hasData() {
        if (!hadDumper) {
            return false;
        }
        if (dataOffset != null) {
            return dataOffset.state() != DataOffset.State.NO_DATA;
        }
        return fileName != null && !fileName.isEmpty();
    }

    /** {@code 3412 TABLE DATA public.payment}: id, desc and schema-qualified tag, for messages. */
    public String label() {
        String name = (namespace == null || namespace.isEmpty()) ? tag : namespace + "." + tag;
        return dumpId + " " + desc + " " + name;
    }

    public TocEntry withDataOffset(DataOffset offset) {
        return new TocEntry(dumpId, hadDumper, tableOid, oid, tag, desc, section, defn, dropStmt, copyStmt, namespace,
                tablespace, tableam, relkind, owner, withOids, dependencies, offset, fileName);
    }

    public TocEntry withFileName(String name) {
        return new TocEntry(dumpId, hadDumper, tableOid, oid, tag, desc, section, defn, dropStmt, copyStmt, namespace,
                tablespace, tableam, relkind, owner, withOids, dependencies, dataOffset, name);
    }
}
