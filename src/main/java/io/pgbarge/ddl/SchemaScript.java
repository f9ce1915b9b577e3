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

    /** For a target that is the source itself (the `schema` command): every tablespace is kept. */
    public static Result statements(Catalog catalog, DdlContext ctx) {
        java.util.Set<String> all = new java.util.HashSet<>(catalog.relationTablespaces().values());
        catalog.database().tablespaces().forEach(t -> all.add(t.name()));
        return statements(catalog, ctx, TablespacePolicy.of(all));
    }

    /** @param tablespaces the target's tablespaces: TABLESPACE placement is kept only where it has them */
    public static Result statements(Catalog catalog, DdlContext ctx, TablespacePolicy tablespaces) {
        List<Statement> all = new ArrayList<>(SchemaObjectsDdl.statements(catalog.objects(), ctx));
        all.addAll(TypeSystemObjectsDdl.statements(catalog.typeSystem(), ctx));
        all.addAll(TableObjectsDdl.statements(catalog.tables(), ctx));
        all.addAll(DatabaseObjectsDdl.statements(catalog.database(), ctx));
        all.addAll(DefaultPrivilegeDdl.statements(catalog.defaultPrivileges()));
        TargetAdaptation.Result adapted = TargetAdaptation.adapt(
                TablespacePlacement.apply(all, catalog.relationTablespaces(), tablespaces), ctx);
        List<String> notes = new ArrayList<>(DatabaseObjectsDdl.notes(catalog.database(), ctx));
        notes.addAll(tablespaces.notes(catalog.database().tablespaces()));
        notes.addAll(adapted.notes());
        return new Result(adapted.statements(), notes);
    }
}
