package io.pgbarge.script;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A PostgreSQL client encoding as the script reader uses it: how the bytes of a script are turned into
 * characters. Names follow PostgreSQL ({@code UTF8}, {@code LATIN1}, {@code WIN1252}, {@code SQL_ASCII},
 * …) with its aliases and its spelling rules (case and punctuation are ignored: {@code utf-8} is UTF8).
 *
 * <p>{@code SQL_ASCII} is "no encoding": each byte becomes the char of the same value (0–255), and COPY
 * rows are passed through untouched. Every other encoding is decoded exactly, and a byte sequence that is
 * not valid in it is an error rather than a replacement character.
 */
public final class ScriptEncoding {

    /** How bytes become chars. */
    enum Kind {
        /** UTF-8, decoded by hand (the fast, common path). */
        UTF8,
        /** SQL_ASCII: byte value = char value, no validation. */
        RAW,
        /** A single-byte encoding, decoded through a 256-entry table. */
        SINGLE_BYTE,
        /** A multi-byte encoding other than UTF-8 (EUC_JP, SJIS, GBK, …), decoded one char at a time. */
        MULTI_BYTE
    }

    /** Marks a byte that has no character in a single-byte encoding. */
    static final char UNMAPPED = '\uFFFF';

    public static final ScriptEncoding UTF8 = new ScriptEncoding("UTF8", StandardCharsets.UTF_8, Kind.UTF8, null);
    public static final ScriptEncoding SQL_ASCII = new ScriptEncoding("SQL_ASCII", StandardCharsets.ISO_8859_1, Kind.RAW, null);

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

    private final String name;
    private final Charset charset;
    private final Kind kind;
    private final char[] table;

    private ScriptEncoding(String name, Charset charset, Kind kind, char[] table) {
        this.name = name;
        this.charset = charset;
        this.kind = kind;
        this.table = table;
    }

    /**
     * The encoding of a PostgreSQL name or alias, e.g. {@code 'UTF8'}, {@code 'utf-8'}, {@code 'LATIN1'},
     * {@code 'win1252'}, {@code 'SQL_ASCII'}.
     *
     * @throws IllegalArgumentException when PostgreSQL has no such client encoding, or Java cannot decode it
     */
    public static ScriptEncoding forName(String pgName) {
        StringBuilder key = new StringBuilder();
        for (char c : pgName.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 0x80) {
                key.append(Character.toLowerCase(c));
            }
        }
        String canonical = ALIASES.get(key.toString());
        if (canonical == null) {
            throw new IllegalArgumentException("unknown client encoding \"" + pgName + "\"");
        }
        if (canonical.equals("UTF8")) {
            return UTF8;
        }
        if (canonical.equals("SQL_ASCII")) {
            return SQL_ASCII;
        }
        Charset cs;
        try {
            cs = Charset.forName(JAVA.get(canonical));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("client encoding " + canonical + " is not supported by this Java runtime", e);
        }
        if (cs.newEncoder().maxBytesPerChar() <= 1.0f) {
            return new ScriptEncoding(canonical, cs, Kind.SINGLE_BYTE, singleByteTable(cs));
        }
        return new ScriptEncoding(canonical, cs, Kind.MULTI_BYTE, null);
    }

    private static char[] singleByteTable(Charset cs) {
        char[] t = new char[256];
        CharsetDecoder d = cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        for (int b = 0; b < 256; b++) {
            try {
                CharBuffer out = d.reset().decode(ByteBuffer.wrap(new byte[] {(byte) b}));
                t[b] = out.length() == 1 ? out.get(0) : UNMAPPED;
            } catch (CharacterCodingException e) {
                t[b] = UNMAPPED;
            }
        }
        return t;
    }

    /** The canonical PostgreSQL name: UTF8, LATIN1, WIN1252, SQL_ASCII, … */
    public String name() {
        return name;
    }

    /** The Java charset (ISO-8859-1 for SQL_ASCII, whose bytes are kept as they are). */
    public Charset charset() {
        return charset;
    }

    /** Whether this is SQL_ASCII: bytes are not decoded, COPY rows pass through unchanged. */
    public boolean isRaw() {
        return kind == Kind.RAW;
    }

    /** Whether COPY rows in this encoding can be passed on as they are to a UTF-8 connection. */
    boolean passesThrough() {
        return kind == Kind.UTF8 || kind == Kind.RAW;
    }

    Kind kind() {
        return kind;
    }

    /** The char of a byte in a single-byte encoding, or {@link #UNMAPPED}. */
    char decodeSingle(int b) {
        return table[b];
    }

    /** A fresh decoder that reports bad input. */
    CharsetDecoder newDecoder() {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    @Override
    public String toString() {
        return name;
    }
}
