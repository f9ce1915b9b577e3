package io.pgbarge.check;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the target already holds. Objects whose schema-qualified names the source also has (relations,
 * functions with their argument types, types) would collide: a blocker. Other content is reported.
 */
public final class TargetContentCheck implements Check {
    @Override
    public String topic() {
        return "target content";
    }

    private static final String RELATIONS = "SELECT CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'v' THEN 'view'"
            + " WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table'"
            + " WHEN 'i' THEN 'index' WHEN 'I' THEN 'index' WHEN 'c' THEN 'type' ELSE 'relation' END,"
            + " pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname)"
            + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind <> 't' AND " + Queries.userSchema("n") + " AND " + Queries.userObject("pg_class", "c.oid");
    private static final String FUNCTIONS = "SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END,"
            + " pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(p.proname)"
            + " || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')'"
            + " FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
            + " WHERE " + Queries.userSchema("n") + " AND " + Queries.userObject("pg_proc", "p.oid");
    private static final String TYPES = "SELECT CASE y.typtype WHEN 'd' THEN 'domain' WHEN 'e' THEN 'type' ELSE 'type' END,"
            + " pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(y.typname)"
            + " FROM pg_catalog.pg_type y JOIN pg_catalog.pg_namespace n ON n.oid = y.typnamespace"
            + " WHERE y.typrelid = 0 AND NOT (y.typelem <> 0 AND y.typlen = -1) AND " + Queries.userSchema("n")
            + " AND " + Queries.userObject("pg_type", "y.oid");
    private static final String SCHEMAS = "SELECT 'schema', pg_catalog.quote_ident(n.nspname) FROM pg_catalog.pg_namespace n"
            + " WHERE n.nspname <> 'public' AND " + Queries.userSchema("n") + " AND " + Queries.userObject("pg_namespace", "n.oid");

    record Named(String kind, String name) {
        String label() {
            return kind + " " + name;
        }
    }

    static List<Named> objects(Connection c, String sql) throws SQLException {
        return Queries.list(c, sql, rs -> new Named(rs.getString(1), rs.getString(2)));
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        List<Named> target = new ArrayList<>();
        for (String q : List.of(SCHEMAS, RELATIONS, FUNCTIONS, TYPES)) {
            target.addAll(objects(ctx.target(), q));
        }
        if (target.isEmpty()) {
            return List.of(Finding.info("target-empty", List.of("target database " + ctx.targetFacts().database()),
                    "the target database holds no user objects.", ""));
        }
        Map<String, Integer> byKind = new LinkedHashMap<>();
        target.forEach(o -> byKind.merge(o.kind(), 1, Integer::sum));
        StringBuilder counts = new StringBuilder();
        byKind.forEach((k, v) -> counts.append(counts.length() == 0 ? "" : ", ").append(v).append(' ').append(k)
                .append(v == 1 ? "" : k.endsWith("x") ? "es" : "s"));

        Set<String> relations = Queries.stringSet(ctx.source(), "SELECT x.n FROM (" + RELATIONS + ") x(k, n)");
        Set<String> functions = Queries.stringSet(ctx.source(), "SELECT x.n FROM (" + FUNCTIONS + ") x(k, n)");
        Set<String> types = Queries.stringSet(ctx.source(), "SELECT x.n FROM (" + TYPES + ") x(k, n)");
        Set<String> schemas = Queries.stringSet(ctx.source(), "SELECT x.n FROM (" + SCHEMAS + ") x(k, n)");
        List<String> collisions = new ArrayList<>();
        for (Named o : target) {
            boolean clash = switch (o.kind()) {
                case "function", "procedure", "aggregate" -> functions.contains(o.name());
                case "domain" -> types.contains(o.name()) || relations.contains(o.name());
                case "schema" -> false;
                case "type" -> types.contains(o.name()) || relations.contains(o.name());
                default -> relations.contains(o.name()) || types.contains(o.name());
            };
            if (clash) {
                collisions.add(o.label());
            }
        }
        List<Finding> out = new ArrayList<>();
        if (!collisions.isEmpty()) {
            out.add(Finding.blocker("target-name-collision", collisions,
                    "the target already has " + Queries.count(collisions.size(), "object", "objects") + " named as the source's ("
                            + Queries.shortList(collisions, 4) + "): the copy would refuse to start.",
                    "Copy into an empty database, drop them on the target, or run the copy with --clean"
                            + " (drops them, and what depends on them, first)."));
        }
        long sharedSchemas = target.stream().filter(o -> o.kind().equals("schema") && schemas.contains(o.name())).count();
        out.add(Finding.info("target-not-empty", List.of("target database " + ctx.targetFacts().database()),
                "the target database already holds user objects: " + counts
                        + (collisions.isEmpty() ? ", none named as the source's" : "")
                        + (sharedSchemas > 0 ? " (" + Queries.count(sharedSchemas, "schema is", "schemas are") + " also on the source)" : "")
                        + ".",
                collisions.isEmpty() ? "Nothing to do; they are left as they are." : ""));
        return out;
    }
}
