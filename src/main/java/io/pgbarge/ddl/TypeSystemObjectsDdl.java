package io.pgbarge.ddl;

import io.pgbarge.catalog.TypeSystemObjects;

import java.util.List;

/** STUB: statements for the objects of {@link TypeSystemObjects}. */
public final class TypeSystemObjectsDdl {
    private TypeSystemObjectsDdl() {
    }

    public static List<Statement> statements(TypeSystemObjects objects, DdlContext ctx) {
        return List.of();
    }
}
