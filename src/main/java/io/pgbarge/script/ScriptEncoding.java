package io.pgbarge.script;

import io.pgbarge.encoding.PgEncodings;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

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
        String canonical = PgEncodings.canonical(pgName).orElse(null);
        if (canonical == null) {
            throw new IllegalArgumentException("unknown client encoding \"" + pgName + "\"");
        }
        if (canonical.equals("UTF8")) {
            return UTF8;
        }
        if (canonical.equals("SQL_ASCII")) {
            return SQL_ASCII;
        }
        Charset cs = PgEncodings.charset(canonical).orElseThrow(() -> new IllegalArgumentException(
                "client encoding " + canonical + " is not supported by this Java runtime"));
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
