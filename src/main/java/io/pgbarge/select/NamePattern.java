package io.pgbarge.select;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One {@code -n/-N/-t/-T} pattern as pg_dump reads it (psql's pattern rules): outside double quotes
 * letters are folded to lower case, {@code *} matches any text, {@code ?} any one character, a dot
 * separates the schema from the name, and other regular-expression characters keep their meaning
 * ({@code $} is literal); inside double quotes everything is literal ({@code ""} is a quote).
 * The whole name must match.
 *
 * @param text   the pattern as given
 * @param schema the schema part, or null when the pattern has no dot
 * @param name   the name part (for a schema pattern: the schema)
 */
public record NamePattern(String text, Pattern schema, Pattern name) {

    /** A pattern for a table (or other relation): {@code name} or {@code schema.name}. */
    public static NamePattern table(String text) {
        List<Pattern> parts = parse(text);
        if (parts.size() > 2) {
            // pg_dump also takes database.schema.table when the database is the one dumped; pgbarge does not
            throw new IllegalArgumentException("improper qualified name (too many dotted names): " + text);
        }
        return parts.size() == 2 ? new NamePattern(text, parts.get(0), parts.get(1))
                : new NamePattern(text, null, parts.get(0));
    }

    /** A pattern for a schema: no dots outside quotes. */
    public static NamePattern schema(String text) {
        List<Pattern> parts = parse(text);
        if (parts.size() > 1) {
            throw new IllegalArgumentException("improper qualified name (too many dotted names): " + text);
        }
        return new NamePattern(text, null, parts.get(0));
    }

    public boolean matchesSchema(String schemaName) {
        return name.matcher(schemaName).matches();
    }

    /** Whether a relation matches; {@code visible} says whether an unqualified name would find it. */
    public boolean matchesRelation(String schemaName, String relName, boolean visible) {
        if (schema == null) {
            return visible && name.matcher(relName).matches();
        }
        return schema.matcher(schemaName).matches() && name.matcher(relName).matches();
    }

    private static List<Pattern> parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty name pattern");
        }
        List<Pattern> parts = new ArrayList<>();
        StringBuilder re = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    re.append(Pattern.quote("\""));
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (quoted) {
                re.append(Pattern.quote(String.valueOf(c)));
            } else if (c == '.') {
                parts.add(compile(re, text));
                re.setLength(0);
            } else if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '$') {
                re.append("\\$");
            } else if (Character.isLetter(c)) {
                re.append(Pattern.quote(String.valueOf(c).toLowerCase(Locale.ROOT)));
            } else {
                re.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quote in name pattern: " + text);
        }
        parts.add(compile(re, text));
        return parts;
    }

    private static Pattern compile(StringBuilder re, String text) {
        try {
            return Pattern.compile(re.length() == 0 ? ".*" : re.toString(), Pattern.DOTALL);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid name pattern " + text + ": " + e.getDescription());
        }
    }
}
