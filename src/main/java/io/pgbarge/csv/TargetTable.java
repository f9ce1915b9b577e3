package io.pgbarge.csv;

import io.pgbarge.ddl.Sql;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The table rows go into: its columns as the target has them, and how a header's names map onto them. */
record TargetTable(String schema, String name, List<Column> columns) {

    /**
     * @param required NOT NULL without a default: a header must name it
     */
    record Column(String name, boolean generated, boolean required) {
    }

    String qualified() {
        return Sql.qualified(schema, name);
    }

    String display() {
        return schema + "." + name;
    }

    /** The table {@code name} (as written in SQL: {@code orders}, {@code sales."Orders"}) on the target, or null. */
    static TargetTable find(Connection c, String name) throws SQLException {
        String schema;
        String rel;
        long oid;
        try (PreparedStatement ps = c.prepareStatement("SELECT c.oid, n.nspname, c.relname, c.relkind FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                oid = rs.getLong(1);
                schema = rs.getString(2);
                rel = rs.getString(3);
                String kind = rs.getString(4);
                if (!kind.equals("r") && !kind.equals("p")) {
                    throw new IllegalArgumentException(schema + "." + rel + " is not a table (relkind " + kind + ")");
                }
            }
        }
        List<Column> cols = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT attname, attgenerated <> '', attnotnull AND NOT atthasdef"
                + " AND attidentity = '' FROM pg_attribute WHERE attrelid = ? AND attnum > 0 AND NOT attisdropped"
                + " ORDER BY attnum")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cols.add(new Column(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3)));
                }
            }
        }
        return new TargetTable(schema, rel, List.copyOf(cols));
    }

    /** Schema and table of a name to be created: {@code parse_ident} splits it as the server would. */
    static String[] parseName(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT parse_ident(?), current_schema()")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Array a = rs.getArray(1);
                String[] parts = (String[]) a.getArray();
                if (parts.length == 1) {
                    if (rs.getString(2) == null) {
                        throw new IllegalArgumentException("no schema to create " + name + " in (search_path is empty):"
                                + " name the schema, as --table schema." + name);
                    }
                    return new String[] {rs.getString(2), parts[0]};
                }
                if (parts.length == 2) {
                    return parts;
                }
                throw new IllegalArgumentException("--table " + name + ": give a table name or schema.table");
            }
        }
    }

    static String createSql(String schema, String name, List<String> columns, List<ColumnType> types) {
        StringBuilder b = new StringBuilder("CREATE TABLE ").append(Sql.qualified(schema, name)).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(Sql.ident(columns.get(i))).append(' ').append(types.get(i).sql);
        }
        return b.append(')').toString();
    }

    /** Loadable columns in table order (COPY without a column list fills these). */
    List<String> loadable() {
        return columns.stream().filter(c -> !c.generated()).map(Column::name).toList();
    }

    /**
     * The table column each header name loads into: the same name, else the one column whose name
     * differs only in case. Throws IllegalArgumentException listing every name that does not line up.
     */
    List<String> match(List<String> header, String input) {
        Map<String, Column> exact = new LinkedHashMap<>();
        Map<String, List<Column>> folded = new LinkedHashMap<>();
        for (Column c : columns) {
            exact.put(c.name(), c);
            folded.computeIfAbsent(c.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(c);
        }
        List<String> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String h : header) {
            String key = h == null ? "" : h;
            Column c = exact.get(key);
            if (c == null) {
                List<Column> f = folded.getOrDefault(key.toLowerCase(Locale.ROOT), List.of());
                c = f.size() == 1 ? f.get(0) : null;
            }
            if (c == null) {
                problems.add("\"" + key + "\" is not a column of " + display());
            } else if (c.generated()) {
                problems.add("\"" + key + "\" is a generated column (it cannot be loaded)");
            } else if (out.contains(c.name())) {
                problems.add("\"" + key + "\" appears twice");
            } else {
                out.add(c.name());
            }
        }
        for (Column c : columns) {
            if (c.required() && !out.contains(c.name())) {
                problems.add("column \"" + c.name() + "\" is NOT NULL without a default, and the header does not name it");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the header of " + input + " does not match " + display() + ":\n  "
                    + String.join("\n  ", problems) + "\n  (the table's columns: " + String.join(", ",
                    columns.stream().map(Column::name).toList()) + "; --no-header loads by position)");
        }
        return out;
    }

    /** {@code COPY t (a, b) FROM STDIN WITH (…)}; no column list for null. */
    String copySql(List<String> cols, CsvFormat format) {
        String list = cols == null ? "" : " (" + String.join(", ", cols.stream().map(Sql::ident).toList()) + ")";
        return "COPY " + qualified() + list + " FROM STDIN WITH " + format.copyOptions();
    }
}
