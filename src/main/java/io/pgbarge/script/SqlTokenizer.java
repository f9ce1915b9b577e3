package io.pgbarge.script;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one SQL statement into {@link SqlToken}s, skipping whitespace and comments ({@code --} and
 * nested block comments). Lazy, so that looking at the first words of a 1 GB INSERT costs nothing; with
 * a look-ahead of any depth ({@link #peek(int)}).
 */
public final class SqlTokenizer {
    private final String s;
    private final boolean standardStrings;
    private int i;
    private final List<SqlToken> ahead = new ArrayList<>();

    /** A tokenizer with standard_conforming_strings on. */
    public SqlTokenizer(String sql) {
        this(sql, true);
    }

    public SqlTokenizer(String sql, boolean standardConformingStrings) {
        this.s = sql;
        this.standardStrings = standardConformingStrings;
    }

    /** The next token, or null at the end. */
    public SqlToken next() {
        if (!ahead.isEmpty()) {
            return ahead.remove(0);
        }
        return scan();
    }

    /** The token {@code k} places ahead (0 = the next one) without consuming it, or null past the end. */
    public SqlToken peek(int k) {
        while (ahead.size() <= k) {
            SqlToken t = scan();
            if (t == null) {
                return null;
            }
            ahead.add(t);
        }
        return ahead.get(k);
    }

    public SqlToken peek() {
        return peek(0);
    }

    /** Consumes the next token if it is the keyword. */
    public boolean accept(String keyword) {
        SqlToken t = peek();
        if (t != null && t.is(keyword)) {
            next();
            return true;
        }
        return false;
    }

    /** Consumes the next token if it is the symbol. */
    public boolean accept(char symbol) {
        SqlToken t = peek();
        if (t != null && t.isSymbol(symbol)) {
            next();
            return true;
        }
        return false;
    }

    /** All tokens of a statement (for short statements and tests). */
    public static List<SqlToken> tokenize(String sql) {
        SqlTokenizer t = new SqlTokenizer(sql);
        List<SqlToken> out = new ArrayList<>();
        for (SqlToken tok = t.next(); tok != null; tok = t.next()) {
            out.add(tok);
        }
        return out;
    }

    private SqlToken scan() {
        skipSpaceAndComments();
        int n = s.length();
        if (i >= n) {
            return null;
        }
        int start = i;
        char c = s.charAt(i);
        if (isIdentStart(c)) {
            i++;
            while (i < n && isIdentCont(s.charAt(i))) {
                i++;
            }
            String word = s.substring(start, i);
            if (i < n && s.charAt(i) == '\'' && word.length() == 1) {
                char p = Character.toLowerCase(word.charAt(0));
                if (p == 'e') {
                    return string(start, true);
                }
                if (p == 'b' || p == 'x' || p == 'n') {
                    return string(start, p == 'n' && !standardStrings);
                }
            }
            if (word.length() == 1 && (c == 'u' || c == 'U') && i + 1 < n && s.charAt(i) == '&') {
                char q = s.charAt(i + 1);
                if (q == '\'') {
                    i++;
                    return string(start, false);
                }
                if (q == '"') {
                    i++;
                    return quotedIdent(start);
                }
            }
            return new SqlToken(SqlToken.Type.WORD, word, lower(word));
        }
        if (c == '"') {
            return quotedIdent(start);
        }
        if (c == '\'') {
            return string(start, !standardStrings);
        }
        if (c == '$') {
            if (i + 1 < n && Character.isDigit(s.charAt(i + 1))) {
                i++;
                while (i < n && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                return new SqlToken(SqlToken.Type.PARAM, s.substring(start, i), s.substring(start, i));
            }
            int j = i + 1;
            if (j < n && s.charAt(j) != '$' && isDollarTagStart(s.charAt(j))) {
                j++;
                while (j < n && isDollarTagCont(s.charAt(j))) {
                    j++;
                }
            }
            if (j < n && s.charAt(j) == '$') {
                String tag = s.substring(i, j + 1);
                int bodyStart = j + 1;
                int end = s.indexOf(tag, bodyStart);
                if (end < 0) {
                    i = n;
                    return new SqlToken(SqlToken.Type.DOLLAR_STRING, s.substring(start), s.substring(bodyStart));
                }
                i = end + tag.length();
                return new SqlToken(SqlToken.Type.DOLLAR_STRING, s.substring(start, i), s.substring(bodyStart, end));
            }
        }
        if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1)))) {
            i++;
            while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '_')) {
                char d = s.charAt(i);
                if (d == '.' && i + 1 < n && s.charAt(i + 1) == '.') {
                    break;
                }
                if ((d == 'e' || d == 'E') && i + 1 < n && (s.charAt(i + 1) == '+' || s.charAt(i + 1) == '-')) {
                    i++;
                }
                i++;
            }
            String num = s.substring(start, i);
            return new SqlToken(SqlToken.Type.NUMBER, num, num);
        }
        i++;
        String sym = s.substring(start, i);
        return new SqlToken(SqlToken.Type.SYMBOL, sym, sym);
    }

    private SqlToken quotedIdent(int start) {
        int n = s.length();
        StringBuilder v = new StringBuilder();
        i++;
        while (i < n) {
            char c = s.charAt(i++);
            if (c == '"') {
                if (i < n && s.charAt(i) == '"') {
                    v.append('"');
                    i++;
                } else {
                    break;
                }
            } else {
                v.append(c);
            }
        }
        return new SqlToken(SqlToken.Type.QUOTED_IDENT, s.substring(start, i), v.toString());
    }

    /** A string starting at the quote at {@code i}; {@code escapes}: backslash escapes apply (E'…'). */
    private SqlToken string(int start, boolean escapes) {
        int n = s.length();
        StringBuilder v = new StringBuilder();
        i++;
        while (i < n) {
            char c = s.charAt(i++);
            if (c == '\'') {
                if (i < n && s.charAt(i) == '\'') {
                    v.append('\'');
                    i++;
                } else {
                    break;
                }
            } else if (c == '\\' && escapes && i < n) {
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> v.append('\n');
                    case 't' -> v.append('\t');
                    case 'r' -> v.append('\r');
                    case 'b' -> v.append('\b');
                    case 'f' -> v.append('\f');
                    default -> v.append(e);
                }
            } else {
                v.append(c);
            }
        }
        return new SqlToken(SqlToken.Type.STRING, s.substring(start, i), v.toString());
    }

    private void skipSpaceAndComments() {
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int depth = 1;
                i += 2;
                while (i < n && depth > 0) {
                    if (s.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (s.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                    } else {
                        i++;
                    }
                }
            } else {
                return;
            }
        }
    }

    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    static boolean isIdentCont(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9') || c == '$';
    }

    static boolean isDollarTagStart(char c) {
        return isIdentStart(c);
    }

    static boolean isDollarTagCont(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9');
    }

    /** Lower-cases ASCII letters only, as PostgreSQL folds unquoted identifiers in multi-byte encodings. */
    static String lower(String word) {
        char[] a = null;
        for (int k = 0; k < word.length(); k++) {
            char c = word.charAt(k);
            if (c >= 'A' && c <= 'Z') {
                if (a == null) {
                    a = word.toCharArray();
                }
                a[k] = (char) (c + 32);
            }
        }
        return a == null ? word : new String(a);
    }
}
