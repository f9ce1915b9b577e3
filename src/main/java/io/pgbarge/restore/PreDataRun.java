package io.pgbarge.restore;

import io.pgbarge.ddl.Statement;
import io.pgbarge.exec.StepFailedException;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs --clean's drops and the pre-data statements in the current transaction of one session, naming
 * the statement that failed.
 *
 * <p>Drops run in reverse archive order, each behind a savepoint: one that fails only because of the
 * order (an inherited constraint of a partition, dropped with its parent's) is tried again after the
 * others, as often as that makes progress.
 */
final class PreDataRun {
    private PreDataRun() {
    }

    static void run(Connection c, List<String> drops, List<Statement> preData) throws StepFailedException {
        drop(c, drops);
        String current = null;
        String what = null;
        try (var st = c.createStatement()) {
            for (Statement s : preData) {
                current = s.sql();
                what = s.kind().toLowerCase() + " " + s.name();
                st.execute(s.sql());
            }
        } catch (SQLException e) {
            throw new StepFailedException(what, "target", current, e);
        }
    }

    private static void drop(Connection c, List<String> drops) throws StepFailedException {
        List<String> todo = drops;
        while (!todo.isEmpty()) {
            List<String> failed = new ArrayList<>();
            SQLException firstError = null;
            try (var st = c.createStatement()) {
                for (String drop : todo) {
                    Savepoint sp = c.setSavepoint();
                    try {
                        st.execute(drop);
                        c.releaseSavepoint(sp);
                    } catch (SQLException e) {
                        c.rollback(sp);
                        failed.add(drop);
                        if (firstError == null) {
                            firstError = e;
                        }
                    }
                }
            } catch (SQLException e) {
                throw new StepFailedException("--clean: dropping the archive's objects", "target", null, e);
            }
            if (failed.size() == todo.size()) {
                throw new StepFailedException("--clean: dropping an existing object", "target", failed.get(0),
                        firstError);
            }
            todo = failed;
        }
    }
}
