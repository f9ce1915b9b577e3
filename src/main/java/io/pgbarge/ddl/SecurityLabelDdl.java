package io.pgbarge.ddl;

import io.pgbarge.catalog.SecurityLabel;
import io.pgbarge.catalog.Table;

import java.util.Set;

/**
 * SECURITY LABEL on a table or a column of one. The label's provider (sepgsql, or another module loaded
 * with shared_preload_libraries) must be loaded on the target too, or the statement fails; managed
 * servers rarely load one.
 */
final class SecurityLabelDdl {
    private SecurityLabelDdl() {
    }

    static Statement statement(SecurityLabel l, Table t) {
        String object = l.column() == null
                ? (t.relkind() == 'f' ? "FOREIGN TABLE " : "TABLE ") + t.qualifiedName()
                : "COLUMN " + t.qualifiedName() + "." + Sql.ident(l.column());
        return Statement.of("SECURITY LABEL", object, Section.PRE_DATA,
                "SECURITY LABEL FOR " + Sql.ident(l.provider()) + " ON " + object + " IS " + Sql.literal(l.label()),
                Set.of(), Set.of(Keys.rel(t.oid())));
    }
}
