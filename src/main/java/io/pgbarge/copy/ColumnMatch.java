package io.pgbarge.copy;

import io.pgbarge.catalog.Column;
import io.pgbarge.catalog.Table;
import io.pgbarge.ddl.Sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a source table's columns line up with the target table of the same name in a data-only load:
 * by name, whatever their order on either side. A source column the target lacks is refused (its
 * values would be lost); a target column the source lacks gets its default, unless it is NOT NULL
 * without one (refused); a generated column on the target computes its own values.
 *
 * @param columns  the column names copied, in the source's order (both COPY statements list them)
 * @param binary   binary COPY is safe: every copied column is of the same built-in type on both sides
 * @param problems why the table cannot be loaded, one line each (empty when it can)
 * @param notes    what the load adapts
 * @param unpadded the copied char(n) columns whose blank padding need not be sent: the target's column
 *                 is char(m) with m at least n, which pads the values back (into text or varchar the
 *                 trailing blanks are data, so they are sent)
 */
record ColumnMatch(List<String> columns, boolean binary, List<String> problems, List<String> notes,
                   Set<String> unpadded) {

    static ColumnMatch of(Table source, TargetTables.Found target) {
        String t = source.qualifiedName();
        List<String> copied = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> unpadded = new HashSet<>();
        boolean binary = true;
        for (Column c : source.copyColumns()) {
            TargetTables.Column tc = target.column(c.name());
            if (tc == null) {
                missing.add(Sql.ident(c.name()));
            } else if (tc.generated()) {
                notes.add("table " + t + ": column " + Sql.ident(c.name()) + " is generated on the target, which"
                        + " computes its values; the source's values are not loaded");
            } else {
                copied.add(c.name());
                binary &= c.binarySafe() && c.typeSql().equals(tc.type());
                int n = c.paddedLength();
                if (n > 0 && Column.paddedLength(BPCHAR, tc.type()) >= n) {
                    unpadded.add(c.name());
                }
            }
        }
        if (copied.isEmpty() && missing.isEmpty() && !source.copyColumns().isEmpty()) {
            problems.add("table " + t + ": no column of the source can be loaded into the target's");
        }
        if (!missing.isEmpty()) {
            problems.add("table " + t + ": the target has no column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " (the source's values would be lost)");
        }
        Set<String> fromSource = source.copyColumns().stream().map(Column::name).collect(Collectors.toSet());
        List<String> defaulted = new ArrayList<>();
        List<String> required = new ArrayList<>();
        for (TargetTables.Column tc : target.columns()) {
            if (fromSource.contains(tc.name()) || tc.generated()) {
                continue;
            }
            if (tc.notNull() && !tc.hasDefault()) {
                required.add(Sql.ident(tc.name()));
            } else {
                defaulted.add(Sql.ident(tc.name()));
            }
        }
        if (!required.isEmpty()) {
            problems.add("table " + t + ": target column" + (required.size() > 1 ? "s " : " ")
                    + String.join(", ", required) + " NOT NULL without a default, and the source has no such column");
        }
        if (!defaulted.isEmpty()) {
            notes.add("table " + t + ": target column" + (defaulted.size() > 1 ? "s " : " ")
                    + String.join(", ", defaulted) + " not in the source, filled with " + (defaulted.size() > 1
                    ? "their defaults" : "its default"));
        }
        return new ColumnMatch(List.copyOf(copied), binary && !copied.isEmpty(), problems, notes, Set.copyOf(unpadded));
    }

    /** pg_type oid of bpchar: the target's types are known by format_type's spelling only. */
    private static final long BPCHAR = 1042;

    /** The source side's select list: the columns, those in {@code unpadded} cast to text. */
    String selectList() {
        return columns.stream().map(c -> unpadded.contains(c) ? Sql.ident(c) + "::pg_catalog.text" : Sql.ident(c))
                .collect(Collectors.joining(", "));
    }

    /** The quoted column list both COPY statements use. */
    String columnList() {
        return columns.stream().map(Sql::ident).collect(Collectors.joining(", ", "(", ")"));
    }
}
