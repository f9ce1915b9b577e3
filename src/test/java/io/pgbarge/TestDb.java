package io.pgbarge;

import io.pgbarge.embedded.EmbeddedPostgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** One database of a test, on a shared embedded server. */
public record TestDb(EmbeddedPostgres server, String name) {

    public String uri() {
        return server.uri(name);
    }

    public Connection connect() throws SQLException {
        return server.connect(name);
    }

    /** Runs a SQL script (several statements, dollar quotes allowed) in one round trip. */
    public void exec(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    public List<List<String>> query(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    public String scalar(String sql) throws SQLException {
        List<List<String>> r = query(sql);
        return r.isEmpty() ? null : r.get(0).get(0);
    }

    public int majorVersion() {
        return server.majorVersion();
    }
}
