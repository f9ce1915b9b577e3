package io.pgbarge.database;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Subscriptions are read, not created, and each gets a note. */
@Timeout(120)
class SubscriptionTest {

    @ParameterizedTest(name = "PG {0}")
    @ValueSource(ints = {13, 17})
    void notesEverySubscriptionInsteadOfCreatingIt(int major) throws Exception {
        TestDb source = TestServers.newDatabase(major, "sub_src");
        TestDb target = TestServers.newDatabase(major, "sub_tgt");
        // connect = false: no publisher is contacted and no slot made
        source.exec("CREATE SUBSCRIPTION \"Sub One\" CONNECTION 'host=localhost dbname=nowhere'"
                + " PUBLICATION pub_a, \"Pub B\" WITH (connect = false)");
        try {
            DatabaseRun run = DatabaseRun.read(source, target);
            assertThat(run.objects.subscriptions()).singleElement().satisfies(s -> {
                assertThat(s.name()).isEqualTo("Sub One");
                assertThat(s.publications()).containsExactly("pub_a", "Pub B");
            });
            assertThat(run.statements).isEmpty();
            assertThat(run.notes).singleElement().asString()
                    .startsWith("subscription \"Sub One\" (publications pub_a, \"Pub B\", owner postgres) not created:")
                    .contains("--subscriptions (not yet supported)");
            run.apply(target);
            assertThat(target.scalar("SELECT count(*) FROM pg_subscription WHERE subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())")).isEqualTo("0");

            // a login that is not a superuser may read the public columns
            source.exec("DO $$ BEGIN CREATE ROLE sub_reader LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
            Properties p = new Properties();
            p.setProperty("user", "sub_reader");
            try (Connection c = DriverManager.getConnection(source.server().jdbcUrl(source.name()), p)) {
                c.setAutoCommit(false);
                var info = io.pgbarge.catalog.ServerInfo.read(c);
                var objects = io.pgbarge.catalog.DatabaseObjects.read(c, info);
                assertThat(objects.subscriptions()).hasSize(1);
                assertThat(objects.readNotes()).isEmpty();
                c.rollback();
            }
        } finally {
            source.exec("ALTER SUBSCRIPTION \"Sub One\" SET (slot_name = NONE); DROP SUBSCRIPTION \"Sub One\"");
        }
    }

    /** A refusal to read pg_subscription is a note, and the snapshot transaction goes on. */
    @org.junit.jupiter.api.Test
    void aRefusalIsANoteNotAFailure() throws Exception {
        TestDb source = TestServers.newDatabase(17, "sub_src");
        source.exec("DO $$ BEGIN CREATE ROLE sub_reader LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        // a catalog's privileges are per database, even a shared catalog's
        source.exec("REVOKE ALL ON pg_catalog.pg_subscription FROM PUBLIC; SELECT lo_create(0)");
        Properties p = new Properties();
        p.setProperty("user", "sub_reader");
        try (Connection c = DriverManager.getConnection(source.server().jdbcUrl(source.name()), p)) {
            c.setAutoCommit(false);
            var info = io.pgbarge.catalog.ServerInfo.read(c);
            var objects = io.pgbarge.catalog.DatabaseObjects.read(c, info);
            assertThat(objects.readNotes()).singleElement().asString()
                    .startsWith("subscriptions of the source could not be read (ERROR: permission denied");
            assertThat(objects.largeObjects()).as("read after the refusal").hasSize(1);
            c.rollback();
        }
    }
}
