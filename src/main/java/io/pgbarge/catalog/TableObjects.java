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
        return read(c, server, () -> readLargest(c, server));
    }

    /** The two largest reads on a database of many tables: tables with their columns, and indexes. */
    record Largest(List<Table> tables, List<Index> indexes) {
    }

    /** Where {@link Largest} comes from: read now, or waited for from another session. */
    interface LargestSource {
        Largest get() throws SQLException;
    }

    /** Reads {@link Largest}, on a session of its own when the caller runs it beside the rest. */
    static Largest readLargest(Connection c, ServerInfo server) throws SQLException {
        return EmptySearchPath.during(c, () -> new Largest(TableReader.read(c, server), IndexReader.read(c)));
    }

    /** Reads the rest on {@code c}, then takes {@link Largest} from its source. */
    static TableObjects read(Connection c, ServerInfo server, LargestSource largest) throws SQLException {
        return EmptySearchPath.during(c, () -> {
            List<ColumnDefault> defaults = ColumnDefaultReader.read(c);
            List<Constraint> constraints = ConstraintReader.read(c);
            List<Trigger> triggers = TriggerReader.read(c);
            List<Policy> policies = PolicyReader.read(c);
            List<Rule> rules = RuleReader.read(c);
            List<StatisticsObject> statistics = StatisticsReader.read(c, server);
            List<SecurityLabel> labels = SecurityLabelReader.read(c);
            ForeignData foreign = ForeignData.read(c);
            Largest l = largest.get();
            return new TableObjects(l.tables(), defaults, constraints, l.indexes(), triggers, policies, rules,
                    statistics, labels, foreign);
        });
    }
}
