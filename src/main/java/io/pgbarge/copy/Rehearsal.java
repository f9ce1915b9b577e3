package io.pgbarge.copy;

import io.pgbarge.catalog.ServerInfo;
import io.pgbarge.ddl.Statement;
import io.pgbarge.exec.PgError;
import io.pgbarge.exec.SessionSetup;
import io.pgbarge.plan.Plan;
import io.pgbarge.plan.Step;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Before copying into a target older than the source, every statement of the plan — post-data
 * included — is run once on the still-empty schema inside a transaction that is rolled back. An
 * object the older server cannot express is then refused by name before anything changes, instead
 * of failing after hours of data loading.
 */
final class Rehearsal {
    private Rehearsal() {
    }

    static void run(Connection target, List<String> drops, Plan plan, SessionSetup setup, ServerInfo source,
                    ServerInfo targetInfo) throws CopyFailedException, SQLException {
        setup.prepare(target);
        target.setAutoCommit(false);
        Statement current = null;
        try (var st = target.createStatement()) {
            for (String drop : drops) {
                st.execute(drop);
            }
            for (Statement s : plan.preData()) {
                current = s;
                st.execute(s.sql());
            }
            for (Step step : plan.steps()) {
                if (step.kind() == Step.Kind.SQL) {
                    current = step.statement();
                    st.execute(current.sql());
                }
                for (Statement before : step.before()) {
                    current = before;
                    st.execute(current.sql());
                }
                for (Statement after : step.after()) {
                    current = after;
                    st.execute(current.sql());
                }
            }
        } catch (SQLException e) {
            String what = current == null ? "an existing object" : current.kind().toLowerCase() + " " + current.name();
            throw new CopyFailedException("the target runs PostgreSQL " + targetInfo.version() + ", older than the source ("
                    + source.version() + "), and cannot create " + what + ":\n  "
                    + PgError.of(e).render().replace("\n", "\n  ")
                    + (current == null ? "" : "\n  statement: " + abbreviate(current.sql()))
                    + "\nThe object uses something PostgreSQL " + targetInfo.major() + " does not have. Nothing was"
                    + " changed on the target. Change or exclude the object on the source, or copy into PostgreSQL "
                    + source.major() + " or newer.", e);
        } finally {
            try {
                target.rollback();
            } finally {
                target.setAutoCommit(true);
            }
        }
    }

    private static String abbreviate(String sql) {
        String s = sql.strip();
        return s.length() > 300 ? s.substring(0, 300) + " …" : s;
    }
}
