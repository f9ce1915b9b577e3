package io.pgbarge.catalog;

import io.pgbarge.ddl.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A sequence that is not an identity column's (those belong to their table), with its current value.
 *
 * @param type         format_type of seqtypid
 * @param unlogged     relpersistence 'u' (15+)
 * @param ownedBy      the column it is OWNED BY (pg_depend deptype 'a'), or null
 * @param lastValue    last_value read from the sequence in the catalog snapshot
 * @param isCalled     is_called read likewise
 */
public record Sequence(ObjectHeader header, String type, long start, long increment, long min, long max, long cache,
                       boolean cycle, boolean unlogged, OwnedBy ownedBy, long lastValue, boolean isCalled) {

    /** A table column that owns the sequence. */
    public record OwnedBy(long tableOid, String schema, String table, String column) {
    }

    public String qualifiedName() {
        return Sql.qualified(header.schema(), header.name());
    }

    static List<Sequence> read(Connection c, ServerInfo server) throws SQLException {
        String sql = "SELECT " + ObjectHeader.columns("c.oid", "n.nspname", "c.relname", "c.relowner", "pg_class",
                "c.relacl", 's') + ","
                + " pg_catalog.format_type(s.seqtypid, NULL) AS type, s.seqstart, s.seqincrement, s.seqmin,"
                + " s.seqmax, s.seqcache, s.seqcycle, c.relpersistence,"
                + " d.refobjid AS owner_table, tn.nspname AS owner_schema, tc.relname AS owner_name,"
                + " a.attname AS owner_column"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid"
                + " LEFT JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass"
                + " AND d.objid = c.oid AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass"
                + " AND d.refobjsubid > 0 AND d.deptype = 'a'"
                + " LEFT JOIN pg_catalog.pg_class tc ON tc.oid = d.refobjid"
                + " LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace"
                + " LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
                + " WHERE c.relkind = 'S' AND " + CatalogQuery.userSchema("n")
                + " AND " + CatalogQuery.userObject("pg_class", "c.oid")
                // identity sequences: the table's, made by its GENERATED … AS IDENTITY
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i"
                + " WHERE i.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND i.objid = c.oid"
                + " AND i.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND i.deptype = 'i')"
                + " ORDER BY n.nspname, c.relname";
        List<Sequence> defs = CatalogQuery.list(c, sql, rs -> {
            OwnedBy owned = rs.getString("owner_column") == null ? null : new OwnedBy(rs.getLong("owner_table"),
                    rs.getString("owner_schema"), rs.getString("owner_name"), rs.getString("owner_column"));
            return new Sequence(ObjectHeader.from(rs), rs.getString("type"), rs.getLong("seqstart"),
                    rs.getLong("seqincrement"), rs.getLong("seqmin"), rs.getLong("seqmax"), rs.getLong("seqcache"),
                    rs.getBoolean("seqcycle"), "u".equals(rs.getString("relpersistence")), owned, 0, false);
        });
        List<Sequence> out = new ArrayList<>(defs.size());
        for (Sequence s : defs) {
            out.add(s.withValue(c));
        }
        return List.copyOf(out);
    }

    /** Reads last_value and is_called from the sequence relation itself (inside the caller's snapshot). */
    private Sequence withValue(Connection c) throws SQLException {
        List<Object[]> v = CatalogQuery.list(c, "SELECT last_value, is_called FROM " + qualifiedName(),
                rs -> new Object[] {rs.getLong(1), rs.getBoolean(2)});
        return new Sequence(header, type, start, increment, min, max, cache, cycle, unlogged, ownedBy,
                (Long) v.get(0)[0], (Boolean) v.get(0)[1]);
    }
}
