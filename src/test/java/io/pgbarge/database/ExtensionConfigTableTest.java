package io.pgbarge.database;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.catalog.ExtensionConfigTable;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Extension configuration tables and their conditions. No contrib extension registers one, so the
 * test marks its own table as citext's, as pg_extension_config_dump would from an extension script.
 */
@Timeout(120)
class ExtensionConfigTableTest {

    @ParameterizedTest(name = "PG {0}")
    @ValueSource(ints = {13, 17})
    void readsConfigurationTablesWithTheirConditions(int major) throws Exception {
        TestDb source = TestServers.newDatabase(major, "extcfg_src");
        source.exec("CREATE EXTENSION citext;"
                + " CREATE SCHEMA \"Ext Data\";"
                + " CREATE TABLE \"Ext Data\".settings (id int, standard boolean);"
                + " CREATE SEQUENCE \"Ext Data\".settings_seq;"
                + " ALTER EXTENSION citext ADD TABLE \"Ext Data\".settings;"
                + " ALTER EXTENSION citext ADD SEQUENCE \"Ext Data\".settings_seq;"
                + " UPDATE pg_extension SET extconfig = ARRAY['\"Ext Data\".settings'::regclass::oid,"
                + "   '\"Ext Data\".settings_seq'::regclass::oid], extcondition = ARRAY['WHERE NOT standard', '']"
                + "   WHERE extname = 'citext'");
        long table = Long.parseLong(source.scalar("SELECT '\"Ext Data\".settings'::regclass::oid"));
        long seq = Long.parseLong(source.scalar("SELECT '\"Ext Data\".settings_seq'::regclass::oid"));

        DatabaseRun run = DatabaseRun.read(source, source);

        assertThat(run.objects.extensionConfigTables()).containsExactly(
                new ExtensionConfigTable(table, "Ext Data", "settings", 'r', "citext", "WHERE NOT standard"),
                new ExtensionConfigTable(seq, "Ext Data", "settings_seq", 'S', "citext", null));
        assertThat(run.objects.extensionConfigTables().get(0).qualifiedName()).isEqualTo("\"Ext Data\".settings");
        assertThat(run.statements).isEmpty();
    }
}
