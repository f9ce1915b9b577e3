package io.pgbarge.plan;

import io.pgbarge.ddl.Statement;

import java.io.IOException;
import java.io.Writer;

/**
 * A plan's statements as a readable SQL script that psql can run: pre-data in order, then the
 * post-data statements in an order that respects their dependencies. Row copies are not SQL and are
 * left out; the script says where they would happen.
 */
public final class PlanScript {
    private PlanScript() {
    }

    public static void write(Plan plan, String header, Writer out) throws IOException {
        out.write("--\n-- " + header.replace("\n", "\n-- ") + "\n--\n\n");
        out.write("SET statement_timeout = 0;\nSET lock_timeout = 0;\nSET client_encoding = 'UTF8';\n"
                + "SET standard_conforming_strings = on;\nSELECT pg_catalog.set_config('search_path', '', false);\n"
                + "SET check_function_bodies = false;\nSET client_min_messages = warning;\n\n");
        out.write("-- Section: pre-data\n\n");
        for (Statement s : plan.preData()) {
            write(s, out);
        }
        // tables a load step creates belong to the schema the script makes
        for (Step step : plan.steps()) {
            for (Statement s : step.before()) {
                write(s, out);
            }
        }
        boolean copies = plan.steps().stream().anyMatch(s -> s.kind() == Step.Kind.COPY);
        if (copies) {
            out.write("-- Section: data (table rows are copied here with COPY; not part of this script)\n\n");
        }
        out.write("-- Section: post-data\n\n");
        for (Step step : plan.steps()) {
            if (step.kind() == Step.Kind.SQL) {
                write(step.statement(), out);
            }
            for (Statement s : step.after()) {
                write(s, out);
            }
        }
    }

    private static void write(Statement s, Writer out) throws IOException {
        out.write("-- " + s.kind() + ": " + s.name().replace("\n", " ") + "\n");
        String sql = s.sql().strip();
        out.write(sql);
        out.write(sql.endsWith(";") ? "\n\n" : ";\n\n");
    }
}
