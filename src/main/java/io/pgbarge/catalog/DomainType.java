package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A domain.
 *
 * @param baseType    format_type of the base type with its typmod
 * @param collation   qualified collation when it differs from the base type's, else null
 * @param defaultExpr the DEFAULT expression, or null
 * @param notNull     typnotnull
 * @param constraints CHECK constraints, and on 17+ the NOT NULL constraint with its name, by name
 */
public record DomainType(ObjectHeader header, long arrayOid, String baseType, String collation, String defaultExpr,
                         boolean notNull, List<Constraint> constraints) {

    /**
     * @param kind       'c' check, 'n' not null
     * @param definition pg_get_constraintdef, e.g. {@code CHECK ((VALUE > 0))}; ends in NOT VALID when not validated
     */
    public record Constraint(long oid, String name, char kind, String definition, boolean validated, String comment) {
    }

    static List<DomainType> read(Connection c, ServerInfo server) throws SQLException {
        Map<Long, List<Constraint>> constraints = new LinkedHashMap<>();
        // 17+ keeps a domain's NOT NULL as a named constraint (contype 'n'); before that only typnotnull.
        CatalogQuery.list(c, "SELECT contypid, oid, conname, contype, pg_catalog.pg_get_constraintdef(oid),"
                        + " convalidated, pg_catalog.obj_description(oid, 'pg_constraint')"
                        + " FROM pg_catalog.pg_constraint WHERE contypid <> 0 AND contype IN ('c', 'n')"
                        + " ORDER BY contypid, conname",
                rs -> constraints.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Constraint(
                        rs.getLong(2), rs.getString(3), rs.getString(4).charAt(0), rs.getString(5),
                        rs.getBoolean(6), rs.getString(7))));
        String sql = "SELECT " + TypeQuery.HEADER + ", t.typarray,"
                + " pg_catalog.format_type(t.typbasetype, t.typtypmod) AS basetype,"
                + " CASE WHEN t.typcollation <> b.typcollation THEN " + TypeQuery.collationName("t.typcollation")
                + " END AS collation,"
                + " pg_catalog.pg_get_expr(t.typdefaultbin, 0) AS dflt, t.typnotnull"
                + " FROM " + TypeQuery.FROM + " JOIN pg_catalog.pg_type b ON b.oid = t.typbasetype"
                + " WHERE t.typtype = 'd' AND " + TypeQuery.WHERE + " ORDER BY n.nspname, t.typname";
        return CatalogQuery.list(c, sql, rs -> {
            ObjectHeader h = ObjectHeader.from(rs);
            return new DomainType(h, rs.getLong("typarray"), rs.getString("basetype"), rs.getString("collation"),
                    rs.getString("dflt"), rs.getBoolean("typnotnull"),
                    List.copyOf(constraints.getOrDefault(h.oid(), List.of())));
        });
    }
}
