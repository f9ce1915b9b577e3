package io.pgbarge.csv;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The column types {@code --create} chooses from, narrowest first: a column gets the first type that
 * accepts every non-NULL value of the column. Each test accepts only spellings PostgreSQL's input
 * function accepts too (a stricter subset: ISO dates, no surrounding spaces), so that an inferred
 * column never rejects a value it was inferred from.
 */
enum ColumnType {
    INTEGER("integer"),
    BIGINT("bigint"),
    NUMERIC("numeric"),
    DOUBLE("double precision"),
    BOOLEAN("boolean"),
    DATE("date"),
    TIMESTAMP("timestamp"),
    TIMESTAMPTZ("timestamptz"),
    UUID("uuid"),
    JSONB("jsonb"),
    TEXT("text");

    final String sql;

    ColumnType(String sql) {
        this.sql = sql;
    }

    static final int ALL = (1 << values().length) - 1;
    private static final ColumnType[] VALUES = values();
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final Pattern INTEGER_TEXT = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL_TEXT = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)");
    private static final Pattern EXPONENT_TEXT = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)[eE][+-]?[0-9]{1,4}");
    private static final Pattern FLOAT_WORD = Pattern.compile("[+-]?(inf|infinity)|nan", Pattern.CASE_INSENSITIVE);
    private static final Pattern BOOL_TEXT = Pattern.compile("(?i)t|f|true|false|y|n|yes|no|on|off|1|0");
    private static final Pattern DATE_TEXT = Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})");
    private static final Pattern TIMESTAMP_TEXT = Pattern.compile(
            "([0-9]{4})-([0-9]{2})-([0-9]{2})[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\\.[0-9]{1,6})?)?"
                    + "(Z|z|[+-][0-9]{2}(?::?[0-9]{2})?)?");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final JsonFactory JSON = new JsonFactory();

    /** The types (a bit per ordinal) that accept {@code v}, testing only those still in {@code candidates}. */
    static int fits(String v, int candidates) {
        int m = 1 << TEXT.ordinal();
        if (v.isEmpty()) {
            return m; // a quoted "" is an empty string: only text takes it
        }
        char c0 = v.charAt(0);
        boolean numeric = (c0 >= '0' && c0 <= '9') || c0 == '-' || c0 == '+' || c0 == '.';
        if (numeric && (candidates & (bit(INTEGER) | bit(BIGINT) | bit(NUMERIC) | bit(DOUBLE))) != 0) {
            m |= numbers(v);
        }
        if ((m & bit(DOUBLE)) == 0 && (candidates & bit(DOUBLE)) != 0 && v.length() <= 9
                && FLOAT_WORD.matcher(v).matches()) {
            m |= bit(DOUBLE);
        }
        if ((candidates & bit(BOOLEAN)) != 0 && v.length() <= 5 && BOOL_TEXT.matcher(v).matches()) {
            m |= bit(BOOLEAN);
        }
        if ((candidates & (bit(DATE) | bit(TIMESTAMP) | bit(TIMESTAMPTZ))) != 0 && c0 >= '0' && c0 <= '9'
                && v.length() >= 10 && v.charAt(4) == '-') {
            m |= times(v);
        }
        if ((candidates & bit(UUID)) != 0 && v.length() == 36 && UUID_TEXT.matcher(v).matches()) {
            m |= bit(UUID);
        }
        if ((candidates & bit(JSONB)) != 0 && (c0 == '{' || c0 == '[') && json(v)) {
            m |= bit(JSONB);
        }
        return m;
    }

    /** The narrowest type among {@code mask}; text when nothing else is left (or the column was all NULL). */
    static ColumnType narrowest(int mask, boolean sawValue) {
        if (!sawValue) {
            return TEXT;
        }
        for (ColumnType t : VALUES) {
            if ((mask & bit(t)) != 0) {
                return t;
            }
        }
        return TEXT;
    }

    static int bit(ColumnType t) {
        return 1 << t.ordinal();
    }

    private static int numbers(String v) {
        if (INTEGER_TEXT.matcher(v).matches()) {
            BigInteger i = new BigInteger(v.startsWith("+") ? v.substring(1) : v);
            int m = bit(NUMERIC) | bit(DOUBLE);
            if (i.compareTo(LONG_MIN) >= 0 && i.compareTo(LONG_MAX) <= 0) {
                m |= bit(BIGINT);
                if (i.compareTo(INT_MIN) >= 0 && i.compareTo(INT_MAX) <= 0) {
                    m |= bit(INTEGER);
                }
            }
            return m;
        }
        if (DECIMAL_TEXT.matcher(v).matches()) {
            return bit(NUMERIC) | bit(DOUBLE);
        }
        if (EXPONENT_TEXT.matcher(v).matches()) {
            // scientific notation reads as a measurement: double precision, unless a double cannot hold it
            double d = Double.parseDouble(v);
            return Double.isInfinite(d) || (d == 0 && v.matches(".*[1-9].*[eE].*")) ? bit(NUMERIC) : bit(DOUBLE);
        }
        return 0;
    }

    private static int times(String v) {
        Matcher d = DATE_TEXT.matcher(v);
        if (d.matches()) {
            return validDate(d.group(1), d.group(2), d.group(3))
                    ? bit(DATE) | bit(TIMESTAMP) | bit(TIMESTAMPTZ) : 0;
        }
        Matcher t = TIMESTAMP_TEXT.matcher(v);
        if (!t.matches() || !validDate(t.group(1), t.group(2), t.group(3))) {
            return 0;
        }
        try {
            LocalTime.of(Integer.parseInt(t.group(4)), Integer.parseInt(t.group(5)),
                    t.group(6) == null ? 0 : Integer.parseInt(t.group(6)));
        } catch (DateTimeException e) {
            return 0;
        }
        return t.group(7) == null ? bit(TIMESTAMP) | bit(TIMESTAMPTZ) : bit(TIMESTAMPTZ);
    }

    private static boolean validDate(String y, String m, String d) {
        try {
            LocalDate.of(Integer.parseInt(y), Integer.parseInt(m), Integer.parseInt(d));
            return !y.equals("0000"); // PostgreSQL has no year 0
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean json(String v) {
        if (v.indexOf("\\u0000") >= 0) {
            return false; // jsonb cannot store NUL
        }
        try (JsonParser p = JSON.createParser(v)) {
            if (p.nextToken() == null) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return sql.toLowerCase(Locale.ROOT);
    }
}
