package io.pgbarge.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Classifies the statements of a plain dump for a restore that defers and parallelises post-data work:
 * what kind of statement it is and which table it targets. It reads the first keywords and the object
 * names with {@link SqlTokenizer} (comments skipped, quoting undone), never the whole of a long statement.
 */
public final class ScriptClassifier {

    private static final Set<String> NON_TABLE_OBJECTS = Set.of("sequence", "schema", "function", "procedure",
            "routine", "database", "domain", "foreign", "language", "large", "tablespace", "type", "all",
            "parameter");

    private ScriptClassifier() {
    }

    /** The classification of one statement (as {@link ScriptStatement#sql()} or a COPY statement). */
    public static StatementClass classify(String sql) {
        SqlTokenizer t = new SqlTokenizer(sql);
        SqlToken first = t.next();
        if (first == null || first.type() != SqlToken.Type.WORD) {
            return StatementClass.of(StatementKind.OTHER);
        }
        return switch (first.value()) {
            case "set", "reset" -> StatementClass.of(StatementKind.SET);
            case "select" -> select(t);
            case "create" -> create(t);
            case "alter" -> alter(t);
            case "comment" -> comment(t);
            case "grant" -> StatementClass.of(StatementKind.GRANT, privilegeTable(t));
            case "revoke" -> StatementClass.of(StatementKind.REVOKE, privilegeTable(t));
            case "refresh" -> refresh(t);
            case "copy" -> StatementClass.of(StatementKind.COPY, t.peek() != null && t.peek().isSymbol('(') ? null : name(t));
            case "insert" -> StatementClass.of(StatementKind.INSERT, t.accept("into") ? name(t) : null);
            case "drop" -> drop(t);
            case "begin", "start", "commit", "end", "rollback", "abort" -> StatementClass.of(StatementKind.TRANSACTION);
            default -> StatementClass.of(StatementKind.OTHER);
        };
    }

    private static StatementClass select(SqlTokenizer t) {
        if (t.peek() != null && t.peek().is("pg_catalog") && t.peek(1) != null && t.peek(1).isSymbol('.')) {
            t.next();
            t.next();
        }
        SqlToken fn = t.next();
        if (fn == null || fn.type() != SqlToken.Type.WORD || t.peek() == null || !t.peek().isSymbol('(')) {
            return StatementClass.of(StatementKind.OTHER);
        }
        switch (fn.value()) {
            case "set_config":
                return StatementClass.of(StatementKind.SET);
            case "setval": {
                t.next();
                SqlToken seq = t.next();
                RelationName name = null;
                if (seq != null && seq.type() == SqlToken.Type.STRING) {
                    name = name(new SqlTokenizer(seq.value()));
                }
                return StatementClass.of(StatementKind.SETVAL, name);
            }
            case "lo_create", "lo_open", "lo_close", "lowrite", "lo_write", "lo_from_bytea", "lo_unlink", "lo_put",
                    "lo_truncate", "lo_truncate64", "lo_lseek", "lo_lseek64":
                return StatementClass.of(StatementKind.LARGE_OBJECT);
            case "pg_restore_relation_stats", "pg_restore_attribute_stats", "pg_clear_relation_stats",
                    "pg_clear_attribute_stats", "pg_restore_extended_stats", "pg_clear_extended_stats":
                return StatementClass.of(StatementKind.RESTORE_STATISTICS);
            default:
                return StatementClass.of(StatementKind.OTHER);
        }
    }

    private static StatementClass create(SqlTokenizer t) {
        boolean unique = false;
        boolean materialized = false;
        SqlToken w;
        while (true) {
            w = t.next();
            if (w == null || w.type() != SqlToken.Type.WORD) {
                return StatementClass.of(StatementKind.OTHER);
            }
            switch (w.value()) {
                case "or", "replace", "temp", "temporary", "unlogged", "global", "local", "foreign", "constraint",
                        "recursive", "trusted", "procedural", "default" -> {
                    continue;
                }
                case "unique" -> {
                    unique = true;
                    continue;
                }
                case "materialized" -> {
                    materialized = true;
                    continue;
                }
                default -> {
                }
            }
            break;
        }
        switch (w.value()) {
            case "schema": {
                skipIfNotExists(t);
                if (t.accept("authorization")) {
                    return StatementClass.of(StatementKind.CREATE_SCHEMA, null, part(t));
                }
                return StatementClass.of(StatementKind.CREATE_SCHEMA, null, part(t));
            }
            case "table":
                skipIfNotExists(t);
                return StatementClass.of(StatementKind.CREATE_TABLE, name(t));
            case "sequence":
                skipIfNotExists(t);
                return StatementClass.of(StatementKind.CREATE_SEQUENCE, name(t));
            case "view":
                skipIfNotExists(t);
                return StatementClass.of(materialized ? StatementKind.CREATE_MATERIALIZED_VIEW : StatementKind.CREATE_VIEW, name(t));
            case "function", "procedure", "aggregate":
                return StatementClass.of(StatementKind.CREATE_FUNCTION);
            case "extension":
                skipIfNotExists(t);
                return StatementClass.of(StatementKind.CREATE_EXTENSION, null, part(t));
            case "index": {
                t.accept("concurrently");
                String index = null;
                if (t.peek() != null && !t.peek().is("on")) {
                    skipIfNotExists(t);
                    index = part(t);
                }
                if (!t.accept("on")) {
                    return new StatementClass(StatementKind.CREATE_INDEX, null, index, unique);
                }
                t.accept("only");
                return new StatementClass(StatementKind.CREATE_INDEX, name(t), index, unique);
            }
            case "trigger": {
                String trigger = part(t);
                return StatementClass.of(StatementKind.CREATE_TRIGGER, skipTo(t, "on") ? name(t) : null, trigger);
            }
            case "rule": {
                String rule = part(t);
                return StatementClass.of(StatementKind.CREATE_RULE, skipTo(t, "to") ? name(t) : null, rule);
            }
            case "policy": {
                String policy = part(t);
                return StatementClass.of(StatementKind.CREATE_POLICY, t.accept("on") ? name(t) : null, policy);
            }
            default:
                return StatementClass.of(StatementKind.OTHER);
        }
    }

