package io.pgbarge.exec;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** A GIN build runs with at most 64MB of maintenance_work_mem; every other build with the session's own. */
class BuildMemoryTest {
    @Test
    void aGinBuildGetsAtMost64MbAndTheNextBuildTheSessionsOwnSetting() throws Exception {
        TestDb db = TestServers.newDatabase(15, "build_memory");
        db.exec("CREATE TABLE t (id int, b jsonb, tags text[]);"
                + " CREATE INDEX t_b ON t USING gin (b jsonb_path_ops); CREATE INDEX t_id ON t (id);");
        String gin = db.scalar("SELECT pg_catalog.pg_get_indexdef('t_b'::regclass)");
        String btree = db.scalar("SELECT pg_catalog.pg_get_indexdef('t_id'::regclass)");
        BuildMemory memory = new BuildMemory();
        try (Connection c = db.connect()) {
            exec(c, "SET maintenance_work_mem = '256MB'");
            memory.beforeBuild(c, btree);
            assertThat(setting(c)).as("no GIN build yet: untouched").isEqualTo("256MB");
            memory.beforeBuild(c, gin);
            assertThat(setting(c)).isEqualTo("64MB");
            memory.beforeBuild(c, gin.replace("t_b", "t_b2"));
            assertThat(setting(c)).isEqualTo("64MB");
            memory.beforeBuild(c, btree);
            assertThat(setting(c)).as("the session's own again").isEqualTo("256MB");
        }
        try (Connection c = db.connect()) {
            exec(c, "SET maintenance_work_mem = '16MB'");
            memory.beforeBuild(c, gin);
            assertThat(setting(c)).as("a lower setting stays").isEqualTo("16MB");
            memory.beforeBuild(c, btree);
            assertThat(setting(c)).isEqualTo("16MB");
        }
    }

    @Test
    void onlyGinBuildsAreRecognised() {
        assertThat(BuildMemory.isGin("CREATE INDEX d ON public.docs USING gin (body jsonb_path_ops)")).isTrue();
        assertThat(BuildMemory.isGin("CREATE INDEX d ON ONLY public.docs USING gin (tags)")).isTrue();
        assertThat(BuildMemory.isGin("CREATE INDEX d ON public.docs USING gist (body)")).isFalse();
        assertThat(BuildMemory.isGin("CREATE INDEX gin ON public.gin USING btree (gin)")).isFalse();
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (var st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String setting(Connection c) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery("SHOW maintenance_work_mem")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
