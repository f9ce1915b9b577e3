package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-alone composite type (CREATE TYPE … AS (…)); table row types are not read.
 *
 * @param relid the pg_class entry (relkind 'c') that holds its attributes; pg_depend records the
 *              attributes' dependencies on it
 */
public record CompositeType(ObjectHeader header, long arrayOid, long relid, List<Attribute> attributes) {

    /** @param collation qualified collation when it differs from the attribute type's, else null */
    public record Attribute(String name, String type, String collation, String comment) {
    }

    static List<CompositeType> read(Connection c, ServerInfo server) throws SQLException {
        Map<Long, List<Attribute>> attributes = new LinkedHashMap<>();
        CatalogQuery.list(c, "SELECT a.attrelid, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),"
                        + " CASE WHEN a.attcollation <> at.typcollation THEN "
                        + TypeQuery.collationName("a.attcollation") + " END,"
                        + " pg_catalog.col_description(a.attrelid, a.attnum)"
                        + " FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class r ON r.oid = a.attrelid"
                        + " JOIN pg_catalog.pg_type at ON at.oid = a.atttypid"
                        + " WHERE r.relkind = 'c' AND a.attnum > 0 AND NOT a.attisdropped"
                        + " ORDER BY a.attrelid, a.attnum",
                rs -> attributes.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Attribute(
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5))));
        String sql = "SELECT " + TypeQuery.HEADER + ", t.typarray, t.typrelid FROM " + TypeQuery.FROM
                + " JOIN pg_catalog.pg_class r ON r.oid = t.typrelid"
                + " WHERE t.typtype = 'c' AND r.relkind = 'c' AND " + TypeQuery.WHERE + " ORDER BY n.nspname, t.typname";
        return CatalogQuery.list(c, sql, rs -> new CompositeType(ObjectHeader.from(rs), rs.getLong("typarray"),
                rs.getLong("typrelid"), List.copyOf(attributes.getOrDefault(rs.getLong("typrelid"), List.of()))));
    }
}
