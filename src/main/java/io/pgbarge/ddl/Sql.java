package io.pgbarge.ddl;

import java.util.Set;

/** Quoting for generated SQL, as the server's quote_ident and quote_literal do. */
public final class Sql {
    private Sql() {
    }

    // Words that must be quoted as identifiers (PostgreSQL's reserved and type/function-name keywords).
    private static final Set<String> RESERVED = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
            "binary", "both", "case", "cast", "check", "collate", "collation", "column", "concurrently",
            "constraint", "create", "cross", "current_catalog", "current_date", "current_role",
            "current_schema", "current_time", "current_timestamp", "current_user", "default", "deferrable",
            "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "freeze",
            "from", "full", "grant", "group", "having", "ilike", "in", "initially", "inner", "intersect",
            "into", "is", "isnull", "join", "lateral", "leading", "left", "like", "limit", "localtime",
            "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or", "order",
            "outer", "overlaps", "placing", "primary", "references", "returning", "right", "select",
            "session_user", "similar", "some", "symmetric", "system_user", "table", "tablesample", "then",
            "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when",
            "where", "window", "with",
            // column-name keywords that cannot be bare identifiers everywhere
            "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal",
            "exists", "extract", "float", "greatest", "grouping", "inout", "int", "integer", "interval",
            "least", "national", "nchar", "none", "normalize", "nullif", "numeric", "out", "overlay",
            "position", "precision", "real", "row", "setof", "smallint", "substring", "time", "timestamp",
            "treat", "trim", "values", "varchar", "xmlattributes", "xmlconcat", "xmlelement", "xmlexists",
            "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable",
            "json", "json_array", "json_arrayagg", "json_exists", "json_object", "json_objectagg",
            "json_query", "json_scalar", "json_serialize", "json_table", "json_value", "merge_action");

    /** Quotes an identifier unless it is a plain lower-case, non-reserved word. */
    public static String ident(String name) {
        if (name.isEmpty() || RESERVED.contains(name) || !plain(name)) {
            return '"' + name.replace("\"", "\"\"") + '"';
        }
        return name;
    }

    private static boolean plain(String s) {
        char c0 = s.charAt(0);
        if (!(c0 >= 'a' && c0 <= 'z') && c0 != '_') {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$')) {
                return false;
            }
        }
        return true;
    }

    /** schema.name, each part quoted as needed. */
    public static String qualified(String schema, String name) {
        return ident(schema) + "." + ident(name);
    }

    /** A string literal; E'' form when it holds a backslash, as quote_literal does. */
    public static String literal(String s) {
        if (s == null) {
            return "NULL";
        }
        String q = "'" + s.replace("'", "''") + "'";
        if (s.indexOf('\\') >= 0) {
            return "E" + q.replace("\\", "\\\\");
        }
        return q;
    }
}
