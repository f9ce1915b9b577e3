package io.pgbarge.ddl;

import io.pgbarge.catalog.AccessMethod;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** CREATE ACCESS METHOD and its comment; access methods have no schema and no owner. */
public final class AccessMethodDdl {
    private AccessMethodDdl() {
    }

    public static List<Statement> statements(AccessMethod a, DdlContext ctx) {
        String name = Sql.ident(a.header().name());
        String key = Keys.of("pg_am", a.header().oid());
        String sql = "CREATE ACCESS METHOD " + name + " TYPE " + (a.type() == 't' ? "TABLE" : "INDEX")
                + " HANDLER " + a.handler();
        List<Statement> out = new ArrayList<>();
        out.add(TypeSystemObjectsDdl.create("ACCESS METHOD", name, sql, Set.of(key),
                TypeSystemObjectsDdl.keys("pg_proc", a.handlerOid()),
                "SELECT o.oid FROM pg_catalog.pg_am o WHERE o.amname = " + Sql.literal(a.header().name())));
        out.addAll(Decorations.comment("ACCESS METHOD", name, a.header().comment(), key));
        return out;
    }
}
