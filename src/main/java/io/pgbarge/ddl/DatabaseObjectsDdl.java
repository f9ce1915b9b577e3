package io.pgbarge.ddl;

import io.pgbarge.catalog.DatabaseObjects;

import java.util.List;

/** STUB: statements for the objects of {@link DatabaseObjects}. */
public final class DatabaseObjectsDdl {
    private DatabaseObjectsDdl() {
    }

    public static List<Statement> statements(DatabaseObjects objects, DdlContext ctx) {
        return List.of();
    }
}
