package io.pgbarge.archive;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The table of contents as {@code pg_restore -l} prints it ({@code PrintTOCSummary}): a header of
 * {@code ;} comment lines, then one line {@code dumpId; tableoid oid DESC namespace tag owner} for
 * each entry a default restore would process.
 */
public final class ArchiveListing {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

    private ArchiveListing() {
    }

    public static String render(Archive archive) {
        return render(archive, false);
    }

    /** With {@code verbose}, every entry is listed, each followed by its dependencies, as pg_restore -l -v. */
    public static String render(Archive archive, boolean verbose) {
        ArchiveHeader h = archive.header();
        StringBuilder sb = new StringBuilder();
        ZonedDateTime created = h.createdAt().atZone(ZoneId.systemDefault());
        sb.append(";\n; Archive created at ").append(STAMP.format(created)).append('\n');
        sb.append(";     dbname: ").append(sanitize(h.databaseName(), false)).append('\n');
        sb.append(";     TOC Entries: ").append(archive.entries().size()).append('\n');
        sb.append(";     Compression: ").append(compression(h)).append('\n');
        sb.append(";     Dump Version: ").append(h.version()).append('\n');
        sb.append(";     Format: ").append(h.format().listingName()).append('\n');
        sb.append(";     Integer: ").append(h.intSize()).append(" bytes\n");
        sb.append(";     Offset: ").append(h.offSize()).append(" bytes\n");
        if (h.serverVersion() != null) {
            sb.append(";     Dumped from database version: ").append(h.serverVersion()).append('\n');
        }
        if (h.pgDumpVersion() != null) {
            sb.append(";     Dumped by pg_dump version: ").append(h.pgDumpVersion()).append('\n');
        }
        sb.append(";\n;\n; Selected TOC Entries:\n;\n");
        Section cur = Section.PRE_DATA;
        for (TocEntry e : archive.entries()) {
            if (e.section() != Section.NONE) {
                cur = e.section();
            }
            if (verbose || isListed(e)) {
                sb.append(line(e)).append('\n');
            }
            if (verbose && !e.dependencies().isEmpty()) {
                sb.append(";\tdepends on:");
                for (int d : e.dependencies()) {
                    sb.append(' ').append(d);
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** One entry's line: {@code 3340; 0 35311 TABLE DATA public docs postgres}. */
    public static String line(TocEntry e) {
        return e.dumpId() + "; " + e.tableOid() + " " + e.oid() + " " + e.desc() + " "
                + sanitize(e.namespace(), true) + " " + sanitize(e.tag(), false) + " " + sanitize(e.owner(), false);
    }

    /**
     * Whether a restore with default options processes the entry, i.e. whether pg_restore -l
     * lists it ({@code _tocEntryRequired} without selection options): not ENCODING, STDSTRINGS,
     * SEARCHPATH (applied at once), not DATABASE, DATABASE PROPERTIES or properties of the
     * database (only with --create), and only if it has a schema part (a definition) or data.
     */
    public static boolean isListed(TocEntry e) {
        String desc = e.desc() == null ? "" : e.desc();
        String tag = e.tag() == null ? "" : e.tag();
        switch (desc) {
            case "ENCODING", "STDSTRINGS", "SEARCHPATH", "DATABASE", "DATABASE PROPERTIES":
                return false;
            default:
                break;
        }
        if ((desc.equals("ACL") || desc.equals("COMMENT") || desc.equals("SECURITY LABEL"))
                && tag.startsWith("DATABASE ")) {
            return false;
        }
        if (desc.equals("<Init>") && tag.equals("Max OID")) {
            return false;
        }
        boolean data = true;
        boolean schema = true;
        if (!e.hadDumper()) {
            boolean loRelated = tag.startsWith("LARGE OBJECT")
                    && (desc.equals("ACL") || desc.equals("COMMENT") || desc.equals("SECURITY LABEL"));
            if (desc.equals("SEQUENCE SET") || desc.equals("BLOB") || desc.equals("BLOB METADATA") || loRelated) {
                schema = false;
            } else {
                data = false;
            }
        }
        String defn = e.defn();
        if (defn == null || defn.isEmpty() || defn.startsWith("-- load via partition root ")) {
            schema = false;
        }
        return data || schema;
    }

    /** pg_restore's compression line: the zlib level up to 1.14, the algorithm name from 1.15. */
    private static String compression(ArchiveHeader h) {
        Compression c = h.compression();
        return c.levelStored() ? Integer.toString(c.level()) : c.algorithm().pgName();
    }

    /** {@code sanitize_line}: newlines become spaces; null is "", and with want_hyphen "" is "-". */
    static String sanitize(String s, boolean wantHyphen) {
        if (s == null || s.isEmpty()) {
            return wantHyphen ? "-" : "";
        }
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
