package io.pgbarge.ddl;

import io.pgbarge.catalog.ObjectHeader;
import io.pgbarge.catalog.View;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CREATE VIEW and CREATE MATERIALIZED VIEW … WITH NO DATA from pg_get_viewdef, their decorations, and
 * the REFRESH that fills a populated materialized view once the tables it reads hold their rows.
 */
public final class ViewDdl {
    private ViewDdl() {
    }

    public static List<Statement> statements(View v, DdlContext ctx) {
        ObjectHeader h = v.header();
        String q = v.qualifiedName();
        String key = Keys.rel(h.oid());
        String objectType = v.materialized() ? "MATERIALIZED VIEW" : "VIEW";
        List<Statement> out = new ArrayList<>();
        Statement.Created created = new Statement.Created(objectType, q, "pg_catalog.to_regclass(" + Sql.literal(q) + ")");
        if (v.stubColumns() != null) {
            // The query calls user functions, which may take or return this view's row type: a cycle
            // the server allows only step by step. A stand-in with the same columns comes first (it
            // provides the row type); the real query replaces it once the functions exist.
            Set<String> provides = new LinkedHashSet<>(provides(v));
            String rule = Keys.of("pg_rewrite", v.ruleOid());
            provides.remove(rule);
            out.add(new Statement(objectType, q, Section.PRE_DATA,
                    "CREATE VIEW " + q + " AS\n SELECT " + v.stubColumns(), provides, Set.of(), Set.of(), created));
            out.add(new Statement("VIEW DEFINITION", q, Section.PRE_DATA,
                    "CREATE OR REPLACE " + createSql(v).substring("CREATE ".length()),
                    v.ruleOid() != 0 ? Set.of(rule) : Set.of(), Set.of(key), Set.of(), null));
        } else {
            out.add(new Statement(objectType, q, Section.PRE_DATA, createSql(v), provides(v), Set.of(), Set.of(), created));
        }
        for (View.ViewColumn c : v.columns()) {
            if (c.defaultExpr() != null) {
                out.add(new Statement("DEFAULT", q + "." + Sql.ident(c.name()), Section.PRE_DATA,
                        "ALTER VIEW " + q + " ALTER COLUMN " + Sql.ident(c.name()) + " SET DEFAULT " + c.defaultExpr(),
                        Set.of(), Set.of(key), Set.of(), null));
            }
        }
        out.addAll(Decorations.all(objectType, q, h.owner(), h.comment(), h.acl(), h.defaultAcl(), "TABLE", key));
        for (View.ViewColumn c : v.columns()) {
            out.addAll(Decorations.comment("COLUMN", q + "." + Sql.ident(c.name()), c.comment(), key));
            // a column's default privileges are none (acldefault('c', …) is empty)
            out.addAll(Acl.statements("TABLE", q, c.name(), c.acl(), "{}", key));
        }
        if (v.materialized() && v.populated()) {
            out.add(new Statement("MATERIALIZED VIEW DATA", q, Section.POST_DATA, "REFRESH MATERIALIZED VIEW " + q,
                    Set.of(Keys.data(h.oid())), Set.of(key), Set.of(), null));
        }
        return out;
    }

    static String createSql(View v) {
        StringBuilder sql = new StringBuilder("CREATE ");
        sql.append(v.materialized() ? "MATERIALIZED VIEW " : "VIEW ").append(v.qualifiedName());
        if (v.materialized() && v.accessMethod() != null && !v.accessMethod().equals("heap")) {
            sql.append(" USING ").append(Sql.ident(v.accessMethod()));
        }
        if (!v.reloptions().isEmpty()) {
            sql.append(" WITH (").append(v.reloptions().stream().map(ViewDdl::option)
                    .collect(Collectors.joining(", "))).append(')');
        }
        sql.append(" AS\n").append(v.definition());
        if (v.materialized()) {
            sql.append("\n  WITH NO DATA");
        }
        return sql.toString();
    }

    /** {@code name=value} from reloptions, the value as a literal so that any text survives. */
    static String option(String reloption) {
        int eq = reloption.indexOf('=');
        if (eq < 0) {
            return Sql.ident(reloption);
        }
        return Sql.ident(reloption.substring(0, eq)) + "=" + Sql.literal(reloption.substring(eq + 1));
    }

    /** The view, its _RETURN rule (pg_depend names the rule for what the query uses) and its row type. */
    private static Set<String> provides(View v) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(Keys.rel(v.header().oid()));
        if (v.ruleOid() != 0) {
            keys.add(Keys.of("pg_rewrite", v.ruleOid()));
        }
        if (v.typeOid() != 0) {
            keys.add(Keys.type(v.typeOid()));
        }
        if (v.arrayTypeOid() != 0) {
            keys.add(Keys.type(v.arrayTypeOid()));
        }
        return keys;
    }
}
