package io.pgbarge.tables;

import io.pgbarge.TestDb;
import io.pgbarge.catalog.Dependency;
import io.pgbarge.ddl.Keys;
import io.pgbarge.ddl.Section;
import io.pgbarge.ddl.Statement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A stand-in for the planner in tests: each section in a topological order by provides/requires and
 * by pg_depend edges between provided keys (internal ones left out, as the planner does), keeping the
 * input order where free. Rows are not copied, so {@code data:*} counts as present, and so does any
 * key no statement provides (objects the test's prelude made on both sides).
 */
final class StatementOrder {
    private StatementOrder() {
    }

    static List<Statement> order(List<Statement> statements, List<Dependency> dependencies) {
        Map<String, Set<String>> edges = new HashMap<>();
        for (Dependency d : dependencies) {
            if (d.type() != 'i') {
                edges.computeIfAbsent(d.from(), k -> new HashSet<>()).add(d.to());
            }
        }
        // pg_depend edges become requirements of the statement that provides the dependent key.
        List<Statement> all = statements.stream().map(s -> {
            Set<String> req = new HashSet<>(s.requires());
            s.provides().forEach(k -> req.addAll(edges.getOrDefault(k, Set.of())));
            req.removeAll(s.provides());
            return new Statement(s.kind(), s.name(), s.section(), s.sql(), s.provides(), req, s.roles(), s.creates());
        }).toList();
        List<Statement> out = new ArrayList<>();
        Set<String> provided = new HashSet<>();
        all.forEach(s -> provided.addAll(s.provides()));
        Set<String> done = new HashSet<>();
        for (Section section : Section.values()) {
            List<Statement> todo = new ArrayList<>(all.stream().filter(s -> s.section() == section).toList());
            while (!todo.isEmpty()) {
                Statement next = todo.stream().filter(s -> s.requires().stream()
                        .allMatch(k -> Keys.isData(k) || !provided.contains(k) || done.contains(k))).findFirst()
                        .orElseThrow(() -> new IllegalStateException("cycle or missing key among " + todo.stream()
                                .map(s -> s.kind() + " " + s.name() + " needs " + s.requires()).toList()));
                todo.remove(next);
                out.add(next);
                done.addAll(next.provides());
            }
        }
        return out;
    }

    /** Runs the statements in order on the target; a failure names the statement. */
    static void run(List<Statement> statements, List<Dependency> dependencies, TestDb target) throws SQLException {
        try (Connection c = target.connect(); var st = c.createStatement()) {
            for (Statement s : order(statements, dependencies)) {
                try {
                    st.execute(s.sql());
                } catch (SQLException e) {
                    throw new SQLException(s.kind() + " " + s.name() + " failed: " + e.getMessage() + "\n" + s.sql(), e);
                }
            }
        }
    }
}
