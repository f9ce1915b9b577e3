package io.pgbarge.select;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads back the names the DDL generators give their statements ({@code app.customers},
 * {@code "Sales Ops"."My Table"}, {@code app.t c}, {@code TABLE app.t}, {@code app.f(integer)}) into
 * the parts a TOC entry needs: the schema, and the name without it.
 */
public final class ObjectNames {
    private ObjectNames() {
    }

    /**
     * A dotted chain of identifiers at the start of a text.
     *
     * @param parts the identifiers, unquoted
     * @param raw   the identifiers as written (quoted where they were)
     * @param end   where the chain ends in the text
     */
    public record Chain(List<String> parts, List<String> raw, int end) {
        public int size() {
            return parts.size();
        }
    }

    /** The chain of identifiers starting at {@code start}; empty when none starts there. */
    public static Chain chain(String s, int start) {
        List<String> parts = new ArrayList<>();
        List<String> raw = new ArrayList<>();
        int i = start;
        while (i < s.length()) {
            int begin = i;
            StringBuilder b = new StringBuilder();
            if (s.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < s.length()) {
                    char c = s.charAt(i);
                    if (c == '"') {
                        if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                            b.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        closed = true;
                        break;
                    }
                    b.append(c);
                    i++;
                }
                if (!closed) {
                    return new Chain(List.of(), List.of(), start);
                }
            } else {
                while (i < s.length() && isIdentChar(s.charAt(i))) {
                    b.append(s.charAt(i));
                    i++;
                }
                if (b.length() == 0) {
                    break;
                }
            }
            parts.add(b.toString());
            raw.add(s.substring(begin, i));
            if (i < s.length() && s.charAt(i) == '.' && i + 1 < s.length()
                    && (s.charAt(i + 1) == '"' || isIdentChar(s.charAt(i + 1)))) {
                i++;
            } else {
                break;
            }
        }
        return new Chain(List.copyOf(parts), List.copyOf(raw), i);
    }

    private static boolean isIdentChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** The leading upper-case words of a decoration's name ({@code TABLE}, {@code MATERIALIZED VIEW}); "" if none. */
    public static String prefix(String name) {
        int i = 0;
        int end = 0;
        while (i < name.length()) {
            int j = i;
            while (j < name.length() && name.charAt(j) >= 'A' && name.charAt(j) <= 'Z') {
                j++;
            }
            if (j == i || (j < name.length() && name.charAt(j) != ' ')) {
                break;
            }
            end = j;
            i = j + 1;
        }
        return name.substring(0, end);
    }

    /** The identifiers of a text unquoted and joined with spaces when the text is just a chain; else the text. */
    public static String unquoted(String s) {
        String t = s.strip();
        Chain c = chain(t, 0);
        if (c.size() > 0 && c.end() == t.length()) {
            return String.join(".", c.parts());
        }
        return t;
    }
}
