package io.pgbarge.ddl;

import io.pgbarge.catalog.SchemaObjects;

import java.util.List;

/** STUB: statements for schemas, extensions, types, functions, aggregates, sequences and views. */
public final class SchemaObjectsDdl {
    private SchemaObjectsDdl() {
    }

    public static List<Statement> statements(SchemaObjects objects, DdlContext ctx) {
        return List.of();
    }
}
