package io.pgbarge.database;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.catalog.ServerInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** ALTER DATABASE … SET, ALTER ROLE … IN DATABASE … SET, COMMENT ON DATABASE and its grants, onto a database of another name. */
@Timeout(120)
class DatabaseSettingsTest {
    private static final String SETTINGS = "SELECT coalesce(r.rolname, '-'), u.item"
            + " FROM pg_db_role_setting s LEFT JOIN pg_roles r ON r.oid = s.setrole,"
            + " unnest(s.setconfig) WITH ORDINALITY AS u(item, n)"
            + " WHERE s.setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())"
            + " ORDER BY 1, u.n";
    private static final String DATABASE = "SELECT shobj_description(oid, 'pg_database'), datacl::text"
            + " FROM pg_database WHERE datname = current_database()";

    @ParameterizedTest(name = "PG {0} to PG {1}")
    @CsvSource({"13, 13", "17, 17", "16, 18", "17, 13"})
    void recreatesTheDatabasesSettingsUnderTheTargetsName(int from, int to) throws Exception {
        TestDb source = TestServers.newDatabase(from, "dbset_src");
        TestDb target = TestServers.newDatabase(to, "dbset_tgt");
        DatabaseRun.role(source, "db_carol");
        DatabaseRun.role(target, "db_carol");
        String db = source.name();
        source.exec("ALTER DATABASE " + db + " SET search_path = \"$user\", public, 'my schema', 'Odd\"Name', ''");
        source.exec("ALTER DATABASE " + db + " SET work_mem = '64MB'");
        source.exec("ALTER DATABASE " + db + " SET \"DateStyle\" = 'ISO, DMY'");
        source.exec("ALTER DATABASE " + db + " SET myapp.greeting = 'it''s a back\\slash'");
        source.exec("ALTER DATABASE " + db + " SET log_min_duration_statement = 250");
        source.exec("ALTER ROLE db_carol IN DATABASE " + db + " SET statement_timeout = '5s'");
        source.exec("ALTER ROLE db_carol IN DATABASE " + db + " SET search_path = app, public");
        source.exec("COMMENT ON DATABASE " + db + " IS 'the app''s database'");
        source.exec("REVOKE CONNECT, TEMPORARY ON DATABASE " + db + " FROM PUBLIC");
        source.exec("GRANT CONNECT ON DATABASE " + db + " TO db_carol");

        DatabaseRun run = DatabaseRun.read(source, target);
        assertThat(run.sql()).allMatch(s -> !s.contains(db), "names the target database only");
        assertThat(run.sql()).contains("ALTER DATABASE " + target.name()
                + " SET search_path TO '$user', 'public', 'my schema', 'Odd\"Name', ''");
        run.apply(target);

        assertThat(target.query(SETTINGS)).isEqualTo(source.query(SETTINGS));
        assertThat(target.query(DATABASE)).isEqualTo(source.query(DATABASE));
        assertThat(run.notes).isEmpty();
    }

    /**
     * A target login that owns its database but is not a superuser: what it may not do is left out
     * with a note, the rest runs as that login.
     */
    @Test
    void leavesOutWhatANonSuperuserMayNotSet() throws Exception {
        TestDb source = TestServers.newDatabase(17, "dbset_src");
        TestDb target = TestServers.newDatabase(17, "dbset_tgt");
        DatabaseRun.role(source, "db_carol");
        target.exec("DO $$ BEGIN CREATE ROLE db_owner LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        target.exec("ALTER DATABASE " + target.name() + " OWNER TO db_owner");
        String db = source.name();
        source.exec("ALTER DATABASE " + db + " SET work_mem = '64MB'");
        source.exec("ALTER DATABASE " + db + " SET log_min_duration_statement = 250");
        source.exec("ALTER ROLE db_carol IN DATABASE " + db + " SET statement_timeout = '5s'");
        source.exec("ALTER ROLE db_owner IN DATABASE " + db + " SET statement_timeout = '7s'");
        source.exec("COMMENT ON DATABASE " + db + " IS 'commented'");

        ServerInfo login = new ServerInfo(170000, "17", target.name(), "db_owner", false, "UTF8");
        DatabaseRun run = DatabaseRun.read(source, login);
        assertThat(run.notes).hasSize(1);
        assertThat(run.notes.get(0)).startsWith("database setting log_min_duration_statement = 250 left out: only a superuser");

        Properties p = new Properties();
        p.setProperty("user", "db_owner");
        try (Connection c = DriverManager.getConnection(target.server().jdbcUrl(target.name()), p);
             var st = c.createStatement()) {
            // another role's defaults: decided against the target, after --role-map would have renamed roles
            List<String> notes = new java.util.ArrayList<>();
            var statements = io.pgbarge.copy.RoleSettings.filter(c, run.statements, notes);
            assertThat(notes).singleElement().asString()
                    .startsWith("setting for role db_carol left out: setting another role's defaults needs a superuser");
            for (var s : statements) {
                st.execute(s.sql());
            }
        }
        assertThat(target.query(SETTINGS)).containsExactly(List.of("-", "work_mem=64MB"),
                List.of("db_owner", "statement_timeout=7s"));
        assertThat(target.scalar("SELECT shobj_description(oid, 'pg_database') FROM pg_database"
                + " WHERE datname = current_database()")).isEqualTo("commented");
    }
}
