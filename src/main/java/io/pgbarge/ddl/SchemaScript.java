package io.pgbarge.ddl;

import io.pgbarge.catalog.Catalog;

import java.util.ArrayList;
import java.util.List;

/** Every statement that recreates a catalog on a target, before ordering: the generators of all kinds together. */
public final class SchemaScript {
    private SchemaScript() {
    }

    public record Result(List<Statement> statements, List<String> notes) {
    }

    public static Result statements(Catalog catalog, DdlContext ctx) {
        List<Statement> all = new ArrayList<>(SchemaObjectsDdl.statements(catalog.objects(), ctx));
        all.addAll(TypeSystemObjectsDdl.statements(catalog.typeSystem(), ctx));
        all.addAll(TableObjectsDdl.statements(catalog.tables(), ctx));
        all.addAll(DatabaseObjectsDdl.statements(catalog.database(), ctx));
        all.addAll(DefaultPrivilegeDdl.statements(catalog.defaultPrivileges()));
        TargetAdaptation.Result adapted = TargetAdaptation.adapt(all, ctx);
        List<String> notes = new ArrayList<>(DatabaseObjectsDdl.notes(catalog.database(), ctx));
        notes.addAll(adapted.notes());
        return new Result(adapted.statements(), notes);
    }
}
