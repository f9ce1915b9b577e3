package io.pgbarge.ddl;

import io.pgbarge.catalog.Rule;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Rewrite rules in post-data, as pg_dump does: CREATE RULE from pg_get_ruledef, then its firing state
 * (ALTER TABLE … DISABLE / ENABLE REPLICA / ENABLE ALWAYS RULE) and comment. The relation may be a
 * view, which only the schema-objects generator creates; its key orders the two.
 */
final class RuleDdl {
    private RuleDdl() {
    }

    static List<Statement> statements(Rule r, TableSet set) {
        String name = Sql.ident(r.name()) + " ON " + r.relation();
        String key = Keys.of("pg_rewrite", r.oid());
        // On a table, after its rows: COPY ignores rules anyway, and CREATE RULE's exclusive lock would
        // only queue behind the copy.
        Set<String> requires = new LinkedHashSet<>();
        if (set.table(r.relationOid()) != null) {
            requires.addAll(set.dataKeys(r.relationOid()));
        }
        requires.add(Keys.rel(r.relationOid()));
        List<Statement> out = new ArrayList<>();
        out.add(Statement.of("RULE", name, Section.POST_DATA, r.definition(), Set.of(key), requires));
        String state = switch (r.enabled()) {
            case 'D' -> "DISABLE RULE ";
            case 'R' -> "ENABLE REPLICA RULE ";
            case 'A' -> "ENABLE ALWAYS RULE ";
            default -> null;
        };
        // Only a table's rules can change state; a view's are always 'O'.
        if (state != null && (r.relkind() == 'r' || r.relkind() == 'p')) {
            out.add(Statement.of("RULE", name, Section.POST_DATA,
                    "ALTER TABLE " + r.relation() + " " + state + Sql.ident(r.name()), Set.of(), Set.of(key)));
        }
        if (r.comment() != null) {
            out.add(Statement.of("COMMENT", "RULE " + name, Section.POST_DATA,
                    "COMMENT ON RULE " + name + " IS " + Sql.literal(r.comment()), Set.of(), Set.of(key)));
        }
        return out;
    }
}
