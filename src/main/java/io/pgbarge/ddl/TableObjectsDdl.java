package io.pgbarge.ddl;

import io.pgbarge.catalog.ColumnDefault;
import io.pgbarge.catalog.Constraint;
import io.pgbarge.catalog.ForeignDataWrapper;
import io.pgbarge.catalog.ForeignServer;
import io.pgbarge.catalog.Index;
import io.pgbarge.catalog.Policy;
import io.pgbarge.catalog.Rule;
import io.pgbarge.catalog.SecurityLabel;
import io.pgbarge.catalog.StatisticsObject;
import io.pgbarge.catalog.Table;
import io.pgbarge.catalog.TableObjects;
import io.pgbarge.catalog.Trigger;
import io.pgbarge.catalog.UserMapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Statements for foreign-data wrappers, servers and user mappings, tables, defaults, constraints,
 * indexes, triggers, row-level security and policies, rules, extended statistics and security labels,
 * per kind in its generator.
 */
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
        for (ForeignDataWrapper w : objects.foreignData().wrappers()) {
            out.addAll(ForeignDataDdl.wrapper(w));
        }
        for (ForeignServer s : objects.foreignData().servers()) {
            out.addAll(ForeignDataDdl.server(s));
        }
        for (UserMapping m : objects.foreignData().userMappings()) {
            out.add(ForeignDataDdl.userMapping(m));
        }
        for (Table t : objects.tables()) {
            out.addAll(TableDdl.statements(t, byTable.getOrDefault(t.oid(), List.of()), set, ctx));
            out.addAll(PolicyDdl.rowSecurity(t, set));
        }
        for (SecurityLabel l : objects.securityLabels()) {
            out.add(SecurityLabelDdl.statement(l, set.table(l.tableOid())));
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
        for (Policy p : objects.policies()) {
            out.addAll(PolicyDdl.statements(p, set.table(p.tableOid()), set));
        }
        for (Rule r : objects.rules()) {
            out.addAll(RuleDdl.statements(r, set));
        }
        for (StatisticsObject st : objects.statistics()) {
            out.addAll(StatisticsDdl.statements(st, set));
        }
        return out;
    }
}
