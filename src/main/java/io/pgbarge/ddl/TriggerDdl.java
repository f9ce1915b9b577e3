package io.pgbarge.ddl;

import io.pgbarge.catalog.Table;
import io.pgbarge.catalog.Trigger;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Triggers after the rows are in, so they do not fire during the load; a partitioned table's trigger
 * is cloned onto its partitions, so it waits for all of theirs. Then ENABLE/DISABLE and comments.
 */
final class TriggerDdl {
    private TriggerDdl() {
    }

    static List<Statement> statements(Trigger tg, Table t, TableSet set) {
        String name = t.qualifiedName() + " " + Sql.ident(tg.name());
        String key = Keys.of("pg_trigger", tg.oid());
        Set<String> requires = new LinkedHashSet<>(set.dataKeys(t.oid()));
        requires.add(Keys.rel(t.oid()));
        List<Statement> out = new ArrayList<>();
        out.add(Statement.of("TRIGGER", name, Section.POST_DATA, tg.definition(), Set.of(key), requires));
        String state = switch (tg.enabled()) {
            case 'D' -> "DISABLE TRIGGER ";
            case 'R' -> "ENABLE REPLICA TRIGGER ";
            case 'A' -> "ENABLE ALWAYS TRIGGER ";
            default -> null;
        };
        if (state != null) {
            out.add(Statement.of("TRIGGER", name, Section.POST_DATA,
                    "ALTER TABLE " + t.qualifiedName() + " " + state + Sql.ident(tg.name()), Set.of(), Set.of(key)));
        }
        if (tg.comment() != null) {
            out.add(Statement.of("COMMENT", "TRIGGER " + name, Section.POST_DATA, "COMMENT ON TRIGGER " + Sql.ident(tg.name())
                    + " ON " + t.qualifiedName() + " IS " + Sql.literal(tg.comment()), Set.of(), Set.of(key)));
        }
        return out;
    }
}
