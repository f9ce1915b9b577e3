package io.pgbarge.ddl;

import io.pgbarge.catalog.EventTrigger;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * CREATE EVENT TRIGGER, its enabled state, owner and comment, in post-data as pg_dump places them, so
 * that they do not fire while the schema is being built. Only a superuser may create one: on a target
 * where the login is not, they are left out and {@link #notes} says so.
 */
public final class EventTriggerDdl {
    private EventTriggerDdl() {
    }

    public static List<Statement> statements(EventTrigger t, DdlContext ctx) {
        if (!ctx.target().superuser()) {
            return List.of();
        }
        String ident = Sql.ident(t.name());
        String key = Keys.of("pg_event_trigger", t.oid());
        StringBuilder sql = new StringBuilder("CREATE EVENT TRIGGER ").append(ident).append(" ON ").append(Sql.ident(t.event()));
        if (!t.tags().isEmpty()) {
            sql.append(" WHEN TAG IN (").append(String.join(", ", t.tags().stream().map(Sql::literal).toList())).append(")");
        }
        sql.append(" EXECUTE FUNCTION ").append(Sql.qualified(t.functionSchema(), t.function())).append("()");
        List<Statement> out = new ArrayList<>();
        out.add(new Statement("EVENT TRIGGER", ident, Section.POST_DATA, sql.toString(), Set.of(key),
                Set.of(Keys.proc(t.functionOid())), Set.of(), new Statement.Created("EVENT TRIGGER", ident,
                "(SELECT oid FROM pg_catalog.pg_event_trigger WHERE evtname = " + Sql.literal(t.name()) + ")")));
        String state = switch (t.enabled()) {
            case 'D' -> "DISABLE";
            case 'R' -> "ENABLE REPLICA";
            case 'A' -> "ENABLE ALWAYS";
            default -> null; // 'O', what CREATE makes
        };
        if (state != null) {
            out.add(new Statement("EVENT TRIGGER", ident + " " + state, Section.POST_DATA,
                    "ALTER EVENT TRIGGER " + ident + " " + state, Set.of(), Set.of(key), Set.of(), null));
        }
        out.add(Decorations.owner("EVENT TRIGGER", ident, t.owner(), key).withSection(Section.POST_DATA));
        Decorations.comment("EVENT TRIGGER", ident, t.comment(), key)
                .forEach(s -> out.add(s.withSection(Section.POST_DATA)));
        return out;
    }

    public static List<String> notes(EventTrigger t, DdlContext ctx) {
        if (ctx.target().superuser()) {
            return List.of();
        }
        return List.of("event trigger " + Sql.ident(t.name()) + " left out: creating event triggers needs a"
                + " superuser on the target");
    }
}
