package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Reads CHECK, PRIMARY KEY, UNIQUE, EXCLUDE and FOREIGN KEY constraints of the user's tables. */
final class ConstraintReader {
    private ConstraintReader() {
    }

    static List<Constraint> read(Connection c) throws SQLException {
        // NOT NULL constraints (contype 'n', 18+) are read with the columns; 't' belongs to constraint triggers.
        String sql = "SELECT co.oid, co.conrelid, co.conname, co.contype, pg_catalog.pg_get_constraintdef(co.oid) AS def,"
                + " co.conindid, co.convalidated, co.condeferrable, co.condeferred, co.conislocal, co.coninhcount,"
                + " co.connoinherit, co.conparentid, co.confrelid,"
                + " pg_catalog.obj_description(co.oid, 'pg_constraint') AS comment"
                + " FROM pg_catalog.pg_constraint co"
                + " WHERE co.contype IN ('c', 'f', 'p', 'u', 'x') AND co.conrelid IN (" + TableScope.TABLES + ")"
                + " ORDER BY co.conrelid, co.conname";
        return CatalogQuery.list(c, sql, rs -> new Constraint(rs.getLong("oid"), rs.getLong("conrelid"),
                rs.getString("conname"), TableScope.ch(rs, "contype"), rs.getString("def"), rs.getLong("conindid"),
                rs.getBoolean("convalidated"), rs.getBoolean("condeferrable"), rs.getBoolean("condeferred"),
                rs.getBoolean("conislocal"), rs.getInt("coninhcount"), rs.getBoolean("connoinherit"),
                rs.getLong("conparentid"), rs.getLong("confrelid"), rs.getString("comment")));
    }
}