    private static StatementClass alter(SqlTokenizer t) {
        SqlToken w = t.next();
        if (w == null || w.type() != SqlToken.Type.WORD) {
            return StatementClass.of(StatementKind.OTHER);
        }
        switch (w.value()) {
            case "table":
                return alterTable(t);
            case "index": {
                skipIfExists(t);
                name(t);
                if (t.accept("attach") && t.accept("partition")) {
                    RelationName child = name(t);
                    return StatementClass.of(StatementKind.ATTACH_PARTITION_INDEX, null, child == null ? null : child.sql());
                }
                return ownerOrOther(t, null);
            }
            case "default":
                return StatementClass.of(t.accept("privileges") ? StatementKind.DEFAULT_PRIVILEGES : StatementKind.OTHER);
            case "foreign":
                if (t.accept("table")) {
                    return alterTable(t);
                }
                return ownerOrOther(t, null);
            case "materialized":
                if (t.accept("view")) {
                    skipIfExists(t);
                    return ownerOrOther(t, name(t));
                }
                return ownerOrOther(t, null);
            case "sequence", "view": {
                skipIfExists(t);
                return ownerOrOther(t, name(t));
            }
            default:
                return ownerOrOther(t, null);
        }
    }

    private static StatementClass alterTable(SqlTokenizer t) {
        skipIfExists(t);
        t.accept("only");
        RelationName table = name(t);
        t.accept('*');
        SqlToken action = t.next();
        if (action == null) {
            return StatementClass.of(StatementKind.ALTER_TABLE, table);
        }
        if (action.is("add")) {
            String constraint = null;
            if (t.accept("constraint")) {
                constraint = part(t);
            }
            SqlToken kind = t.next();
            if (kind != null) {
                StatementKind k = switch (kind.value()) {
                    case "primary" -> StatementKind.ADD_PRIMARY_KEY;
                    case "unique" -> StatementKind.ADD_UNIQUE;
                    case "foreign" -> StatementKind.ADD_FOREIGN_KEY;
                    case "check" -> StatementKind.ADD_CHECK;
                    case "exclude" -> StatementKind.ADD_EXCLUDE;
                    default -> null;
                };
                if (k != null && kind.type() == SqlToken.Type.WORD) {
                    return StatementClass.of(k, table, constraint);
                }
            }
            return StatementClass.of(StatementKind.ALTER_TABLE, table);
        }
        if (action.is("enable") || action.is("disable")) {
            // ENABLE/DISABLE TRIGGER, RULE, ROW LEVEL SECURITY: they follow what they switch
            return StatementClass.of(StatementKind.ENABLE, table);
        }
        if (action.is("attach") && t.accept("partition")) {
            RelationName child = name(t);
            return StatementClass.of(StatementKind.ATTACH_PARTITION, table, child == null ? null : child.sql());
        }
        if (action.is("owner") && t.accept("to")) {
            return StatementClass.of(StatementKind.OWNER, table);
        }
        return StatementClass.of(StatementKind.ALTER_TABLE, table);
    }

    /** OWNER when the rest of the statement has OWNER TO outside parentheses, else OTHER. */
    private static StatementClass ownerOrOther(SqlTokenizer t, RelationName table) {
        int depth = 0;
        for (SqlToken tok = t.next(); tok != null; tok = t.next()) {
            if (tok.isSymbol('(')) {
                depth++;
            } else if (tok.isSymbol(')')) {
                depth--;
            } else if (depth == 0 && tok.is("owner") && t.peek() != null && t.peek().is("to")) {
                return StatementClass.of(StatementKind.OWNER, table);
            }
        }
        return StatementClass.of(StatementKind.OTHER, table);
    }

