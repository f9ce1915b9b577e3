package io.pgbarge.script;

/**
 * A possibly schema-qualified object name as a statement writes it, with its quoting undone:
 * {@code public."My Table"} is schema {@code public}, name {@code My Table}; unquoted parts are folded to
 * lower case as the server folds them.
 *
 * @param schema the schema, or null when the statement does not qualify the name
 * @param name   the object's name
 */
public record RelationName(String schema, String name) {

    /** The name as SQL, quoted where needed: {@code public."My Table"}. */
    public String sql() {
        return schema == null ? quote(name) : quote(schema) + "." + quote(name);
    }

    /** An identifier quoted when it is not a plain lower-case word. */
    static String quote(String id) {
        boolean plain = !id.isEmpty() && ((id.charAt(0) >= 'a' && id.charAt(0) <= 'z') || id.charAt(0) == '_');
        for (int i = 0; plain && i < id.length(); i++) {
            char c = id.charAt(i);
            plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        }
        return plain ? id : "\"" + id.replace("\"", "\"\"") + "\"";
    }

    @Override
    public String toString() {
        return sql();
    }
}
