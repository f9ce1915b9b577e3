package io.pgbarge.conn;

import java.util.List;

/**
 * Reads a libpq key=value connection string ({@code host=db port=5432 password='a b\'c'}) as
 * libpq's conninfo_parse does: whitespace around '=' allowed, values single-quoted when they hold
 * spaces, backslash escaping the next character in or out of quotes. One leniency for strings libpq
 * refuses: inside quotes, a doubled quote ('it''s') stands for one, as in SQL.
 */
final class KeywordValueString {
    private KeywordValueString() {
    }

    static void parse(String text, Settings into) {
        String context = into.context();
        List<int[]> secrets = Redactor.secretSpans(text);
        int n = text.length();
        int i = 0;
        String previousKeyword = null;
        boolean previousUnquoted = false;
        while (true) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return;
            }
            int keyStart = i;
            while (i < n && text.charAt(i) != '=' && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            String keyword = text.substring(keyStart, i);
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n || text.charAt(i) != '=') {
                throw missingEquals(keyword, keyStart, previousUnquoted ? previousKeyword : null, secrets, context);
            }
            if (previousUnquoted && isSecret(previousKeyword) && LibpqKeyword.byName(keyword) == null) {
                throw spaceInSecret(previousKeyword);
            }
            if (keyword.isEmpty()) {
                throw new ConnectionStringException("missing parameter name before \"=\" in " + context);
            }
            i++;
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            previousUnquoted = i >= n || text.charAt(i) != '\'';
            if (!previousUnquoted) {
                i = readQuoted(text, i + 1, value);
                if (i < 0) {
                    throw new ConnectionStringException("unterminated quoted value for \"" + keyword + "\" in " + context);
                }
            } else {
                while (i < n && !Character.isWhitespace(text.charAt(i))) {
                    char c = text.charAt(i++);
                    if (c == '\\' && i < n) {
                        c = text.charAt(i++);
                    }
                    value.append(c);
                }
            }
            into.put(keyword, value.toString());
            previousKeyword = keyword;
        }
    }

    /** Reads after an opening quote up to the closing one; returns the index past it, or -1. */
    private static int readQuoted(String text, int i, StringBuilder value) {
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < n) {
                value.append(text.charAt(i + 1));
                i += 2;
            } else if (c == '\'' && i + 1 < n && text.charAt(i + 1) == '\'') {
                value.append('\'');
                i += 2;
            } else if (c == '\'') {
                return i + 1;
            } else {
                value.append(c);
                i++;
            }
        }
        return -1;
    }

    /** @param previousKeyword the keyword before, when its value was unquoted (so may go on here) */
    private static ConnectionStringException missingEquals(String word, int at, String previousKeyword,
            List<int[]> secrets, String context) {
        if (isSecret(previousKeyword) || Redactor.overlapsSecret(secrets, at, at + word.length())) {
            return spaceInSecret(previousKeyword == null ? "password" : previousKeyword);
        }
        return new ConnectionStringException("missing \"=\" after \"" + word + "\" in " + context);
    }

    /**
     * "password=two words": the second word is a piece of the password, and redaction only hides
     * the first, so this message quotes neither the word nor the string.
     */
    private static ConnectionStringException spaceInSecret(String keyword) {
        return new ConnectionStringException("the value of \"" + keyword + "\" holds a space but is not quoted:"
                + " write " + keyword + "='...' (a quote or backslash inside as \\' or \\\\)");
    }

    private static boolean isSecret(String keyword) {
        LibpqKeyword k = keyword == null ? null : LibpqKeyword.byName(keyword);
        return k != null && k.isSecret();
    }
}
