package io.pgbarge.exec;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Index builds get parallel maintenance workers only while a worker of the run is idle. */
class BuildWorkersTest {
    @Test
    void buildsAreLimitedToOneProcessWhileEveryWorkerIsBusyAndGetTheDatabaseSettingBackAfter() throws Exception {
        TestDb db = TestServers.newDatabase(17, "build_workers");
        db.exec("ALTER DATABASE " + db.name() + " SET max_parallel_maintenance_workers = 3");
        BuildWorkers builds = new BuildWorkers(2);
        try (Connection c = db.connect()) {
            builds.started();
            builds.beforeBuild(c);
            assertThat(setting(c)).as("alone: the database's setting").isEqualTo("3");

            builds.started();
            builds.beforeBuild(c);
            assertThat(setting(c)).as("both workers busy").isEqualTo("0");
            builds.beforeBuild(c);
            assertThat(setting(c)).isEqualTo("0");

            builds.finished();
            builds.beforeBuild(c);
            assertThat(setting(c)).as("a worker idle again").isEqualTo("3");
        }
    }

    @Test
    void oneJobOrIdleWorkersNeverLimitBuilds() {
        BuildWorkers one = new BuildWorkers(1);
        one.started();
        assertThat(one.allBusy()).as("the only step of a run with one job").isFalse();

        BuildWorkers four = new BuildWorkers(4);
        four.started();
        four.started();
        four.started();
        assertThat(four.allBusy()).isFalse();
        four.started();
        assertThat(four.allBusy()).isTrue();
        four.finished();
        assertThat(four.allBusy()).isFalse();
    }

    private static String setting(Connection c) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery("SHOW max_parallel_maintenance_workers")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
