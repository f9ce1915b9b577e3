package io.pgbarge.copy;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.embedded.EmbeddedPostgres;
import io.pgbarge.plan.RoleMapping;
import io.pgbarge.report.RunProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Roles on a managed-style target (login not a superuser, the source's roles absent): --role-map,
 * --create-roles, providers' own roles, and comments on extensions the login does not own.
 */
@Timeout(300)
class RoleMappingCopyTest {
    private static final long PID = ProcessHandle.current().pid();

    /** A database on a PG 16 server owned by a new login that is not a superuser. */
    private record Target(String url, Properties props, String login) {
        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, props);
        }

        String database() {
            return url.substring(url.lastIndexOf('/') + 1);
        }

        String scalar(String sql) throws SQLException {
            try (var c = connect(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static Target target(String tag, String attributes) throws SQLException {
        EmbeddedPostgres server = TestServers.server(16);
        String login = "pgbarge_" + tag + "_" + PID;
        String db = login + "_db";
        try (var c = server.connect("postgres"); var st = c.createStatement()) {
            st.execute("CREATE ROLE " + login + " LOGIN " + attributes);
            st.execute("CREATE DATABASE " + db + " OWNER " + login);
        }
        Properties p = new Properties();
        p.setProperty("user", login);
        return new Target(server.jdbcUrl(db), p, login);
    }

    private static void createRole(TestDb db, String role) throws SQLException {
        db.exec("DO $$ BEGIN CREATE ROLE " + role + "; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
    }

    @Test
    void mappedRolesNameTheTargetsRolesAndProviderRolesAreLeftOut() throws Exception {
        TestDb src = TestServers.newDatabase(17, "rolemap_src");
        String owner = "src_owner_" + PID;
        String reader = "src_reader_" + PID;
        String tgtReader = "tgt_reader_" + PID;
        for (String r : List.of(owner, reader, "rds_superuser")) {
            createRole(src, r);
        }
        src.exec("CREATE SCHEMA shop AUTHORIZATION " + owner + ";"
                + " CREATE TABLE shop.item (id int PRIMARY KEY, who text);"
                + " INSERT INTO shop.item SELECT i, 'w' || i FROM generate_series(1, 20) i;"
                + " ALTER TABLE shop.item OWNER TO " + owner + ";"
                + " GRANT SELECT ON shop.item TO " + reader + ";"
                + " GRANT SELECT, UPDATE ON shop.item TO rds_superuser;"
                + " ALTER TABLE shop.item ENABLE ROW LEVEL SECURITY;"
                + " CREATE POLICY readers ON shop.item FOR SELECT TO " + reader + " USING (who <> '" + reader + "');"
                + " ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA shop GRANT SELECT ON TABLES TO " + reader + ";"
                + " CREATE EXTENSION IF NOT EXISTS citext; COMMENT ON EXTENSION citext IS 'changed on the source'");
        Target tgt = target("map", "CREATEROLE");
        try (var c = TestServers.server(16).connect("postgres"); var st = c.createStatement()) {
            st.execute("CREATE ROLE " + tgtReader);
        }
        // as on a managed service: an extension the provider installed, owned by its superuser
        try (var c = TestServers.server(16).connect(tgt.database()); var st = c.createStatement()) {
            st.execute("CREATE EXTENSION citext");
        }
        RoleMapping mapping = RoleMapping.parse(List.of(owner + "=" + tgt.login(), reader + "=" + tgtReader));

        CopyResult result = new DatabaseCopy(n -> src.connect(), n -> tgt.connect(),
                CopyOptions.defaults().withRoles(mapping, false), new RunProgress()).run();

        assertThat(tgt.scalar("SELECT count(*) FROM shop.item")).isEqualTo("20");
        assertThat(tgt.scalar("SELECT tableowner FROM pg_tables WHERE tablename = 'item'")).isEqualTo(tgt.login());
        assertThat(tgt.scalar("SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'shop'"))
                .isEqualTo(tgt.login());
        assertThat(tgt.scalar("SELECT has_table_privilege('" + tgtReader + "', 'shop.item', 'SELECT')")).isEqualTo("t");
        assertThat(tgt.scalar("SELECT array_to_string(polroles::regrole[], ',') FROM pg_policy WHERE polname = 'readers'"))
                .isEqualTo(tgtReader);
        assertThat(tgt.scalar("SELECT pg_get_expr(polqual, polrelid) FROM pg_policy WHERE polname = 'readers'"))
                .contains("'" + reader + "'");
        assertThat(tgt.scalar("SELECT defaclrole::regrole::text || ' ' || defaclacl::text FROM pg_default_acl"))
                .startsWith(tgt.login() + " ").contains(tgtReader + "=r/" + tgt.login());
        assertThat(result.notes()).anyMatch(n -> n.contains("rds_superuser") && n.contains("reserved"));
        assertThat(tgt.scalar("SELECT count(*) FROM information_schema.role_table_grants WHERE grantee = 'rds_superuser'"))
                .isEqualTo("0");
        assertThat(result.notes()).as(String.join("\n", result.notes()))
                .anyMatch(n -> n.contains("comment on extension citext left out"));
        assertThat(result.notes()).noneMatch(n -> n.contains(owner) || n.contains(reader));
        assertThat(tgt.scalar("SELECT obj_description(oid, 'pg_extension') FROM pg_extension WHERE extname = 'citext'"))
                .isNotEqualTo("changed on the source");
    }

    @Test
    void createRolesMakesTheMissingRolesAsNologin() throws Exception {
        TestDb src = TestServers.newDatabase(17, "createroles_src");
        String owner = "made_owner_" + PID;
        String reader = "made_reader_" + PID;
        createRole(src, owner);
        createRole(src, reader);
        src.exec("CREATE TABLE public.doc (id int); INSERT INTO public.doc VALUES (1);"
                + " ALTER TABLE public.doc OWNER TO " + owner + "; GRANT SELECT ON public.doc TO " + reader + ";"
                + " GRANT SELECT ON public.doc TO pg_read_all_data");
        Target tgt = target("create", "CREATEROLE");
        // the new owner of a table needs CREATE on its schema when a non-superuser hands it over
        try (var c = TestServers.server(16).connect(tgt.database());
             var st = c.createStatement()) {
            st.execute("GRANT CREATE ON SCHEMA public TO PUBLIC");
        }

        CopyResult result = new DatabaseCopy(n -> src.connect(), n -> tgt.connect(),
                CopyOptions.defaults().withRoles(RoleMapping.NONE, true), new RunProgress()).run();

        assertThat(result.notes()).anyMatch(n -> n.contains("--create-roles: created 2 role(s)") && n.contains(owner)
                && n.contains(reader));
        assertThat(tgt.scalar("SELECT string_agg(rolname || ':' || rolcanlogin || rolsuper || rolcreaterole"
                + " || rolcreatedb, ',' ORDER BY rolname) FROM pg_roles WHERE rolname IN ('" + owner + "', '" + reader + "')"))
                .isEqualTo(owner + ":falsefalsefalsefalse," + reader + ":falsefalsefalsefalse");
        assertThat(tgt.scalar("SELECT tableowner FROM pg_tables WHERE tablename = 'doc'")).isEqualTo(owner);
        assertThat(tgt.scalar("SELECT has_table_privilege('" + reader + "', 'public.doc', 'SELECT')")).isEqualTo("t");
        assertThat(result.notes()).anyMatch(n -> n.contains("pg_read_all_data") && n.contains("reserved"));
    }

    /**
     * A CREATEROLE login hands objects to roles it created in schemas those roles do not own (public on
     * PostgreSQL 15+, a schema mapped onto the login): each role is granted CREATE there first, with a
     * note. Role settings are judged after --role-map: those of the role mapped onto the login and of a
     * role the login created are kept.
     */
    @Test
    void newOwnersGetCreateOnTheirSchemaAndMappedRoleSettingsAreKept() throws Exception {
        TestDb src = TestServers.newDatabase(17, "ownergrant_src");
        String owner = "grant_owner_" + PID;
        String schemaOwner = "grant_schema_owner_" + PID;
        createRole(src, owner);
        createRole(src, schemaOwner);
        src.exec("CREATE SCHEMA app AUTHORIZATION " + schemaOwner + ";"
                + " CREATE TABLE app.t (id int); INSERT INTO app.t VALUES (1), (2); ALTER TABLE app.t OWNER TO " + owner + ";"
                + " CREATE TABLE public.doc (id int); INSERT INTO public.doc VALUES (1); ALTER TABLE public.doc OWNER TO " + owner + ";"
                + " ALTER ROLE " + schemaOwner + " IN DATABASE " + src.name() + " SET work_mem = '8MB';"
                + " ALTER ROLE " + owner + " IN DATABASE " + src.name() + " SET statement_timeout = '3s'");
        Target tgt = target("owngrant", "CREATEROLE");
        RoleMapping mapping = RoleMapping.parse(List.of(schemaOwner + "=" + tgt.login()));

        CopyResult result = new DatabaseCopy(n -> src.connect(), n -> tgt.connect(),
                CopyOptions.defaults().withRoles(mapping, true), new RunProgress()).run();

        assertThat(tgt.scalar("SELECT string_agg(schemaname || '.' || tablename || ':' || tableowner, ',' ORDER BY schemaname, tablename)"
                + " FROM pg_tables WHERE tablename IN ('t', 'doc')")).isEqualTo("app.t:" + owner + ",public.doc:" + owner);
        assertThat(tgt.scalar("SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'app'")).isEqualTo(tgt.login());
        assertThat(result.notes()).anyMatch(n -> n.startsWith("role " + owner + " was granted CREATE on schema public"))
                .anyMatch(n -> n.startsWith("role " + owner + " was granted CREATE on schema app"));
        assertThat(tgt.scalar("SELECT has_schema_privilege('" + owner + "', 'app', 'CREATE')")).isEqualTo("t");
        assertThat(tgt.scalar("SELECT string_agg(coalesce(setrole::regrole::text, '-') || ' ' || array_to_string(setconfig, ','),"
                + " ';' ORDER BY setrole::regrole::text) FROM pg_db_role_setting WHERE setdatabase = (SELECT oid FROM pg_database"
                + " WHERE datname = current_database())"))
                .isEqualTo(owner + " statement_timeout=3s;" + tgt.login() + " work_mem=8MB");
        assertThat(result.notes()).noneMatch(n -> n.contains("setting for role"));
        assertThat(tgt.scalar("SELECT count(*) FROM app.t")).isEqualTo("2");
    }

    @Test
    void restoreGivesNewOwnersCreateOnTheirSchema(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        TestDb src = TestServers.newDatabase(17, "restoregrant_src");
        String owner = "rgrant_owner_" + PID;
        createRole(src, owner);
        src.exec("CREATE SCHEMA kept; CREATE TABLE kept.t (id int); INSERT INTO kept.t VALUES (1);"
                + " ALTER TABLE kept.t OWNER TO " + owner + ";"
                + " CREATE TABLE public.doc (id int); INSERT INTO public.doc VALUES (1), (2);"
                + " ALTER TABLE public.doc OWNER TO " + owner);
        java.nio.file.Path file = tmp.resolve("g.dump");
        assertThat(io.pgbarge.cli.Main.execute("dump", src.uri(), "-Fc", "-f", file.toString(), "--no-progress"))
                .isEqualTo(0);
        Target tgt = target("rgrant", "CREATEROLE");
        String targetUri = "postgresql://" + tgt.login() + "@" + tgt.url().substring("jdbc:postgresql://".length());

        int code = io.pgbarge.cli.Main.execute("restore", "-d", targetUri, "--no-progress", "--create-roles",
                file.toString());

        assertThat(code).isEqualTo(0);
        assertThat(tgt.scalar("SELECT string_agg(schemaname || '.' || tablename || ':' || tableowner, ',' ORDER BY schemaname, tablename)"
                + " FROM pg_tables WHERE tablename IN ('t', 'doc')")).isEqualTo("kept.t:" + owner + ",public.doc:" + owner);
        assertThat(tgt.scalar("SELECT count(*) FROM public.doc")).isEqualTo("2");
        assertThat(tgt.scalar("SELECT has_schema_privilege('" + owner + "', 'public', 'CREATE')")).isEqualTo("t");
    }

    @Test
    void aLoginThatMayNotCreateRolesGetsANote() throws Exception {
        TestDb src = TestServers.newDatabase(17, "nocreaterole_src");
        String owner = "unmade_owner_" + PID;
        createRole(src, owner);
        src.exec("CREATE TABLE public.doc (id int); ALTER TABLE public.doc OWNER TO " + owner);
        Target tgt = target("nocreate", "");

        CopyResult result = new DatabaseCopy(n -> src.connect(), n -> tgt.connect(),
                CopyOptions.defaults().withRoles(RoleMapping.NONE, true), new RunProgress()).run();

        assertThat(result.notes()).anyMatch(n -> n.contains("may not create roles") && n.contains(owner));
        assertThat(tgt.scalar("SELECT count(*) FROM pg_roles WHERE rolname = '" + owner + "'")).isEqualTo("0");
        assertThat(tgt.scalar("SELECT tableowner FROM pg_tables WHERE tablename = 'doc'")).isEqualTo(tgt.login());
    }

    @Test
    void restoreOfAnArchiveMapsAndCreatesRoles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        TestDb src = TestServers.newDatabase(17, "restoremap_src");
        String owner = "arch_owner_" + PID;
        String reader = "arch_reader_" + PID;
        createRole(src, owner);
        createRole(src, reader);
        src.exec("CREATE SCHEMA arch AUTHORIZATION " + owner + "; CREATE TABLE arch.t (id int);"
                + " INSERT INTO arch.t VALUES (1), (2); ALTER TABLE arch.t OWNER TO " + owner + ";"
                + " GRANT SELECT ON arch.t TO " + reader + "; GRANT SELECT ON arch.t TO rds_superuser");
        java.nio.file.Path file = tmp.resolve("arch.dump");
        assertThat(io.pgbarge.cli.Main.execute("dump", src.uri(), "-Fc", "-f", file.toString(), "--no-progress"))
                .isEqualTo(0);
        Target tgt = target("restore", "CREATEROLE");
        String targetUri = "postgresql://" + tgt.login() + "@" + tgt.url().substring("jdbc:postgresql://".length());

        int code = io.pgbarge.cli.Main.execute("restore", "-d", targetUri, "--no-progress", "--role-map",
                owner + "=" + tgt.login(), "--create-roles", file.toString());

        assertThat(code).isEqualTo(0);
        assertThat(tgt.scalar("SELECT count(*) FROM arch.t")).isEqualTo("2");
        assertThat(tgt.scalar("SELECT tableowner FROM pg_tables WHERE tablename = 't' AND schemaname = 'arch'"))
                .isEqualTo(tgt.login());
        assertThat(tgt.scalar("SELECT rolcanlogin::text FROM pg_roles WHERE rolname = '" + reader + "'")).isEqualTo("false");
        assertThat(tgt.scalar("SELECT count(*) FROM pg_roles WHERE rolname = '" + owner + "'")).isEqualTo("0");
        assertThat(tgt.scalar("SELECT count(*) FROM pg_roles WHERE rolname = 'rds_superuser'")).isEqualTo("0");
        assertThat(tgt.scalar("SELECT has_table_privilege('" + reader + "', 'arch.t', 'SELECT')")).isEqualTo("t");
    }
}
