package io.pgbarge.archive;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The Java charset for a PostgreSQL encoding name, used to decode the TOC's strings (pg_dump sets
 * client_encoding to the database's encoding and records it in the ENCODING entry). SQL_ASCII and
 * anything unknown decode as ISO-8859-1, which keeps every byte.
 */
final class PgEncoding {
    private static final Map<String, String> JAVA_NAMES = Map.ofEntries(
            Map.entry("UTF8", "UTF-8"),
            Map.entry("UNICODE", "UTF-8"),
            Map.entry("LATIN1", "ISO-8859-1"),
            Map.entry("LATIN2", "ISO-8859-2"),
            Map.entry("LATIN3", "ISO-8859-3"),
            Map.entry("LATIN4", "ISO-8859-4"),
            Map.entry("LATIN5", "ISO-8859-9"),
            Map.entry("LATIN6", "ISO-8859-10"),
            Map.entry("LATIN7", "ISO-8859-13"),
            Map.entry("LATIN8", "ISO-8859-14"),
            Map.entry("LATIN9", "ISO-8859-15"),
            Map.entry("LATIN10", "ISO-8859-16"),
            Map.entry("ISO_8859_5", "ISO-8859-5"),
            Map.entry("ISO_8859_6", "ISO-8859-6"),
            Map.entry("ISO_8859_7", "ISO-8859-7"),
            Map.entry("ISO_8859_8", "ISO-8859-8"),
            Map.entry("WIN866", "IBM866"),
            Map.entry("WIN874", "x-windows-874"),
            Map.entry("WIN1250", "windows-1250"),
            Map.entry("WIN1251", "windows-1251"),
            Map.entry("WIN1252", "windows-1252"),
            Map.entry("WIN1253", "windows-1253"),
            Map.entry("WIN1254", "windows-1254"),
            Map.entry("WIN1255", "windows-1255"),
            Map.entry("WIN1256", "windows-1256"),
            Map.entry("WIN1257", "windows-1257"),
            Map.entry("WIN1258", "windows-1258"),
            Map.entry("KOI8R", "KOI8-R"),
            Map.entry("KOI8U", "KOI8-U"),
            Map.entry("EUC_JP", "EUC-JP"),
            Map.entry("EUC_KR", "EUC-KR"),
            Map.entry("EUC_CN", "GB2312"),
            Map.entry("EUC_TW", "x-EUC-TW"),
            Map.entry("SJIS", "Shift_JIS"),
            Map.entry("BIG5", "Big5"),
            Map.entry("GBK", "GBK"),
            Map.entry("GB18030", "GB18030"),
            Map.entry("UHC", "x-windows-949"),
            Map.entry("JOHAB", "x-Johab"));

    private PgEncoding() {
    }

    static Charset charset(String pgName) {
        if (pgName == null) {
            return StandardCharsets.UTF_8;
        }
        String key = pgName.toUpperCase(Locale.ROOT).replace("-", "_");
        if (key.equals("UTF_8")) {
            key = "UTF8";
        }
        String java = JAVA_NAMES.get(key);
        if (java == null) {
            return StandardCharsets.ISO_8859_1;
        }
        try {
            return Charset.forName(java);
        } catch (RuntimeException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }

    /** The encoding named in an ENCODING entry's defn: {@code SET client_encoding = 'UTF8';}. */
    static String fromEncodingDefn(String defn) {
        if (defn == null) {
            return null;
        }
        int a = defn.indexOf('\'');
        int b = a < 0 ? -1 : defn.indexOf('\'', a + 1);
        return b > a ? defn.substring(a + 1, b) : null;
    }
}
