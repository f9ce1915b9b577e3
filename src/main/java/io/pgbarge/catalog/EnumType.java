package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An enum type with its labels in enumsortorder (the order ALTER TYPE … ADD VALUE BEFORE may have changed). */
public record EnumType(ObjectHeader header, long arrayOid, List<String> labels) {

    static List<EnumType> read(Connection c, ServerInfo server) throws SQLException {
        Map<Long, List<String>> labels = new LinkedHashMap<>();
        CatalogQuery.list(c, "SELECT enumtypid, enumlabel FROM pg_catalog.pg_enum ORDER BY enumtypid, enumsortorder",
                rs -> labels.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2)));
        String sql = "SELECT " + TypeQuery.HEADER + ", t.typarray FROM " + TypeQuery.FROM
                + " WHERE t.typtype = 'e' AND " + TypeQuery.WHERE + " ORDER BY n.nspname, t.typname";
        return CatalogQuery.list(c, sql, rs -> {
            ObjectHeader h = ObjectHeader.from(rs);
            return new EnumType(h, rs.getLong("typarray"), List.copyOf(labels.getOrDefault(h.oid(), List.of())));
        });
    }
}
