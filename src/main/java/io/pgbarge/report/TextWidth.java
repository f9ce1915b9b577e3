package io.pgbarge.report;

import org.jline.utils.WCWidth;

/**
 * Text measured in terminal columns rather than chars: a CJK character or most emoji take two columns,
 * a combining mark none, and a surrogate pair is one character. Lines wider than the terminal wrap and
 * break the cursor arithmetic of {@link LiveDisplay}, so everything it prints goes through here.
 * Widths come from JLine's wcwidth table (JLine is on the classpath through the progress-bar library).
 */
public final class TextWidth {
    /** Stands for what was cut out of a name. */
    static final String ELLIPSIS = "…";

    private TextWidth() {
    }

    /** Columns taken by one code point; control characters count 0 here and are replaced by {@link #printable}. */
    static int columns(int codePoint) {
        int w = WCWidth.wcwidth(codePoint);
        return Math.max(0, w);
    }

    /** Columns taken by {@code s} on a terminal. */
    public static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += columns(cp);
            i += Character.charCount(cp);
        }
        return w;
    }

    /**
     * Quoted identifiers may hold newlines, tabs or escape sequences; printed raw they would move the
     * cursor or repaint the terminal. Replace every control character with '?'.
     */
    public static String printable(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                if (b == null) {
                    b = new StringBuilder(s.length()).append(s, 0, i);
                }
                b.append('?');
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    /**
     * {@code s} in at most {@code max} columns, cut in the middle ({@code public.very_lo…_name}): the schema
     * and the end of a table name (often a partition suffix) are what tell tables apart.
     */
    public static String truncateMiddle(String s, int max) {
        if (max <= 0) {
            return "";
        }
        if (width(s) <= max) {
            return s;
        }
        if (max == 1) {
            return ELLIPSIS;
        }
        int room = max - 1;
        String head = head(s, (room + 1) / 2);
        String tail = tail(s, room - width(head));
        return head + ELLIPSIS + tail;
    }

    /** {@code s} cut at the end to at most {@code max} columns (for whole lines on a narrow terminal). */
    public static String truncateEnd(String s, int max) {
        if (max <= 0) {
            return "";
        }
        if (width(s) <= max) {
            return s;
        }
        return max == 1 ? ELLIPSIS : head(s, max - 1) + ELLIPSIS;
    }

    /** {@code s} padded with spaces on the right to {@code cols} columns (never truncated). */
    public static String padRight(String s, int cols) {
        int w = width(s);
        return w >= cols ? s : s + " ".repeat(cols - w);
    }

    /** {@code s} padded with spaces on the left to {@code cols} columns (never truncated). */
    public static String padLeft(String s, int cols) {
        int w = width(s);
        return w >= cols ? s : " ".repeat(cols - w) + s;
    }

    /** The longest prefix of whole code points that fits in {@code cols} columns. */
    private static String head(String s, int cols) {
        int w = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int cw = columns(cp);
            if (w + cw > cols) {
                break;
            }
            w += cw;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }

    /** The longest suffix of whole code points that fits in {@code cols} columns. */
    private static String tail(String s, int cols) {
        int w = 0;
        int i = s.length();
        while (i > 0) {
            int cp = s.codePointBefore(i);
            int cw = columns(cp);
            if (w + cw > cols) {
                break;
            }
            w += cw;
            i -= Character.charCount(cp);
        }
        return s.substring(i);
    }
}
