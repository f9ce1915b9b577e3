package io.pgbarge.database;

import io.pgbarge.TestDb;
import io.pgbarge.catalog.DatabaseObjects;
import io.pgbarge.catalog.Dependency;
import io.pgbarge.catalog.ServerInfo;
import io.pgbarge.ddl.DatabaseObjectsDdl;
import io.pgbarge.ddl.DdlContext;
import io.pgbarge.ddl.Statement;
import io.pgbarge.plan.Plan;
import io.pgbarge.plan.Planner;
import io.pgbarge.plan.Step;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A source read as a copy reads it (one REPEATABLE READ, READ ONLY transaction, empty search_path), the
 * statements generated for a target and run there in the real planner's order.
 */
final class DatabaseRun {
    final DatabaseObjects objects;
    final List<Dependency> dependencies;
    final DdlContext ctx;
    final List<Statement> statements;
    final List<String> notes;

    private DatabaseRun(DatabaseObjects objects, List<Dependency> dependencies, DdlContext ctx) {
        this.objects = objects;
        this.dependencies = dependencies;
        this.ctx = ctx;
        this.statements = DatabaseObjectsDdl.statements(objects, ctx);
        this.notes = DatabaseObjectsDdl.notes(objects, ctx);
    }

    static DatabaseRun read(TestDb source, TestDb target) throws SQLException {
        ServerInfo targetInfo;
        try (Connection c = target.connect()) {
            targetInfo = ServerInfo.read(c);
        }
        return read(source, targetInfo);
    }

    static DatabaseRun read(TestDb source, ServerInfo targetInfo) throws SQLException {
        try (Connection c = source.connect()) {
            c.setAutoCommit(false);
            try (var st = c.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                st.execute("SELECT pg_catalog.set_config('search_path', '', false)");
            }
            ServerInfo sourceInfo = ServerInfo.read(c);
            DatabaseObjects objects = DatabaseObjects.read(c, sourceInfo);
            List<Dependency> deps = Dependency.read(c);
            c.commit();
            return new DatabaseRun(objects, deps, new DdlContext(sourceInfo, targetInfo));
        }
    }

    interface Between {
        void run() throws SQLException;
    }

    Plan apply(TestDb target) throws SQLException {
        return apply(target, () -> { });
    }

    /**
     * Pre-data in one transaction, then {@code data} (what the data phase would do), then the other
     * steps one after the other in the plan's order.
     */
    Plan apply(TestDb target, Between data) throws SQLException {
        Set<String> roles = new HashSet<>(target.query("SELECT rolname FROM pg_roles").stream().map(r -> r.get(0)).toList());
        Plan plan = Planner.build(statements, dependencies, List.of(), roles::contains, false);
        try (Connection c = target.connect()) {
            c.setAutoCommit(false);
            try (var st = c.createStatement()) {
                for (Statement s : plan.preData()) {
                    run(st, s);
                }
            }
            c.commit();
            c.setAutoCommit(true);
            data.run();
            try (var st = c.createStatement()) {
                for (Step step : plan.steps()) {
                    if (step.kind() == Step.Kind.SQL) {
                        run(st, step.statement());
                    }
                }
            }
        }
        return plan;
    }

    private static void run(java.sql.Statement st, Statement s) throws SQLException {
        try {
            st.execute(s.sql());
        } catch (SQLException e) {
            throw new SQLException(e.getMessage() + "\n  in " + s.kind() + " " + s.name() + ":\n" + s.sql(), e);
        }
    }

    List<String> sql() {
        List<String> out = new ArrayList<>();
        statements.forEach(s -> out.add(s.sql()));
        return out;
    }

    static void role(TestDb db, String role) throws SQLException {
        db.exec("DO $$ BEGIN CREATE ROLE " + role + "; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
    }
}
