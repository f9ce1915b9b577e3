package io.pgbarge.ddl;

import io.pgbarge.catalog.Extension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CREATE EXTENSION and its comment. The version is left to the target's default on purpose: the
 * target (often a managed server) offers the versions it ships, rarely exactly the source's, and
 * asking for another fails; pg_dump leaves it out too. Member objects are the extension's script's.
 */
public final class ExtensionDdl {
    private ExtensionDdl() {
    }

    public static List<Statement> statements(Extension x, DdlContext ctx) {
        String ident = Sql.ident(x.name());
        String key = Keys.of("pg_extension", x.oid());
        Set<String> provides = new HashSet<>(x.memberKeys());
        provides.add(key);
        List<Statement> out = new ArrayList<>();
        out.add(new Statement("EXTENSION", ident, Section.PRE_DATA,
                "CREATE EXTENSION IF NOT EXISTS " + ident + " WITH SCHEMA " + Sql.ident(x.schema()),
                provides, Set.of(Keys.namespace(x.schemaOid())), Set.of(),
                new Statement.Created("EXTENSION", ident,
                        "(SELECT oid FROM pg_catalog.pg_extension WHERE extname = " + Sql.literal(x.name()) + ")")));
        out.addAll(Decorations.comment("EXTENSION", ident, x.comment(), key));
        return out;
    }
}
