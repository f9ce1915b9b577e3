package io.pgbarge.archive.write;

import io.pgbarge.archive.TocEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL text pg_restore prints for a TOC ({@code RestoreArchive} with default options, no
 * database connection): the header SETs, each entry's comment header, definition and
 * {@code ALTER … OWNER TO}, the data entries' COPY statements, in pg_restore's three passes
 * (main, ACLs, post-ACL). Stateful: it remembers the tablespace and table access method last set.
 */
final class ScriptRenderer {

    /** One thing to print: an entry's definition, or an entry's data. */
    record Step(TocEntry entry, boolean data) {
    }

    private static final int REQ_SCHEMA = 1;
    private static final int REQ_DATA = 2;
    private static final int LO_BUF = 16384;

    private final ArchiveWriteOptions options;
    private final List<TocEntry> toc;
    private final boolean restoreSql;
    private String currTablespace;
    private String currTableAm;
    private boolean stdStrings = true;
    private String encoding = "UTF8";
    private String searchPath;

    /**
     * @param restoreSql whether this is a tar archive's restore.sql, whose data entries point at the
     *                   member files ({@code $$PATH$$/3340.dat}) instead of holding the data
     */
    ScriptRenderer(ArchiveWriteOptions options, List<TocEntry> toc, boolean restoreSql) {
        this.options = options;
        this.toc = toc;
        this.restoreSql = restoreSql;
        for (TocEntry e : toc) {
            String d = e.defn() == null ? "" : e.defn();
            switch (e.desc()) {
                case "ENCODING" -> {
                    Matcher m = Pattern.compile("'([^']*)'").matcher(d);
                    if (m.find()) {
                        encoding = m.group(1);
                    }
                }
                case "STDSTRINGS" -> stdStrings = d.toLowerCase(Locale.ROOT).contains("'on'");
                case "SEARCHPATH" -> searchPath = d;
                default -> {
                }
            }
        }
    }

    boolean stdStrings() {
        return stdStrings;
    }

    static int reqs(TocEntry te) {
        String desc = te.desc();
        if (desc.equals("ENCODING") || desc.equals("STDSTRINGS") || desc.equals("SEARCHPATH")
                || desc.equals("DATABASE") || desc.equals("DATABASE PROPERTIES")) {
            return 0;
        }
        int res = REQ_SCHEMA | REQ_DATA;
        String tag = te.tag() == null ? "" : te.tag();
        if (!te.hadDumper()) {
            boolean lo = tag.startsWith("LARGE OBJECT");
            if (desc.equals("SEQUENCE SET") || desc.equals("BLOB") || desc.equals("BLOB METADATA")
                    || ((desc.equals("ACL") || desc.equals("COMMENT") || desc.equals("SECURITY LABEL")) && lo)) {
                res &= REQ_DATA;
            } else {
                res &= ~REQ_DATA;
            }
        }
        if (te.defn() == null || te.defn().isEmpty() || te.defn().startsWith("-- load via partition root ")) {
            res &= ~REQ_SCHEMA;
        }
        return res;
    }

    private static int pass(TocEntry te) {
        String d = te.desc();
        if (d.equals("ACL") || d.equals("ACL LANGUAGE") || d.equals("DEFAULT ACL")) {
            return 1;
        }
        if (d.equals("EVENT TRIGGER") || d.equals("MATERIALIZED VIEW DATA")) {
            return 2;
        }
        if ((d.equals("COMMENT") || d.equals("SECURITY LABEL")) && te.tag() != null && te.tag().startsWith("EVENT TRIGGER ")) {
            return 2;
        }
        if (d.equals("STATISTICS DATA") && te.section() == io.pgbarge.archive.Section.POST_DATA) {
            return 2;
        }
        return 0;
    }

