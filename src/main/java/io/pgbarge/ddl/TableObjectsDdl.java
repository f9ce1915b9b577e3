package io.pgbarge.ddl;

import io.pgbarge.catalog.TableObjects;

import java.util.List;

/** STUB: statements for tables, defaults, constraints, indexes and triggers. */
public final class TableObjectsDdl {
    private TableObjectsDdl() {
    }

    public static List<Statement> statements(TableObjects tables, DdlContext ctx) {
        return List.of();
    }
}
