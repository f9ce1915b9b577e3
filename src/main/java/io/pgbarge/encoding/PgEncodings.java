package io.pgbarge.encoding;

import java.nio.charset.Charset;
import java.util.Map;
import java.util.Optional;

/**
 * PostgreSQL's encoding names, their aliases, and the Java charsets that decode them: one table for
 * the archive reader and writer and the plain-script reader.
 */
public final class PgEncodings {
    private PgEncodings() {
    }

    /** PostgreSQL's canonical encoding names → Java charset names. */
    private static final Map<String, String> JAVA = Map.ofEntries(
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
            Map.entry("SJIS", "windows-31j"),
            Map.entry("BIG5", "Big5"),
            Map.entry("GBK", "GBK"),
            Map.entry("GB18030", "GB18030"),
            Map.entry("UHC", "x-windows-949"),
            Map.entry("JOHAB", "x-Johab"));

    /** PostgreSQL's aliases (pg_char_to_encoding, after removing punctuation and lowering case). */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("utf8", "UTF8"), Map.entry("unicode", "UTF8"),
            Map.entry("sqlascii", "SQL_ASCII"),
            Map.entry("latin1", "LATIN1"), Map.entry("iso88591", "LATIN1"),
            Map.entry("latin2", "LATIN2"), Map.entry("iso88592", "LATIN2"),
            Map.entry("latin3", "LATIN3"), Map.entry("iso88593", "LATIN3"),
            Map.entry("latin4", "LATIN4"), Map.entry("iso88594", "LATIN4"),
            Map.entry("latin5", "LATIN5"), Map.entry("iso88599", "LATIN5"),
            Map.entry("latin6", "LATIN6"), Map.entry("iso885910", "LATIN6"),
            Map.entry("latin7", "LATIN7"), Map.entry("iso885913", "LATIN7"),
            Map.entry("latin8", "LATIN8"), Map.entry("iso885914", "LATIN8"),
            Map.entry("latin9", "LATIN9"), Map.entry("iso885915", "LATIN9"),
            Map.entry("latin10", "LATIN10"), Map.entry("iso885916", "LATIN10"),
            Map.entry("iso88595", "ISO_8859_5"), Map.entry("iso88596", "ISO_8859_6"),
            Map.entry("iso88597", "ISO_8859_7"), Map.entry("iso88598", "ISO_8859_8"),
            Map.entry("win866", "WIN866"), Map.entry("alt", "WIN866"),
            Map.entry("win874", "WIN874"),
            Map.entry("win1250", "WIN1250"), Map.entry("win1251", "WIN1251"), Map.entry("win", "WIN1251"),
            Map.entry("win1252", "WIN1252"), Map.entry("win1253", "WIN1253"), Map.entry("win1254", "WIN1254"),
            Map.entry("win1255", "WIN1255"), Map.entry("win1256", "WIN1256"), Map.entry("win1257", "WIN1257"),
            Map.entry("win1258", "WIN1258"), Map.entry("abc", "WIN1258"), Map.entry("tcvn", "WIN1258"),
            Map.entry("tcvn5712", "WIN1258"), Map.entry("vscii", "WIN1258"),
            Map.entry("koi8", "KOI8R"), Map.entry("koi8r", "KOI8R"), Map.entry("koi8u", "KOI8U"),
            Map.entry("eucjp", "EUC_JP"), Map.entry("euckr", "EUC_KR"), Map.entry("euccn", "EUC_CN"),
            Map.entry("euctw", "EUC_TW"),
            Map.entry("sjis", "SJIS"), Map.entry("shiftjis", "SJIS"), Map.entry("mskanji", "SJIS"),
            Map.entry("big5", "BIG5"), Map.entry("gbk", "GBK"), Map.entry("cp936", "GBK"),
            Map.entry("gb18030", "GB18030"), Map.entry("uhc", "UHC"), Map.entry("cp949", "UHC"),
            Map.entry("johab", "JOHAB"));

    /**
     * The canonical name (UTF8, LATIN1, WIN1252, SQL_ASCII, …) of a PostgreSQL encoding name or alias,
     * compared as PostgreSQL does: punctuation dropped, case ignored.
     */
    public static Optional<String> canonical(String pgName) {
        if (pgName == null) {
            return Optional.empty();
        }
        StringBuilder key = new StringBuilder();
        for (char c : pgName.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 0x80) {
                key.append(Character.toLowerCase(c));
            }
        }
        return Optional.ofNullable(ALIASES.get(key.toString()));
    }

    /**
     * The Java charset for an encoding name or alias; UTF8 is UTF-8; SQL_ASCII and unknown names give
     * empty (callers decide: keep bytes as ISO-8859-1, or refuse).
     */
    public static Optional<Charset> charset(String pgName) {
        Optional<String> c = canonical(pgName);
        if (c.isEmpty() || c.get().equals("SQL_ASCII")) {
            return Optional.empty();
        }
        if (c.get().equals("UTF8")) {
            return Optional.of(java.nio.charset.StandardCharsets.UTF_8);
        }
        try {
            return Optional.of(Charset.forName(JAVA.get(c.get())));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
