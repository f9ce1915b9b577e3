package io.pgbarge.copy;

import io.pgbarge.ddl.Statement;
import io.pgbarge.exec.SessionSetup;
import io.pgbarge.exec.StepFailedException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Runs --clean's drops and the pre-data statements in ONE target transaction: if any fails, the target
 * is left exactly as it was.
 */
final class PreDataRunner {
    private PreDataRunner() {
    }

    static void run(Connection target, List<String> drops, List<Statement> preData, SessionSetup setup)
            throws CopyFailedException, SQLException {
        setup.prepare(target);
        target.setAutoCommit(false);
        String current = null;
        String what = null;
        try (var st = target.createStatement()) {
            for (String drop : drops) {
                current = drop;
                what = null;
                st.execute(drop);
            }
            for (Statement s : preData) {
                current = s.sql();
                what = s.kind().toLowerCase() + " " + s.name();
                st.execute(s.sql());
            }
            target.commit();
        } catch (SQLException e) {
            try {
                target.rollback();
            } catch (SQLException ignored) {
                // the connection is closed next
            }
            StepFailedException f = new StepFailedException(what == null ? "--clean: dropping an existing object"
                    : "creating " + what, "target", current, e);
            throw new CopyFailedException(f.render() + "\nThe schema was created in one transaction, which was"
                    + " rolled back: nothing was changed on the target.", e);
        } finally {
            target.setAutoCommit(true);
        }
    }
}
