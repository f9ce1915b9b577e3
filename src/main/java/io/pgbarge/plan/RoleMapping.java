package io.pgbarge.plan;

import io.pgbarge.ddl.Sql;
import io.pgbarge.ddl.Statement;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code --role-map SRC=DST}: statements that name role SRC name DST instead. Both the statement's
 * {@link Statement#roles()} and its SQL are rewritten; in the SQL only the places where a role stands
 * are touched, per kind: after {@code OWNER TO} (OWNER), after {@code TO}/{@code FROM}/{@code FOR ROLE}/
 * {@code GRANTED BY} (ACL, DEFAULT ACL), the {@code TO} list of CREATE POLICY (POLICY), and the role
 * of {@code ALTER ROLE … IN DATABASE} (ROLE SETTING). String literals, dollar-quoted bodies, comments
 * and anything in parentheses are never touched.
 */
public final class RoleMapping {
    /** No mapping. */
    public static final RoleMapping NONE = new RoleMapping(Map.of());

    private final Map<String, String> map;

    private RoleMapping(Map<String, String> map) {
        this.map = Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /**
     * @param values {@code SRC=DST} each, as given on the command line; role names as they are
     *               stored (case-sensitive, no quotes)
     * @throws IllegalArgumentException naming the first value that is not {@code SRC=DST}
     */
    public static RoleMapping parse(List<String> values) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String v : values == null ? List.<String>of() : values) {
            int eq = v.indexOf('=');
            if (eq <= 0 || eq == v.length() - 1) {
                throw new IllegalArgumentException("invalid --role-map value \"" + v
                        + "\": expected SOURCE_ROLE=TARGET_ROLE, both non-empty");
            }
            String src = v.substring(0, eq);
            String dst = v.substring(eq + 1);
            String prev = map.put(src, dst);
            if (prev != null && !prev.equals(dst)) {
                throw new IllegalArgumentException("invalid --role-map value \"" + v + "\": role " + src
                        + " is already mapped to " + prev);
            }
        }
        return new RoleMapping(map);
    }

    public static RoleMapping of(Map<String, String> map) {
        return new RoleMapping(map);
    }

    public boolean isEmpty() {
        return map.isEmpty();
    }

    /** The roles mapped to (targets of the mapping). */
    public Set<String> targets() {
        return Set.copyOf(map.values());
    }

    /** The role the target uses for a source role. */
    public String map(String role) {
        return map.getOrDefault(role, role);
    }

    public List<Statement> apply(List<Statement> statements) {
        if (map.isEmpty()) {
            return statements;
        }
        List<Statement> out = new ArrayList<>(statements.size());
        for (Statement s : statements) {
            out.add(apply(s));
        }
        return out;
    }

    public Statement apply(Statement s) {
        if (map.isEmpty()) {
            return s;
        }
        Set<String> roles = new LinkedHashSet<>();
        for (String r : s.roles()) {
            roles.add(map(r));
        }
        String sql = rewrite(s.kind(), s.sql());
        return new Statement(s.kind(), s.name(), s.section(), sql, s.provides(), s.requires(), roles, s.creates());
    }

    /** The SQL with the roles at the kind's role positions mapped. */
    String rewrite(String kind, String sql) {
        List<Token> tokens = Token.scan(sql);
        List<Token> positions = switch (kind) {
            case "OWNER" -> ownerPositions(tokens);
            case "ACL", "DEFAULT ACL" -> grantPositions(tokens);
            case "POLICY" -> policyPositions(tokens);
            case "ROLE SETTING" -> alterRolePositions(tokens);
            default -> List.of();
        };
        if (positions.isEmpty()) {
            return sql;
        }
        StringBuilder out = new StringBuilder(sql.length() + 16);
        int at = 0;
        for (Token t : positions) {
            String name = t.identifier();
            String to = map.get(name);
            if (to == null) {
                continue;
            }
            out.append(sql, at, t.start).append(Sql.ident(to));
            at = t.end;
        }
        out.append(sql, at, sql.length());
        return out.toString();
    }

    // ---- role positions per kind (top-level tokens only) ----

    private static List<Token> ownerPositions(List<Token> tokens) {
        List<Token> out = new ArrayList<>();
        for (int i = 0; i + 2 < tokens.size(); i++) {
            if (tokens.get(i).isWord("owner") && tokens.get(i + 1).isWord("to")) {
                roleList(tokens, i + 2, false, out);
            }
        }
        return out;
    }

    private static List<Token> grantPositions(List<Token> tokens) {
        List<Token> out = new ArrayList<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isWord("to") || t.isWord("from")) {
                roleList(tokens, i + 1, true, out);
            } else if (t.isWord("for") && (tokens.get(i + 1).isWord("role") || tokens.get(i + 1).isWord("user"))) {
                roleList(tokens, i + 2, true, out);
            } else if (t.isWord("granted") && tokens.get(i + 1).isWord("by")) {
                roleList(tokens, i + 2, false, out);
            }
        }
        return out;
    }

    private static List<Token> policyPositions(List<Token> tokens) {
        List<Token> out = new ArrayList<>();
        if (tokens.size() < 2 || !tokens.get(0).isWord("create") || !tokens.get(1).isWord("policy")) {
            return out;
        }
        for (int i = 2; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).isWord("to")) {
                roleList(tokens, i + 1, true, out);
                break;
            }
        }
        return out;
    }

    private static List<Token> alterRolePositions(List<Token> tokens) {
        List<Token> out = new ArrayList<>();
        if (tokens.size() >= 3 && tokens.get(0).isWord("alter")
                && (tokens.get(1).isWord("role") || tokens.get(1).isWord("user"))) {
            roleList(tokens, 2, false, out);
        }
        return out;
    }

    private static final Set<String> NOT_ROLES = Set.of("public", "current_user", "current_role", "session_user",
            "current_schema", "all");

    /** Collects the identifiers of a role list starting at {@code from}: {@code a, "B", GROUP c}. */
    private static void roleList(List<Token> tokens, int from, boolean list, List<Token> out) {
        int i = from;
        while (i < tokens.size()) {
            Token t = tokens.get(i);
            if (t.isWord("group") && i + 1 < tokens.size() && tokens.get(i + 1).isIdentifier()) {
                i++;
                t = tokens.get(i);
            }
            if (!t.isIdentifier() || t.depth != 0) {
                return;
            }
            // a role is never qualified: "x.y" is an object name, not a role
            if (i + 1 < tokens.size() && tokens.get(i + 1).isPunct('.')) {
                return;
            }
            if (t.quoted || !NOT_ROLES.contains(t.identifier())) {
                out.add(t);
            }
            if (!list || i + 2 >= tokens.size() || !tokens.get(i + 1).isPunct(',')) {
                return;
            }
            i += 2;
        }
    }

    /** A lexical token of SQL: a bare word, a quoted identifier, or other (literals, punctuation). */
    static final class Token {
        enum Type { WORD, QUOTED, OTHER }

        final Type type;
        final int start;
        final int end;
        final String text;
        final int depth;
        final boolean quoted;

        private Token(Type type, int start, int end, String text, int depth) {
            this.type = type;
            this.start = start;
            this.end = end;
            this.text = text;
            this.depth = depth;
            this.quoted = type == Type.QUOTED;
        }

        boolean isWord(String lower) {
            return type == Type.WORD && depth == 0 && text.equalsIgnoreCase(lower);
        }

        boolean isPunct(char c) {
            return type == Type.OTHER && text.length() == 1 && text.charAt(0) == c;
        }

        boolean isIdentifier() {
            return type == Type.WORD || type == Type.QUOTED;
        }

        /** The name as stored: a bare word folded to lower case, a quoted one unescaped. */
        String identifier() {
            if (type == Type.QUOTED) {
                return text.substring(1, text.length() - 1).replace("\"\"", "\"");
            }
            return text.toLowerCase(Locale.ROOT);
        }

        static List<Token> scan(String sql) {
            List<Token> out = new ArrayList<>();
            int depth = 0;
            int n = sql.length();
            int i = 0;
            while (i < n) {
                char c = sql.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                    int e = sql.indexOf('\n', i);
                    i = e < 0 ? n : e + 1;
                } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                    int level = 0;
                    int j = i;
                    while (j < n) {
                        if (sql.startsWith("/*", j)) {
                            level++;
                            j += 2;
                        } else if (sql.startsWith("*/", j)) {
                            level--;
                            j += 2;
                            if (level == 0) {
                                break;
                            }
                        } else {
                            j++;
                        }
                    }
                    i = j;
                } else if (c == '\'' || ((c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\''
                        && !(i > 0 && isWordChar(sql.charAt(i - 1))))) {
                    boolean escapes = c != '\'';
                    int j = escapes ? i + 2 : i + 1;
                    while (j < n) {
                        char d = sql.charAt(j);
                        if (escapes && d == '\\') {
                            j += 2;
                        } else if (d == '\'') {
                            if (j + 1 < n && sql.charAt(j + 1) == '\'') {
                                j += 2;
                            } else {
                                j++;
                                break;
                            }
                        } else {
                            j++;
                        }
                    }
                    j = Math.min(j, n);
                    out.add(new Token(Type.OTHER, i, j, sql.substring(i, j), depth));
                    i = j;
                } else if (c == '"') {
                    int j = i + 1;
                    while (j < n) {
                        if (sql.charAt(j) == '"') {
                            if (j + 1 < n && sql.charAt(j + 1) == '"') {
                                j += 2;
                                continue;
                            }
                            j++;
                            break;
                        }
                        j++;
                    }
                    j = Math.min(j, n);
                    out.add(new Token(Type.QUOTED, i, j, sql.substring(i, j), depth));
                    i = j;
                } else if (c == '$' && dollarTag(sql, i) != null) {
                    String tag = dollarTag(sql, i);
                    int close = sql.indexOf(tag, i + tag.length());
                    int j = close < 0 ? n : close + tag.length();
                    out.add(new Token(Type.OTHER, i, j, sql.substring(i, j), depth));
                    i = j;
                } else if (isWordStart(c)) {
                    int j = i + 1;
                    while (j < n && isWordChar(sql.charAt(j))) {
                        j++;
                    }
                    out.add(new Token(Type.WORD, i, j, sql.substring(i, j), depth));
                    i = j;
                } else {
                    if (c == ')') {
                        depth = Math.max(0, depth - 1);
                    }
                    out.add(new Token(Type.OTHER, i, i + 1, String.valueOf(c), depth));
                    if (c == '(' || c == '[') {
                        depth++;
                    } else if (c == ']') {
                        depth = Math.max(0, depth - 1);
                    }
                    i++;
                }
            }
            return out;
        }

        /** {@code $tag$} starting at i, or null when the $ does not open a dollar quote. */
        private static String dollarTag(String sql, int i) {
            if (i > 0 && isWordChar(sql.charAt(i - 1))) {
                return null;
            }
            int j = i + 1;
            while (j < sql.length() && sql.charAt(j) != '$') {
                char d = sql.charAt(j);
                if (!(Character.isLetterOrDigit(d) || d == '_') || (j == i + 1 && Character.isDigit(d))) {
                    return null;
                }
                j++;
            }
            return j < sql.length() ? sql.substring(i, j + 1) : null;
        }

        private static boolean isWordStart(char c) {
            return Character.isLetter(c) || c == '_';
        }

        private static boolean isWordChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '$';
        }
    }
}
