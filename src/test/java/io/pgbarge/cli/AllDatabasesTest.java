package io.pgbarge.cli;

import io.pgbarge.testutil.Cli;
import io.pgbarge.TestServers;
import io.pgbarge.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code copy --all-databases}: a source server of its own (the shared test servers hold every other
 * test's databases) with three databases, a template and one refusing connections, into shared target
 * servers, once by a login that may create databases and once by one that may not.
 */
@Timeout(300)
class AllDatabasesTest {
    static final long PID = ProcessHandle.current().pid();
    static final String A = "alldb_a_" + PID;
    static final String B = "alldb_b_" + PID;
    static final String C = "alldb_c_" + PID;
    static EmbeddedPostgres source;


    @BeforeAll
    static void sourceServer() throws Exception {
        source = EmbeddedPostgres.start(TestServers.pgbin(), System.getProperty("pgbarge.pg17"));
        try (Connection c = source.connect("postgres"); var st = c.createStatement()) {
            st.execute("CREATE DATABASE " + A + " ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
            st.execute("CREATE DATABASE " + B);
            st.execute("CREATE DATABASE " + C);
            st.execute("CREATE DATABASE alldb_tpl_" + PID + " IS_TEMPLATE true");
            st.execute("CREATE DATABASE alldb_closed_" + PID + " ALLOW_CONNECTIONS false");
        }
        for (String db : new String[] {A, B, C}) {
            try (Connection c = source.connect(db); var st = c.createStatement()) {
                st.execute("CREATE SCHEMA s; CREATE TABLE s.t (id int PRIMARY KEY, db text);"
                        + " INSERT INTO s.t SELECT i, current_database() FROM generate_series(1, "
                        + (db.equals(A) ? 10 : db.equals(B) ? 20 : 30) + ") i");
            }
        }
    }

    @AfterAll
    static void stop() {
        if (source != null) {
            source.close();
        }
    }

    @Test
    void copiesEachDatabaseIntoTheSameNamedOneCreatingItWhereTheLoginMay() throws Exception {
        EmbeddedPostgres target = TestServers.server(16);
        String login = "alldb_creator_" + PID;
        try (Connection c = target.connect("postgres"); var st = c.createStatement()) {
            st.execute("CREATE ROLE " + login + " LOGIN CREATEDB");
            st.execute("CREATE DATABASE " + B + " OWNER " + login); // exists already: used as it is
        }
        Cli.Run r = Cli.run("copy", "--all-databases", source.uri("postgres"),
                "postgresql://" + login + "@" + target.host() + ":" + target.port() + "/postgres", "--no-progress",
                "--exclude-database", "postgres");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.err()).contains("3 database(s) to copy: " + A + ", " + B + ", " + C)
                .contains("alldb_tpl_" + PID + " (template)").contains("alldb_closed_" + PID + " (does not allow connections)")
                .contains("excluded postgres");
        assertThat(r.out()).contains("Databases").contains("every database was copied (3)")
                .containsPattern(A + "\\s+copied \\(created on the target, owned by the login, LATIN1\\)")
                .containsPattern(B + "\\s+copied\\n");
        for (String db : new String[] {A, B, C}) {
            try (Connection c = as(target, db, login); var st = c.createStatement();
                 var rs = st.executeQuery("SELECT count(*), min(db), (SELECT pg_encoding_to_char(encoding) FROM pg_database"
                         + " WHERE datname = current_database()), (SELECT pg_get_userbyid(datdba) FROM pg_database"
                         + " WHERE datname = current_database()) FROM s.t")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(db.equals(A) ? 10 : db.equals(B) ? 20 : 30);
                assertThat(rs.getString(2)).isEqualTo(db);
                assertThat(rs.getString(3)).isEqualTo(db.equals(A) ? "LATIN1" : "UTF8");
                assertThat(rs.getString(4)).isEqualTo(login);
            }
        }
    }

    @Test
    void aDatabaseTheLoginMayNotCreateIsExplainedTheOthersAreCopiedAndTheExitCodeSaysSo() throws Exception {
        EmbeddedPostgres target = TestServers.server(15);
        String login = "alldb_plain_" + PID;
        try (Connection c = target.connect("postgres"); var st = c.createStatement()) {
            st.execute("CREATE ROLE " + login + " LOGIN");
            st.execute("CREATE DATABASE " + C + " OWNER " + login);
            st.execute("CREATE DATABASE " + B + " OWNER " + login);
        }
        try (Connection c = as(target, B, login); var st = c.createStatement()) {
            st.execute("CREATE SCHEMA s; CREATE TABLE s.t (x int)"); // in the way: that database fails, the others go on
        }
        // the first database named does not exist on either side: postgres is used to list and create
        Cli.Run r = Cli.run("copy", "--all-databases", source.uri("nowhere_" + PID),
                "postgresql://" + login + "@" + target.host() + ":" + target.port() + "/nowhere_" + PID,
                "--no-progress", "--exclude-database", "post*");
        assertThat(r.code()).isEqualTo(ExitCode.CONNECTION);
        assertThat(r.err()).contains("database " + A + " does not exist on the target").contains("CREATEDB")
                .contains("console").contains("CREATE DATABASE " + A + " OWNER " + login);
        assertThat(r.out()).containsPattern(A + "\\s+not copied: missing on the target")
                .containsPattern(B + "\\s+FAILED \\(exit 4: the target database already holds these objects\\)")
                .containsPattern(C + "\\s+copied").contains("2 of 3 databases were not copied");
        assertThat(r.err()).contains("table s.t");
        try (Connection c = as(target, C, login); var st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM s.t")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(30);
        }
    }

    static Connection as(EmbeddedPostgres server, String db, String user) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", user);
        return DriverManager.getConnection(server.jdbcUrl(db), p);
    }

}
