package io.pgbarge.select;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The source's relations as -t/-T patterns see them, read before the session's search_path is emptied. */
public final class SourceRelations {
    private SourceRelations() {
    }

    public static List<TableFilter.Relation> read(Connection c) throws SQLException {
        String sql = "SELECT c.oid, n.nspname, c.relname, c.relkind, pg_catalog.pg_table_is_visible(c.oid)"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm', 'S')"
                + " AND n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'";
        List<TableFilter.Relation> out = new ArrayList<>();
        try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new TableFilter.Relation(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4).charAt(0), rs.getBoolean(5)));
            }
        }
        return out;
    }
}
