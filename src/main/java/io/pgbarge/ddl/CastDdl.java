package io.pgbarge.ddl;

import io.pgbarge.catalog.Cast;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** CREATE CAST and its comment; casts have no owner. */
public final class CastDdl {
    private CastDdl() {
    }

    public static List<Statement> statements(Cast c, DdlContext ctx) {
        String identity = "(" + c.source() + " AS " + c.target() + ")";
        String key = Keys.of("pg_cast", c.oid());
        StringBuilder sql = new StringBuilder("CREATE CAST " + identity);
        switch (c.method()) {
            case 'f' -> sql.append(" WITH FUNCTION ").append(c.function());
            case 'i' -> sql.append(" WITH INOUT");
            default -> sql.append(" WITHOUT FUNCTION");
        }
        switch (c.context()) {
            case 'a' -> sql.append(" AS ASSIGNMENT");
            case 'i' -> sql.append(" AS IMPLICIT");
            default -> {
            }
        }
        // pg_depend has the cast's types and function, but only user-made ones are keyed by anyone
        Set<String> requires = TypeSystemObjectsDdl.keys("pg_type", c.sourceOid(), c.targetOid());
        requires.addAll(TypeSystemObjectsDdl.keys("pg_proc", c.functionOid()));
        String lookup = "SELECT o.oid FROM pg_catalog.pg_cast o"
                + " WHERE o.castsource = pg_catalog.to_regtype(" + Sql.literal(c.source()) + ")"
                + " AND o.casttarget = pg_catalog.to_regtype(" + Sql.literal(c.target()) + ")";
        List<Statement> out = new ArrayList<>();
        out.add(TypeSystemObjectsDdl.create("CAST", identity, sql.toString(), Set.of(key), requires, lookup));
        out.addAll(Decorations.comment("CAST", identity, c.comment(), key));
        return out;
    }
}
