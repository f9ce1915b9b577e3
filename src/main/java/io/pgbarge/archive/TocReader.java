package io.pgbarge.archive;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the TOC that follows the header ({@code ReadToc}). Strings are kept as bytes until the
 * ENCODING entry has said how to decode them.
 */
final class TocReader {

    /** The parsed TOC: entries in file order and the database encoding they were decoded with. */
    record Toc(List<TocEntry> entries, String encoding, Charset charset) {
    }

    private record Raw(int dumpId, boolean hadDumper, long tableOid, long oid, byte[] tag, byte[] desc,
                       Section section, byte[] defn, byte[] dropStmt, byte[] copyStmt, byte[] namespace,
                       byte[] tablespace, byte[] tableam, int relkind, byte[] owner, boolean withOids,
                       List<Integer> deps, DataOffset offset, byte[] fileName) {
    }

    private TocReader() {
    }

    static Toc read(ArchiveInput in, ArchiveHeader header) throws IOException {
        ArchiveVersion v = header.version();
        boolean custom = header.format() == ArchiveFormat.CUSTOM;
        in.context("TOC", null);
        long at = in.position();
        int count = in.readInt32("TOC entry count");
        if (count < 0) {
            throw in.corrupt(at, "negative TOC entry count " + count);
        }
        List<Raw> raws = new ArrayList<>(Math.min(count, 100_000));
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < count; i++) {
            in.context("TOC entry #" + (i + 1) + " of " + count, null);
            at = in.position();
            int dumpId = in.readInt32("dumpId");
            if (dumpId <= 0) {
                throw in.corrupt(at, "entry ID " + dumpId + " out of range -- perhaps a corrupt TOC");
            }
            if (!seen.add(dumpId)) {
                throw in.corrupt(at, "duplicate entry ID " + dumpId);
            }
            in.context("TOC entry #" + (i + 1) + " of " + count + " (dumpId " + dumpId + ")", null);
            int hadDumper = in.readInt32("hadDumper");
            long tableOid = oid(in, in.readStrBytes());
            long oid = oid(in, in.readStrBytes());
            byte[] tag = in.readStrBytes();
            byte[] desc = in.readStrBytes();
            at = in.position();
            int sec = in.readInt32("section");
            Section section = Section.ofCode(sec);
            if (section == null) {
                throw in.corrupt(at, "unexpected section code " + sec);
            }
            byte[] defn = in.readStrBytes();
            byte[] drop = in.readStrBytes();
            byte[] copy = in.readStrBytes();
            byte[] namespace = in.readStrBytes();
            byte[] tablespace = in.readStrBytes();
            byte[] tableam = v.isAtLeast(ArchiveVersion.V1_14) ? in.readStrBytes() : null;
            int relkind = v.isAtLeast(ArchiveVersion.V1_16) ? in.readInt32("relkind") : 0;
            byte[] owner = in.readStrBytes();
            byte[] withOids = in.readStrBytes();
            List<Integer> deps = new ArrayList<>();
            while (true) {
                at = in.position();
                byte[] d = in.readStrBytes();
                if (d == null) {
                    break;
                }
                String s = new String(d, StandardCharsets.ISO_8859_1);
                try {
                    deps.add(Integer.parseInt(s));
                } catch (NumberFormatException e) {
                    throw in.corrupt(at, "invalid dependency \"" + s + "\"");
                }
            }
            DataOffset offset = null;
            byte[] fileName = null;
            if (custom) {
                offset = in.readOffset();
            } else {
                fileName = in.readStrBytes();
            }
            raws.add(new Raw(dumpId, hadDumper != 0, tableOid, oid, tag, desc, section, defn, drop, copy, namespace,
                    tablespace, tableam, relkind, owner,
                    withOids != null && "true".equals(new String(withOids, StandardCharsets.ISO_8859_1)),
                    deps, offset, fileName));
        }
        String encoding = null;
        for (Raw r : raws) {
            if (r.desc != null && "ENCODING".equals(new String(r.desc, StandardCharsets.ISO_8859_1))) {
                encoding = PgEncoding.fromEncodingDefn(new String(r.defn == null ? new byte[0] : r.defn,
                        StandardCharsets.ISO_8859_1));
                break;
            }
        }
        Charset cs = PgEncoding.charset(encoding);
        List<TocEntry> entries = new ArrayList<>(raws.size());
        for (Raw r : raws) {
            entries.add(new TocEntry(r.dumpId, r.hadDumper, r.tableOid, r.oid, s(r.tag, cs), s(r.desc, cs), r.section,
                    s(r.defn, cs), s(r.dropStmt, cs), s(r.copyStmt, cs), s(r.namespace, cs), s(r.tablespace, cs),
                    s(r.tableam, cs), r.relkind, s(r.owner, cs), r.withOids, r.deps, r.offset, s(r.fileName, cs)));
        }
        return new Toc(List.copyOf(entries), encoding, cs);
    }

    private static String s(byte[] b, Charset cs) {
        return b == null ? null : new String(b, cs);
    }

    private static long oid(ArchiveInput in, byte[] b) throws ArchiveFormatException {
        if (b == null) {
            return 0;
        }
        String s = new String(b, StandardCharsets.ISO_8859_1);
        try {
            long v = Long.parseLong(s);
            if (v < 0 || v > 0xFFFFFFFFL) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw in.corrupt(in.position() - b.length, "invalid OID \"" + s + "\"");
        }
    }
}
