package io.pgbarge.copy;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.embedded.EmbeddedPostgres;
import io.pgbarge.report.RunProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.DriverManager;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** A target whose login is no superuser, as on managed services: owners it cannot use are noted, not fatal. */
@Timeout(300)
class NonSuperuserTargetTest {
    @Test
    void objectsOwnedByRolesTheLoginCannotUseStayWithTheLogin() throws Exception {
        TestDb src = TestServers.newDatabase(17, "nosu_src");
        EmbeddedPostgres server = TestServers.server(16);
        String login = "pgbarge_app_" + ProcessHandle.current().pid();
        String db = login + "_db";
        try (var c = server.connect("postgres"); var st = c.createStatement()) {
            st.execute("DO $$ BEGIN CREATE ROLE pgbarge_other; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
            st.execute("CREATE ROLE " + login + " LOGIN CREATEDB CREATEROLE");
            st.execute("CREATE DATABASE " + db + " OWNER " + login);
        }
        src.exec("DO $$ BEGIN CREATE ROLE pgbarge_other; EXCEPTION WHEN duplicate_object THEN NULL; END $$;"
                + " CREATE SCHEMA shop; CREATE TABLE shop.item (id int PRIMARY KEY, name text);"
                + " INSERT INTO shop.item SELECT i, 'n' || i FROM generate_series(1, 50) i;"
                + " ALTER TABLE shop.item OWNER TO pgbarge_other; GRANT SELECT ON shop.item TO pgbarge_other");
        Properties p = new Properties();
        p.setProperty("user", login);
        String url = server.jdbcUrl(db);

        CopyResult result = new DatabaseCopy(n -> src.connect(), n -> DriverManager.getConnection(url, p),
                CopyOptions.defaults(), new RunProgress()).run();

        assertThat(result.notes()).anyMatch(n -> n.contains("pgbarge_other exists on the target, but the target"
                + " login is not a member of it") && n.contains("shop.item"));
        try (var c = DriverManager.getConnection(url, p); var st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*), (SELECT tableowner FROM pg_tables WHERE tablename = 'item')"
                     + " FROM shop.item")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(50);
            assertThat(rs.getString(2)).isEqualTo(login);
        }
    }
}
