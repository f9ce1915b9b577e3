package io.pgbarge.ddl;

import io.pgbarge.catalog.StatisticsObject;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Extended statistics objects after their table's rows (as pg_dump puts them in post-data): CREATE
 * STATISTICS from pg_get_statisticsobjdef, its statistics target, owner and comment. The statistics
 * themselves are gathered by the ANALYZE that follows the load.
 */
final class StatisticsDdl {
    private StatisticsDdl() {
    }

    static List<Statement> statements(StatisticsObject s, TableSet set) {
        String q = Sql.qualified(s.schema(), s.name());
        String key = Keys.of("pg_statistic_ext", s.oid());
        Set<String> requires = new LinkedHashSet<>(set.dataKeys(s.relationOid()));
        requires.add(Keys.rel(s.relationOid()));
        List<Statement> out = new ArrayList<>();
        out.add(new Statement("STATISTICS", q, Section.POST_DATA, s.definition(), Set.of(key), requires, Set.of(),
                new Statement.Created("STATISTICS", q, "(SELECT s.oid FROM pg_catalog.pg_statistic_ext s"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = s.stxnamespace"
                        + " WHERE n.nspname = " + Sql.literal(s.schema()) + " AND s.stxname = " + Sql.literal(s.name()) + ")")));
        if (s.statisticsTarget() != null) {
            // A plain number is understood by every version (17 also takes DEFAULT, and stores NULL for it).
            out.add(Statement.of("STATISTICS", q, Section.POST_DATA,
                    "ALTER STATISTICS " + q + " SET STATISTICS " + s.statisticsTarget(), Set.of(), Set.of(key)));
        }
        out.add(Decorations.owner("STATISTICS", q, s.owner(), key).withSection(Section.POST_DATA));
        Decorations.comment("STATISTICS", q, s.comment(), key).forEach(c -> out.add(c.withSection(Section.POST_DATA)));
        return out;
    }
}
