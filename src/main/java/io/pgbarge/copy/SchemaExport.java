package io.pgbarge.copy;

import io.pgbarge.catalog.Catalog;
import io.pgbarge.catalog.ServerInfo;
import io.pgbarge.ddl.DdlContext;
import io.pgbarge.ddl.SchemaScript;
import io.pgbarge.exec.ConnectionSource;
import io.pgbarge.plan.Plan;
import io.pgbarge.plan.PlanScript;
import io.pgbarge.plan.Planner;

import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** {@code pgbarge schema}: the DDL a copy would run, written as a SQL script instead of run. */
public final class SchemaExport {
    private SchemaExport() {
    }

    /** Writes the script and returns the notes (what was left out or adapted). */
    public static List<String> write(ConnectionSource source, Writer out) throws SQLException, IOException {
        try (Connection c = source.open("pgbarge:schema")) {
            c.setAutoCommit(false);
            try (var st = c.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                st.execute("SELECT pg_catalog.set_config('search_path', '', false)");
            }
            Catalog catalog = Catalog.read(c);
            c.rollback();
            ServerInfo server = catalog.server();
            // the script may run in any database: database-level statements name the one running it
            ServerInfo anyDatabase = new ServerInfo(server.versionNum(), server.version(), null, server.user(),
                    server.superuser(), server.encoding());
            SchemaScript.Result script = SchemaScript.statements(catalog, new DdlContext(server, anyDatabase));
            Plan plan = Planner.build(script.statements(), catalog.dependencies(), catalog.tables().tables(),
                    role -> true, false);
            PlanScript.write(plan, "Schema of database " + server.database() + " (PostgreSQL " + server.version()
                    + ") as pgbarge recreates it", out);
            List<String> notes = new ArrayList<>(script.notes());
            notes.addAll(plan.notes());
            return notes;
        }
    }
}
