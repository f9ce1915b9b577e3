package io.pgbarge.catalog;

import io.pgbarge.ddl.Keys;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One pg_depend edge between user objects: {@code from} needs {@code to}. Keys as in {@link Keys}.
 */
public record Dependency(String from, String to, char type) {

    /** Normal, automatic and internal dependencies of non-system objects; extension membership is read elsewhere. */
    public static List<Dependency> read(Connection c) throws SQLException {
        String sql = "SELECT classid::regclass::text, objid, refclassid::regclass::text, refobjid, deptype"
                + " FROM pg_depend WHERE deptype IN ('n', 'a', 'i') AND objid >= 16384 AND refobjid >= 16384"
                + " AND classid <> 0 AND refclassid <> 0";
        List<Dependency> out = new ArrayList<>();
        try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String from = Keys.of(bare(rs.getString(1)), rs.getLong(2));
                String to = Keys.of(bare(rs.getString(3)), rs.getLong(4));
                if (!from.equals(to)) {
                    out.add(new Dependency(from, to, rs.getString(5).charAt(0)));
                }
            }
        }
        return out;
    }

    private static String bare(String regclass) {
        return regclass.startsWith("pg_catalog.") ? regclass.substring("pg_catalog.".length()) : regclass;
    }
}
