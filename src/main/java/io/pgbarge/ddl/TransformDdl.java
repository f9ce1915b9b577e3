package io.pgbarge.ddl;

import io.pgbarge.catalog.Transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** CREATE TRANSFORM and its comment; transforms have no name and no owner. */
public final class TransformDdl {
    private TransformDdl() {
    }

    public static List<Statement> statements(Transform t, DdlContext ctx) {
        String identity = "FOR " + t.type() + " LANGUAGE " + Sql.ident(t.language());
        String key = Keys.of("pg_transform", t.oid());
        List<String> parts = new ArrayList<>();
        if (t.fromSql() != null) {
            parts.add("FROM SQL WITH FUNCTION " + t.fromSql());
        }
        if (t.toSql() != null) {
            parts.add("TO SQL WITH FUNCTION " + t.toSql());
        }
        Set<String> requires = TypeSystemObjectsDdl.keys("pg_proc", t.fromSqlOid(), t.toSqlOid());
        requires.addAll(TypeSystemObjectsDdl.keys("pg_type", t.typeOid()));
        requires.addAll(TypeSystemObjectsDdl.keys("pg_language", t.languageOid()));
        String lookup = "SELECT o.oid FROM pg_catalog.pg_transform o JOIN pg_catalog.pg_language l ON l.oid = o.trflang"
                + " WHERE o.trftype = pg_catalog.to_regtype(" + Sql.literal(t.type()) + ")"
                + " AND l.lanname = " + Sql.literal(t.language());
        List<Statement> out = new ArrayList<>();
        out.add(TypeSystemObjectsDdl.create("TRANSFORM", identity,
                "CREATE TRANSFORM " + identity + " (" + String.join(", ", parts) + ")", Set.of(key), requires, lookup));
        out.addAll(Decorations.comment("TRANSFORM", identity, t.comment(), key));
        return out;
    }
}