    /** What gets printed, in order. */
    List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            for (TocEntry te : toc) {
                int r = reqs(te);
                if (r == 0 || pass(te) != p) {
                    continue;
                }
                boolean defnDumped = false;
                if ((r & REQ_SCHEMA) != 0) {
                    steps.add(new Step(te, false));
                    defnDumped = true;
                }
                if ((r & REQ_DATA) != 0) {
                    if (te.hadDumper()) {
                        steps.add(new Step(te, true));
                    } else if (!defnDumped) {
                        steps.add(new Step(te, false));
                    }
                }
            }
        }
        return steps;
    }

    /** {@code RestoreArchive}'s start: the banner, the versions and {@code _doSetFixedOutputState}. */
    String header() {
        StringBuilder sb = new StringBuilder();
        sb.append("--\n-- PostgreSQL database dump\n--\n\n");
        if (options.restrictKey() != null) {
            sb.append("\\restrict ").append(options.restrictKey()).append("\n\n");
        }
        sb.append("-- Dumped from database version ").append(sanitize(options.serverVersion(), false)).append('\n');
        sb.append("-- Dumped by pg_dump version ").append(sanitize(options.dumperVersion(), false)).append('\n');
        sb.append('\n');
        sb.append("SET statement_timeout = 0;\n");
        sb.append("SET lock_timeout = 0;\n");
        sb.append("SET idle_in_transaction_session_timeout = 0;\n");
        if (options.targetMajor() >= 17) {
            sb.append("SET transaction_timeout = 0;\n");
        }
        sb.append("SET client_encoding = '").append(encoding).append("';\n");
        sb.append("SET standard_conforming_strings = ").append(stdStrings ? "on" : "off").append(";\n");
        if (searchPath != null) {
            sb.append(searchPath);
        }
        sb.append("SET check_function_bodies = false;\n");
        sb.append("SET xmloption = content;\n");
        sb.append("SET client_min_messages = warning;\n");
        if (!stdStrings) {
            sb.append("SET escape_string_warning = off;\n");
        }
        sb.append("SET row_security = off;\n");
        sb.append('\n');
        return sb.toString();
    }

    String footer() {
        StringBuilder sb = new StringBuilder("--\n-- PostgreSQL database dump complete\n--\n\n");
        if (options.restrictKey() != null) {
            sb.append("\\unrestrict ").append(options.restrictKey()).append("\n\n");
        }
        return sb.toString();
    }

    /** A definition step: {@code _printTocEntry(AH, te, "")}. */
    String schema(TocEntry te) {
        StringBuilder sb = new StringBuilder();
        printTocEntry(sb, te, "");
        return sb.toString();
    }

    /**
     * The text before a data entry's data: its comment header and, for COPY data, the COPY
     * statement. In restore.sql mode, the whole entry (it points at the member file).
     */
    String dataStart(TocEntry te, String fileName) {
        StringBuilder sb = new StringBuilder();
        printTocEntry(sb, te, "Data for ");
        boolean lo = te.isLargeObjects() || "BLOB COMMENTS".equals(te.desc());
        if (restoreSql) {
            if (!lo && te.copyStmt() != null && !te.copyStmt().isEmpty()) {
                sb.append(te.copyStmt());
                sb.append("\\.\n");
                String c = te.copyStmt();
                String from = " FROM stdin;\n";
                sb.append(c.endsWith(from) ? c.substring(0, c.length() - from.length()) : c.strip())
                        .append(" FROM '$$PATH$$/").append(fileName).append("';\n\n");
            } else {
                sb.append("\\i $$PATH$$/").append(fileName).append("\n\n");
            }
            return sb.toString();
        }
        if (te.isLargeObjects()) {
            sb.append("BEGIN;\n\n");
        } else if (te.copyStmt() != null && !te.copyStmt().isEmpty()) {
            sb.append(te.copyStmt());
        }
        return sb.toString();
    }

    /** The text after a data entry's data (the end of the large objects' transaction). */
    String dataEnd(TocEntry te) {
        return !restoreSql && te.isLargeObjects() ? "COMMIT;\n\n" : "";
    }

    private void printTocEntry(StringBuilder sb, TocEntry te, String pfx) {
        selectTablespace(sb, te.tablespace());
        if (te.relkind() != 'p') {
            selectTableAm(sb, te.tableam());
        }
        sb.append("--\n");
        sb.append("-- ").append(pfx).append("Name: ").append(sanitize(te.tag(), false)).append("; Type: ")
                .append(te.desc()).append("; Schema: ").append(sanitize(te.namespace(), true)).append("; Owner: ")
                .append(sanitize(te.owner(), true));
        if (te.tablespace() != null && !te.tablespace().isEmpty()) {
            sb.append("; Tablespace: ").append(sanitize(te.tablespace(), false));
        }
        sb.append("\n--\n\n");
        if ("BLOB METADATA".equals(te.desc())) {
            perBlob(sb, te, "SELECT pg_catalog.lo_create('", "')");
        } else if (te.defn() != null && !te.defn().isEmpty()) {
            sb.append(te.defn()).append("\n\n");
        }
        if (te.owner() != null && !te.owner().isEmpty() && te.dropStmt() != null && !te.dropStmt().isEmpty()) {
            if ("BLOB METADATA".equals(te.desc())) {
                perBlob(sb, te, "ALTER LARGE OBJECT ", " OWNER TO " + SqlIdentifiers.quote(te.owner()));
            } else {
                String obj = objectDescription(te);
                if (obj != null && !obj.isEmpty()) {
                    sb.append("ALTER ").append(obj).append(" OWNER TO ").append(SqlIdentifiers.quote(te.owner()))
                            .append(";\n\n");
                }
            }
        }
        if (te.relkind() == 'p' && te.tableam() != null) {
            sb.append("ALTER TABLE ").append(qualified(te)).append(" SET ACCESS METHOD ")
                    .append(SqlIdentifiers.quote(te.tableam())).append(";\n\n");
        }
    }

    private static void perBlob(StringBuilder sb, TocEntry te, String prefix, String suffix) {
        for (String line : te.defn().split("\n")) {
            String oid = line.trim();
            if (!oid.isEmpty()) {
                sb.append(prefix).append(oid).append(suffix).append(";\n");
            }
        }
        sb.append('\n');
    }

    private static String qualified(TocEntry te) {
        return (te.namespace() != null && !te.namespace().isEmpty() ? SqlIdentifiers.quote(te.namespace()) + "." : "")
                + SqlIdentifiers.quote(te.tag());
    }

    /** {@code _getObjectDescription}: what follows ALTER in ALTER … OWNER TO, or null when the type has no owner. */
    static String objectDescription(TocEntry te) {
        String type = te.desc();
        switch (type) {
            case "COLLATION", "CONVERSION", "DOMAIN", "FOREIGN TABLE", "MATERIALIZED VIEW", "SEQUENCE", "STATISTICS",
                 "TABLE", "TEXT SEARCH DICTIONARY", "TEXT SEARCH CONFIGURATION", "TYPE", "VIEW", "DATABASE",
                 "PROCEDURAL LANGUAGE", "SCHEMA", "EVENT TRIGGER", "FOREIGN DATA WRAPPER", "SERVER", "PUBLICATION",
                 "SUBSCRIPTION" -> {
                // pg_dump up to 16 writes ALTER TABLE for views and sequences; every server accepts it
                String t = type.equals("VIEW") || type.equals("SEQUENCE") || type.equals("MATERIALIZED VIEW")
                        ? "TABLE" : type;
                return t + " " + qualified(te);
            }
            case "BLOB" -> {
                return "LARGE OBJECT " + te.tag();
            }
            case "AGGREGATE", "FUNCTION", "OPERATOR", "OPERATOR CLASS", "OPERATOR FAMILY", "PROCEDURE" -> {
                String d = te.dropStmt();
                if (!d.startsWith("DROP ")) {
                    return null;
                }
                String s = d.substring(5);
                int end = s.length();
                while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == ';')) {
                    end--;
                }
                return s.substring(0, end);
            }
            default -> {
                return null;
            }
        }
    }

    private void selectTablespace(StringBuilder sb, String want) {
        if (want == null || want.equals(currTablespace)) {
            return;
        }
        if (want.isEmpty()) {
            sb.append("SET default_tablespace = '';\n\n");
        } else {
            sb.append("SET default_tablespace = ").append(SqlIdentifiers.quote(want)).append(";\n\n");
        }
        currTablespace = want;
    }

    private void selectTableAm(StringBuilder sb, String want) {
        if (want == null || want.equals(currTableAm)) {
            return;
        }
        sb.append("SET default_table_access_method = ").append(SqlIdentifiers.quote(want)).append(";\n\n");
        currTableAm = want;
    }

    /** {@code sanitize_line}: newlines become spaces; null (and "" when wanted) becomes "-". */
    static String sanitize(String s, boolean wantHyphen) {
        if (s == null) {
            return wantHyphen ? "-" : "";
        }
        if (wantHyphen && s.isEmpty()) {
            return "-";
        }
        return s.replace('\n', ' ').replace('\r', ' ');
    }

    // ---- large objects as SQL ----

    static String loOpen(long oid) {
        return "SELECT pg_catalog.lo_open('" + oid + "', 131072);\n";
    }

    static String loClose() {
        return "SELECT pg_catalog.lo_close(0);\n\n";
    }

    /** {@code dump_lo_buf}: one lowrite of up to 16384 bytes as a bytea literal. */
    static String loWrite(byte[] b, int off, int len, boolean stdStrings) {
        StringBuilder sb = new StringBuilder(40 + 2 * len);
        sb.append("SELECT pg_catalog.lowrite(0, ");
        sb.append(stdStrings ? "'\\x" : "E'\\\\x");
        final char[] hex = "0123456789abcdef".toCharArray();
        for (int i = off; i < off + len; i++) {
            sb.append(hex[(b[i] >> 4) & 0xF]).append(hex[b[i] & 0xF]);
        }
        sb.append("');\n");
        return sb.toString();
    }

    static int loBufferSize() {
        return LO_BUF;
    }
}
