package io.pgbarge.csv;

import io.pgbarge.encoding.PgEncodings;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * How the input files are written: one-byte delimiter, quote and escape (as COPY's CSV format allows),
 * the NULL string, whether the first record is a header, and the input encoding.
 *
 * <p>TSV is this format with a tab delimiter: quotes keep their CSV meaning, as spreadsheets write
 * tab-separated files (a field holding a tab or a newline is quoted).
 *
 * @param encoding PostgreSQL's canonical name of the input encoding (UTF8, LATIN1, WIN1252…)
 */
public record CsvFormat(byte delimiter, byte quote, byte escape, String nullString, boolean header,
                        String encoding) {

    /**
     * Encodings whose multi-byte characters may contain bytes in the ASCII range: the record scanner
     * works on bytes, so these are converted to UTF-8 in Java first (PostgreSQL calls them client-only).
     */
    private static final Set<String> ASCII_UNSAFE = Set.of("SJIS", "BIG5", "GBK", "UHC", "GB18030", "JOHAB");

    public static CsvFormat csv() {
        return new CsvFormat((byte) ',', (byte) '"', (byte) '"', "", true, "UTF8");
    }

    /**
     * The format from the command's flags; throws IllegalArgumentException with the user's mistake.
     *
     * @param delimiter null for ',' (or a tab with {@code tsv})
     */
    public static CsvFormat of(String delimiter, String quote, String escape, String nullString, boolean header,
                               String encoding, boolean tsv) {
        byte d = delimiter == null ? (byte) (tsv ? '\t' : ',') : single("--delimiter", delimiter);
        byte q = quote == null ? (byte) '"' : single("--quote", quote);
        byte e = escape == null ? q : single("--escape", escape);
        if (d == q) {
            throw new IllegalArgumentException("--delimiter and --quote must differ (both are " + show(d) + ")");
        }
        if (d == '\n' || d == '\r' || q == '\n' || q == '\r' || e == '\n' || e == '\r') {
            throw new IllegalArgumentException("delimiter, quote and escape cannot be a newline or carriage return");
        }
        String n = nullString == null ? "" : nullString;
        if (n.indexOf('\n') >= 0 || n.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("--null cannot contain a newline or carriage return");
        }
        if (n.indexOf(d) >= 0) {
            throw new IllegalArgumentException("--null cannot contain the delimiter " + show(d));
        }
        String enc = "UTF8";
        if (encoding != null) {
            enc = PgEncodings.canonical(encoding).orElseThrow(() -> new IllegalArgumentException(
                    "unknown --encoding \"" + encoding + "\": give a PostgreSQL encoding name such as UTF8, LATIN1,"
                            + " WIN1252, LATIN9, SJIS"));
            if (enc.equals("SQL_ASCII")) {
                throw new IllegalArgumentException("--encoding SQL_ASCII says nothing about the bytes: give the"
                        + " file's real encoding (UTF8, LATIN1, WIN1252…)");
            }
            if (!enc.equals("UTF8") && PgEncodings.charset(enc).isEmpty()) {
                throw new IllegalArgumentException("--encoding " + encoding + " is not supported by this Java runtime");
            }
        }
        return new CsvFormat(d, q, e, n, header, enc);
    }

    private static byte single(String flag, String value) {
        String v = value.equals("\\t") ? "\t" : value;
        if (v.length() != 1 || v.charAt(0) >= 0x80) {
            throw new IllegalArgumentException(flag + " must be a single one-byte (ASCII) character, got \"" + value + "\"");
        }
        return (byte) v.charAt(0);
    }

    private static String show(byte b) {
        return b == '\t' ? "a tab" : "'" + (char) b + "'";
    }

    /** The Java charset that decodes the input (for the header, type inference and the rejects file). */
    public Charset charset() {
        if (encoding.equals("UTF8")) {
            return StandardCharsets.UTF_8;
        }
        Optional<Charset> c = PgEncodings.charset(encoding);
        return c.orElse(StandardCharsets.ISO_8859_1);
    }

    /** True when the bytes are converted to UTF-8 in Java before scanning (see {@link #ASCII_UNSAFE}). */
    public boolean transcodeInJava() {
        return ASCII_UNSAFE.contains(encoding);
    }

    /** The encoding of the bytes COPY receives. */
    public String copyEncoding() {
        return transcodeInJava() ? "UTF8" : encoding;
    }

    /** The WITH (…) options of {@code COPY … FROM STDIN}: the server parses the records itself. */
    public String copyOptions() {
        return "(FORMAT csv, DELIMITER " + literal(String.valueOf((char) delimiter))
                + ", QUOTE " + literal(String.valueOf((char) quote))
                + ", ESCAPE " + literal(String.valueOf((char) escape))
                + ", NULL " + literal(nullString)
                + ", ENCODING " + literal(copyEncoding()) + ")";
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
