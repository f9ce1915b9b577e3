package io.pgbarge.check;

import java.sql.SQLException;
import java.util.List;

/** Unlogged tables: copied and created unlogged, so a crash of the target empties them as on the source. */
public final class UnloggedTableCheck implements Check {
    @Override
    public boolean canBlock() {
        return false;
    }

    @Override
    public String topic() {
        return "unlogged tables";
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        List<String> tables = Queries.strings(ctx.source(), "SELECT 'table ' || pg_catalog.quote_ident(n.nspname) || '.'"
                + " || pg_catalog.quote_ident(c.relname) FROM pg_catalog.pg_class c"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relpersistence = 'u' AND c.relkind IN ('r', 'p') AND " + Queries.userSchema("n")
                + " AND " + Queries.userObject("pg_class", "c.oid") + " ORDER BY 1");
        if (tables.isEmpty()) {
            return List.of();
        }
        return List.of(Finding.info("unlogged-tables", tables,
                Queries.count(tables.size(), "table is", "tables are") + " UNLOGGED: created unlogged on the target too,"
                        + " so a crash (or a failover of a managed service) empties them there as it would on the source.",
                "If the target must keep their rows, ALTER TABLE … SET LOGGED on the target after the copy."));
    }
}
