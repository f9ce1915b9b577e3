package io.pgbarge.ddl;

import io.pgbarge.catalog.Function;
import io.pgbarge.catalog.ObjectHeader;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Functions, procedures and window functions from pg_get_functiondef (CREATE OR REPLACE …). Their
 * bodies are not checked on creation: the executor sets check_function_bodies = false, as pg_dump does,
 * because a body may name objects created later.
 */
public final class FunctionDdl {
    private FunctionDdl() {
    }

    public static List<Statement> statements(Function f, DdlContext ctx) {
        ObjectHeader h = f.header();
        String objectType = f.isProcedure() ? "PROCEDURE" : "FUNCTION";
        String identity = Sql.qualified(h.schema(), h.name()) + "(" + f.identityArgs() + ")";
        String key = Keys.proc(h.oid());
        List<Statement> out = new ArrayList<>();
        out.add(new Statement(objectType, identity, Section.PRE_DATA, f.definition().strip(), Set.of(key), Set.of(),
                Set.of(), new Statement.Created(objectType, identity, lookup(h, f.argTypes()))));
        out.addAll(Decorations.all(objectType, identity, h.owner(), h.comment(), h.acl(), h.defaultAcl(),
                objectType, key));
        return out;
    }

    /** to_regprocedure takes the input types only, without argument names or modes. */
    static String lookup(ObjectHeader h, String argTypes) {
        return "pg_catalog.to_regprocedure(" + Sql.literal(Sql.qualified(h.schema(), h.name()) + "(" + argTypes + ")") + ")";
    }
}
