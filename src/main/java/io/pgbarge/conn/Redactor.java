package io.pgbarge.conn;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides passwords in text that may echo what a user typed: connection URIs, key=value strings,
 * JDBC URLs, error messages that quote any of them. It errs towards hiding too much: in a URI,
 * everything between the user name's ':' and the last '@' of that word is hidden, so that a
 * password holding an unencoded '/' or '@' is hidden whole.
 */
public final class Redactor {
    public static final String MASK = "***";

    /** scheme://user:PASSWORD@ — greedy up to the last '@' of the word. */
    private static final Pattern URI_PASSWORD =
            Pattern.compile("(?i)[a-z][a-z0-9+.-]*://[^\\s:/@]*:(\\S*)@");
    /** ?password=PASSWORD&… in a URI's query (also sslpassword). */
    private static final Pattern QUERY_PASSWORD =
            Pattern.compile("(?i)[?&](?:ssl)?password=([^&\\s#]*)");
    /** password=PASSWORD, password = 'PASS WORD' in key=value text (also sslpassword, PGPASSWORD). */
    private static final Pattern KEYWORD_PASSWORD = Pattern.compile(
            "(?i)(?<!\\S)(?:ssl|pg)?password\\s*=\\s*('(?:[^'\\\\]|\\\\.|'')*'?|(?:\\\\.|[^\\s\\\\])*)");

    private Redactor() {
    }

    /** The text with every password replaced by {@value #MASK}; null stays null. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        List<int[]> spans = secretSpans(text);
        StringBuilder out = new StringBuilder(text);
        for (int i = spans.size() - 1; i >= 0; i--) {
            int[] s = spans.get(i);
            out.replace(s[0], s[1], MASK);
        }
        return out.toString();
    }

    /**
     * The [start, end) ranges of text that hold a password, sorted and not overlapping. The parsers
     * use them too, so that an error never quotes a part of the text that redaction would hide.
     */
    static List<int[]> secretSpans(String text) {
        List<int[]> found = new ArrayList<>();
        collect(URI_PASSWORD, text, found);
        collect(QUERY_PASSWORD, text, found);
        collect(KEYWORD_PASSWORD, text, found);
        found.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] s : found) {
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && s[0] <= last[1]) {
                last[1] = Math.max(last[1], s[1]);
            } else {
                merged.add(s.clone());
            }
        }
        return merged;
    }

    /** Whether [start, end) touches a secret span of text. */
    static boolean overlapsSecret(List<int[]> spans, int start, int end) {
        for (int[] s : spans) {
            if (start < s[1] && s[0] < end) {
                return true;
            }
        }
        return false;
    }

    private static void collect(Pattern pattern, String text, List<int[]> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            if (m.end(1) > m.start(1)) {
                into.add(new int[] {m.start(1), m.end(1)});
            }
        }
    }
}
