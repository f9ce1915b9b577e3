package io.pgbarge.copy;

import io.pgbarge.TestDb;
import io.pgbarge.report.RunProgress;

import java.sql.SQLException;
import java.util.List;

/** Runs the copy engine between two test databases, as the CLI would. */
final class CopyTestSupport {
    private CopyTestSupport() {
    }

    static CopyResult copy(TestDb source, TestDb target, CopyOptions options) throws Exception {
        return new DatabaseCopy(n -> source.connect(), n -> target.connect(), options, new RunProgress()).run();
    }

    static CopyOptions jobs(int n) {
        return new CopyOptions(n, false, false, false, false, true);
    }

    /** Roles are per server: make the source's test roles exist on the target server too. */
    static void copyRoles(TestDb source, TestDb target, String prefix) throws SQLException {
        List<List<String>> roles = source.query("SELECT rolname FROM pg_roles WHERE rolname LIKE '" + prefix + "%'");
        for (List<String> r : roles) {
            target.exec("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + r.get(0) + "') THEN"
                    + " CREATE ROLE \"" + r.get(0) + "\"; END IF; END $$");
        }
    }
}
