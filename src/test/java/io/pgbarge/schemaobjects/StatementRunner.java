package io.pgbarge.schemaobjects;

import io.pgbarge.catalog.Dependency;
import io.pgbarge.ddl.Section;
import io.pgbarge.ddl.Statement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A stand-in for the planner in these tests: section by section, each statement after the ones that
 * provide what it requires or what pg_depend says it needs (internal edges aside), else in list order.
 */
final class StatementRunner {
    private StatementRunner() {
    }

    static List<Statement> order(List<Statement> statements, List<Dependency> dependencies) {
        Map<String, Statement> providers = new HashMap<>();
        for (Statement s : statements) {
            s.provides().forEach(k -> providers.put(k, s));
        }
        Map<Statement, Set<Statement>> needs = new HashMap<>();
        for (Statement s : statements) {
            Set<Statement> n = new LinkedHashSet<>();
            for (String k : s.requires()) {
                add(n, s, providers.get(k));
            }
            needs.put(s, n);
        }
        for (Dependency d : dependencies) {
            if (d.type() != 'i' && providers.containsKey(d.from())) {
                add(needs.get(providers.get(d.from())), providers.get(d.from()), providers.get(d.to()));
            }
        }
        List<Statement> out = new ArrayList<>();
        Set<Statement> done = new LinkedHashSet<>();
        for (Section section : Section.values()) {
            boolean progress = true;
            while (progress) {
                progress = false;
                for (Statement s : statements) {
                    if (s.section() == section && !done.contains(s) && done.containsAll(needs.get(s))) {
                        done.add(s);
                        out.add(s);
                        progress = true;
                        break;
                    }
                }
            }
        }
        if (out.size() != statements.size()) {
            List<Statement> stuck = new ArrayList<>(statements);
            stuck.removeAll(done);
            throw new IllegalStateException("cannot order: " + stuck);
        }
        return out;
    }

    private static void add(Set<Statement> needs, Statement self, Statement provider) {
        if (provider != null && provider != self) {
            needs.add(provider);
        }
    }

    /**
     * Runs the statements in order, as the executor does: function bodies unchecked, statements that
     * name a role the target lacks left out.
     */
    static void run(Connection target, List<Statement> ordered) throws SQLException {
        Set<String> roles = new java.util.HashSet<>();
        try (var st = target.createStatement(); var rs = st.executeQuery("SELECT rolname FROM pg_roles")) {
            while (rs.next()) {
                roles.add(rs.getString(1));
            }
        }
        try (var st = target.createStatement()) {
            st.execute("SET check_function_bodies = false");
            for (Statement s : ordered) {
                if (!roles.containsAll(s.roles())) {
                    continue;
                }
                try {
                    st.execute(s.sql());
                } catch (SQLException e) {
                    throw new SQLException(e.getMessage() + "\n  in " + s.kind() + " " + s.name() + ":\n" + s.sql(), e);
                }
            }
        }
    }
}
