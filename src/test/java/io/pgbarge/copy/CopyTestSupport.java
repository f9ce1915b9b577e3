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

    /** Work that may throw, run under a system property. */
    interface Run<T> {
        T run() throws Exception;
    }

    /** Runs {@code run} with a system property set (a size threshold), then puts back what was there. */
    static <T> T withProperty(String name, long value, Run<T> run) throws Exception {
        String before = System.getProperty(name);
        System.setProperty(name, Long.toString(value));
        try {
            return run.run();
        } finally {
            if (before == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, before);
            }
        }
    }

    /** A progress that adds the name of every finished step to {@code steps}. */
    static RunProgress recordingSteps(List<String> steps) {
        RunProgress progress = new RunProgress();
        progress.addListener(new RunProgress.Listener() {
            @Override
            public void stepFinished(String kind, String name, java.time.Duration took) {
                steps.add(name);
            }
        });
        return progress;
    }
}