    private static StatementClass comment(SqlTokenizer t) {
        if (!t.accept("on")) {
            return StatementClass.of(StatementKind.COMMENT);
        }
        SqlToken w = t.next();
        if (w == null) {
            return StatementClass.of(StatementKind.COMMENT);
        }
        switch (w.value()) {
            case "table", "view", "sequence":
                return StatementClass.of(StatementKind.COMMENT, name(t));
            case "materialized", "foreign":
                t.next();
                return StatementClass.of(StatementKind.COMMENT, name(t));
            case "column": {
                List<String> parts = parts(t);
                if (parts.size() == 3) {
                    return StatementClass.of(StatementKind.COMMENT, new RelationName(parts.get(0), parts.get(1)), parts.get(2));
                }
                if (parts.size() == 2) {
                    return StatementClass.of(StatementKind.COMMENT, new RelationName(null, parts.get(0)), parts.get(1));
                }
                return StatementClass.of(StatementKind.COMMENT);
            }
            case "constraint", "trigger", "policy", "rule": {
                String object = part(t);
                if (t.accept("on")) {
                    if (t.accept("domain")) {
                        return StatementClass.of(StatementKind.COMMENT, null, object);
                    }
                    return StatementClass.of(StatementKind.COMMENT, name(t), object);
                }
                return StatementClass.of(StatementKind.COMMENT, null, object);
            }
            default:
                return StatementClass.of(StatementKind.COMMENT);
        }
    }

    /** The table of GRANT/REVOKE … ON [TABLE] name, or null when it is about another kind of object. */
    private static RelationName privilegeTable(SqlTokenizer t) {
        int depth = 0;
        for (SqlToken tok = t.next(); tok != null; tok = t.next()) {
            if (tok.isSymbol('(')) {
                depth++;
            } else if (tok.isSymbol(')')) {
                depth--;
            } else if (depth == 0 && (tok.is("to") || tok.is("from"))) {
                return null;
            } else if (depth == 0 && tok.is("on")) {
                if (t.accept("table")) {
                    return name(t);
                }
                SqlToken next = t.peek();
                if (next == null || (next.type() == SqlToken.Type.WORD && NON_TABLE_OBJECTS.contains(next.value()))) {
                    return null;
                }
                return name(t);
            }
        }
        return null;
    }

    private static StatementClass refresh(SqlTokenizer t) {
        if (t.accept("materialized") && t.accept("view")) {
            t.accept("concurrently");
            return StatementClass.of(StatementKind.REFRESH_MATERIALIZED_VIEW, name(t));
        }
        return StatementClass.of(StatementKind.OTHER);
    }

    private static StatementClass drop(SqlTokenizer t) {
        if (t.accept("table")) {
            skipIfExists(t);
            return StatementClass.of(StatementKind.DROP, name(t));
        }
        return StatementClass.of(StatementKind.DROP);
    }

    // ------------------------------------------------------------------------------------------------

    private static void skipIfNotExists(SqlTokenizer t) {
        if (t.peek() != null && t.peek().is("if") && t.peek(1) != null && t.peek(1).is("not")) {
            t.next();
            t.next();
            t.accept("exists");
        }
    }

    private static void skipIfExists(SqlTokenizer t) {
        if (t.peek() != null && t.peek().is("if") && t.peek(1) != null && t.peek(1).is("exists")) {
            t.next();
            t.next();
        }
    }

    /** Consumes tokens up to and including the keyword, outside parentheses; false when it is not there. */
    private static boolean skipTo(SqlTokenizer t, String keyword) {
        int depth = 0;
        for (SqlToken tok = t.next(); tok != null; tok = t.next()) {
            if (tok.isSymbol('(')) {
                depth++;
            } else if (tok.isSymbol(')')) {
                depth--;
            } else if (depth == 0 && tok.is(keyword)) {
                return true;
            }
        }
        return false;
    }

    /** One name part (unquoted, folded), or null. */
    private static String part(SqlTokenizer t) {
        SqlToken tok = t.peek();
        if (tok == null || !tok.isName()) {
            return null;
        }
        t.next();
        return tok.value();
    }

    /** A dotted name's parts. */
    private static List<String> parts(SqlTokenizer t) {
        List<String> parts = new ArrayList<>();
        String p = part(t);
        if (p == null) {
            return parts;
        }
        parts.add(p);
        while (t.peek() != null && t.peek().isSymbol('.') && t.peek(1) != null && t.peek(1).isName()) {
            t.next();
            parts.add(part(t));
        }
        return parts;
    }

    /** A possibly qualified relation name (the last two parts of a dotted name), or null. */
    static RelationName name(SqlTokenizer t) {
        List<String> parts = parts(t);
        if (parts.isEmpty()) {
            return null;
        }
        int n = parts.size();
        return new RelationName(n >= 2 ? parts.get(n - 2) : null, parts.get(n - 1));
    }
}
