package io.pgbarge.ddl;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the stored value of a list parameter (search_path and the like): elements separated by
 * commas, each bare or double-quoted with "" for a quote, whitespace around them ignored.
 */
final class GucList {
    private GucList() {
    }

    /** The elements, or null when the text is not a well-formed list. */
    static List<String> split(String raw) {
        List<String> out = new ArrayList<>();
        int i = skipSpace(raw, 0);
        if (i == raw.length()) {
            return out;
        }
        while (true) {
            StringBuilder item = new StringBuilder();
            if (raw.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= raw.length()) {
                        return null;
                    }
                    char c = raw.charAt(i++);
                    if (c == '"') {
                        if (i < raw.length() && raw.charAt(i) == '"') {
                            item.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        item.append(c);
                    }
                }
            } else {
                int start = i;
                while (i < raw.length() && raw.charAt(i) != ',' && !Character.isWhitespace(raw.charAt(i))) {
                    i++;
                }
                if (i == start) {
                    return null;
                }
                item.append(raw, start, i);
            }
            out.add(item.toString());
            i = skipSpace(raw, i);
            if (i == raw.length()) {
                return out;
            }
            if (raw.charAt(i) != ',') {
                return null;
            }
            i = skipSpace(raw, i + 1);
            if (i == raw.length()) {
                return null;
            }
        }
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
