package io.pgbarge.catalog;

import io.pgbarge.ddl.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A table (or sequence) an extension marked with pg_extension_config_dump: CREATE EXTENSION makes it
 * on the target, but the rows the user added are data to copy, as pg_dump does. Only the rows that
 * match the extension's condition are the user's; the others the extension's script inserts itself.
 *
 * @param relkind     'r' table, 'S' sequence (for a sequence pg_dump copies its state: setval)
 * @param extension   the extension that owns it
 * @param whereClause the condition as the extension registered it, verbatim and starting with WHERE
 *                    (e.g. {@code WHERE NOT standard_entry}), appended to SELECT … FROM the table;
 *                    null to copy every row
 */
public record ExtensionConfigTable(long oid, String schema, String name, char relkind, String extension,
                                   String whereClause) {

    public String qualifiedName() {
        return Sql.qualified(schema, name);
    }

    public boolean isSequence() {
        return relkind == 'S';
    }

    static List<ExtensionConfigTable> read(Connection c) throws SQLException {
        return CatalogQuery.list(c,
                "SELECT cl.oid, n.nspname, cl.relname, cl.relkind, x.extname, u.cond"
                        + " FROM pg_catalog.pg_extension x"
                        + " CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(x.extconfig), pg_catalog.unnest(x.extcondition)) AS u(reloid, cond)"
                        + " JOIN pg_catalog.pg_class cl ON cl.oid = u.reloid"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = cl.relnamespace"
                        + " WHERE x.oid >= 16384"
                        + " ORDER BY n.nspname, cl.relname",
                rs -> new ExtensionConfigTable(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4).charAt(0), rs.getString(5), blankToNull(rs.getString(6))));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
