package io.pgbarge.ddl;

import io.pgbarge.catalog.ColumnDefault;
import io.pgbarge.catalog.Table;

import java.util.Set;

/**
 * A column default as its own statement, not inside CREATE TABLE: pg_depend makes a serial column's
 * sequence depend on the table and the default depend on the sequence (and on functions it calls), so
 * a separate statement lets the planner put the sequence between the two. Every table gets its own
 * defaults with ONLY, so a partition or child has exactly the defaults it had on the source.
 */
final class ColumnDefaultDdl {
    private ColumnDefaultDdl() {
    }

    static Statement statement(ColumnDefault d, Table t) {
        String q = t.qualifiedName();
        return Statement.of("DEFAULT", q + "." + Sql.ident(d.column()), Section.PRE_DATA,
                "ALTER TABLE ONLY " + q + " ALTER COLUMN " + Sql.ident(d.column()) + " SET DEFAULT " + d.expression(),
                Set.of(Keys.of("pg_attrdef", d.oid())), Set.of(Keys.rel(t.oid())));
    }
}
