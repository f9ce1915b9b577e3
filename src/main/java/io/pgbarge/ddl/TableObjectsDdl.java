package io.pgbarge.ddl;

import io.pgbarge.catalog.ColumnDefault;
import io.pgbarge.catalog.Constraint;
import io.pgbarge.catalog.Index;
import io.pgbarge.catalog.Table;
import io.pgbarge.catalog.TableObjects;
import io.pgbarge.catalog.Trigger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Statements for tables, defaults, constraints, indexes and triggers, per kind in its generator. */
public final class TableObjectsDdl {
    private TableObjectsDdl() {
    }

    public static List<Statement> statements(TableObjects objects, DdlContext ctx) {
        TableSet set = new TableSet(objects);
        Map<Long, List<Constraint>> byTable = new HashMap<>();
        for (Constraint c : objects.constraints()) {
            byTable.computeIfAbsent(c.tableOid(), k -> new ArrayList<>()).add(c);
        }
        List<Statement> out = new ArrayList<>();
        for (Table t : objects.tables()) {
            out.addAll(TableDdl.statements(t, byTable.getOrDefault(t.oid(), List.of()), set, ctx));
        }
        for (ColumnDefault d : objects.defaults()) {
            out.add(ColumnDefaultDdl.statement(d, set.table(d.tableOid())));
        }
        for (Constraint c : objects.constraints()) {
            out.addAll(ConstraintDdl.statements(c, set.table(c.tableOid()), set));
        }
        for (Index i : objects.indexes()) {
            out.addAll(IndexDdl.statements(i, set));
        }
        for (Trigger tg : objects.triggers()) {
            out.addAll(TriggerDdl.statements(tg, set.table(tg.tableOid()), set));
        }
        return out;
    }
}
