package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Tables (foreign ones too) with their columns, defaults, constraints, indexes, triggers, policies,
 * rules, extended statistics and security labels, and the foreign-data wrappers, servers and user
 * mappings foreign tables stand on, as immutable records. Indexes and statistics include those of
 * materialized views; rules those of views (other than the view's own {@code _RETURN} rule).
 */
public record TableObjects(List<Table> tables, List<ColumnDefault> defaults, List<Constraint> constraints,
                           List<Index> indexes, List<Trigger> triggers, List<Policy> policies, List<Rule> rules,
                           List<StatisticsObject> statistics, List<SecurityLabel> securityLabels,
                           ForeignData foreignData) {

    public TableObjects {
        tables = List.copyOf(tables);
        defaults = List.copyOf(defaults);
        constraints = List.copyOf(constraints);
        indexes = List.copyOf(indexes);
        triggers = List.copyOf(triggers);
        policies = List.copyOf(policies);
        rules = List.copyOf(rules);
        statistics = List.copyOf(statistics);
        securityLabels = List.copyOf(securityLabels);
        foreignData = foreignData == null ? ForeignData.NONE : foreignData;
    }

    /**
     * Reads everything with an empty search_path, as pg_dump does, so that format_type and the
     * pg_get_*def functions qualify every name with its schema; the old search_path is put back after.
     */
    public static TableObjects read(Connection c, ServerInfo server) throws SQLException {
        return EmptySearchPath.during(c, () -> new TableObjects(TableReader.read(c, server),
                ColumnDefaultReader.read(c), ConstraintReader.read(c), IndexReader.read(c), TriggerReader.read(c),
                PolicyReader.read(c), RuleReader.read(c), StatisticsReader.read(c, server),
                SecurityLabelReader.read(c), ForeignData.read(c)));
    }

}
