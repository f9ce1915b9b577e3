package io.pgbarge.check;

import java.sql.SQLException;
import java.util.List;

/** How big the source is, and how much of it is data to copy (indexes are rebuilt, not copied). */
public final class SourceSizeCheck implements Check {
    @Override
    public boolean canBlock() {
        return false;
    }

    @Override
    public String topic() {
        return "source size";
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        List<long[]> r = Queries.list(ctx.source(), "SELECT pg_catalog.pg_database_size(current_database()),"
                + " COALESCE(sum(pg_catalog.pg_table_size(c.oid)) FILTER (WHERE c.relkind = 'r'), 0),"
                + " COALESCE(sum(pg_catalog.pg_indexes_size(c.oid)) FILTER (WHERE c.relkind IN ('r', 'm')), 0),"
                + " COALESCE(sum(GREATEST(c.reltuples, 0)) FILTER (WHERE c.relkind = 'r'), 0)::bigint,"
                + " count(*) FILTER (WHERE c.relkind = 'r')"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'm') AND " + Queries.userSchema("n") + " AND " + Queries.userObject("pg_class", "c.oid"),
                rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)});
        long[] v = r.get(0);
        return List.of(Finding.info("source-size", List.of("source database " + ctx.sourceFacts().database()),
                "the source database takes " + Queries.bytes(v[0]) + "; about " + Queries.bytes(v[1]) + " of table data to copy ("
                        + Queries.count(v[4], "table", "tables") + ", about " + v[3] + " rows by the planner's estimate), and "
                        + Queries.bytes(v[2]) + " of indexes rebuilt on the target.",
                "Make sure the target has room for about " + Queries.bytes(v[1] + v[2]) + " plus WAL during the load."));
    }
}
