package io.pgbarge.conn;

import static io.pgbarge.conn.Specs.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentDefaultsTest {
    private static final Map<String, String> ENV = Map.ofEntries(
            Map.entry("PGHOST", "envhost"),
            Map.entry("PGPORT", "6000"),
            Map.entry("PGDATABASE", "envdb"),
            Map.entry("PGUSER", "envuser"),
            Map.entry("PGPASSWORD", "envpw"),
            Map.entry("PGSSLMODE", "require"),
            Map.entry("PGAPPNAME", "envapp"),
            Map.entry("PGCONNECT_TIMEOUT", "9"),
            Map.entry("PGOPTIONS", "-c work_mem=64MB"),
            Map.entry("PGTARGETSESSIONATTRS", "standby"),
            Map.entry("PGCHANNELBINDING", "disable"),
            Map.entry("PGSSLROOTCERT", "/etc/ca.pem"));

    @Test
    void environmentFillsWhatTheStringLeavesOut() {
        ConnectionSpec s = parse("", ENV);
        assertThat(s.hosts()).containsExactly(new HostPort("envhost", 6000));
        assertThat(s.database()).isEqualTo("envdb");
        assertThat(s.user()).isEqualTo("envuser");
        assertThat(s.password()).isEqualTo("envpw");
        assertThat(s.passwordSource()).isEqualTo(PasswordSource.PGPASSWORD);
        assertThat(s.sslMode()).isEqualTo(SslMode.REQUIRE);
        assertThat(s.applicationName()).isEqualTo("envapp");
        assertThat(s.connectTimeout()).isEqualTo(9);
        assertThat(s.options()).isEqualTo("-c work_mem=64MB");
        assertThat(s.targetSessionAttrs()).isEqualTo(TargetSessionAttrs.STANDBY);
        assertThat(s.channelBinding()).isEqualTo("disable");
        // require with a root certificate given verifies it, as libpq does
        assertThat(s.sslRootCert()).isNull(); // the file does not exist here
    }

    @Test
    void theStringWinsKeywordByKeyword() {
        ConnectionSpec s = parse("postgresql://bob:pw@h/d?sslmode=disable", ENV);
        assertThat(s.hosts()).containsExactly(new HostPort("h", 6000)); // port still from PGPORT
        assertThat(s.user()).isEqualTo("bob");
        assertThat(s.password()).isEqualTo("pw");
        assertThat(s.passwordSource()).isEqualTo(PasswordSource.CONNECTION_STRING);
        assertThat(s.database()).isEqualTo("d");
        assertThat(s.sslMode()).isEqualTo(SslMode.DISABLE);
        assertThat(s.applicationName()).isEqualTo("envapp");
    }

    @Test
    void aBareDatabaseNameKeepsTheRestOfTheEnvironment() {
        ConnectionSpec s = parse("otherdb", ENV);
        assertThat(s.database()).isEqualTo("otherdb");
        assertThat(s.hosts()).containsExactly(new HostPort("envhost", 6000));
    }

    @Test
    void anExplicitEmptyValueBlocksTheEnvironmentAndMeansTheDefault() {
        ConnectionSpec s = parse("host='' dbname=d", ENV);
        assertThat(s.hosts()).containsExactly(new HostPort("localhost", 6000));
    }

    @Test
    void withoutEnvironmentTheDefaultsAreLibpqs() {
        ConnectionSpec s = parse("", Map.of());
        assertThat(s.hosts()).containsExactly(new HostPort("localhost", 5432));
        assertThat(s.user()).isEqualTo(Specs.OS_USER);
        assertThat(s.database()).isEqualTo(Specs.OS_USER);
        assertThat(s.password()).isNull();
        assertThat(s.passwordSource()).isEqualTo(PasswordSource.NONE);
        assertThat(s.sslMode()).isEqualTo(SslMode.PREFER);
        assertThat(s.connectTimeout()).isNull();
    }

    @Test
    void databaseDefaultsToTheUserFromTheEnvironment() {
        assertThat(parse("", Map.of("PGUSER", "ann")).database()).isEqualTo("ann");
    }

    @Test
    void severalHostsFromTheEnvironment() {
        ConnectionSpec s = parse("", Map.of("PGHOST", "a,b", "PGPORT", "1,2"));
        assertThat(s.hosts()).containsExactly(new HostPort("a", 1), new HostPort("b", 2));
    }

    @Test
    void badEnvironmentValuesNameTheVariable() {
        assertThatThrownBy(() -> parse("", Map.of("PGPORT", "54x2")))
                .isInstanceOf(ConnectionStringException.class)
                .hasMessage("invalid port \"54x2\" in environment variable PGPORT");
        assertThatThrownBy(() -> parse("", Map.of("PGSSLMODE", "requre")))
                .hasMessageContaining("unknown sslmode \"requre\"").hasMessageContaining("PGSSLMODE");
    }

    @Test
    void anUnsupportedSettingInTheEnvironmentIsRefused() {
        assertThatThrownBy(() -> parse("host=h", Map.of("PGSERVICE", "prod")))
                .isInstanceOf(ConnectionStringException.class)
                .hasMessageContaining("PGSERVICE");
    }

    @Test
    void pgpasswordIsNotUsedWhenTheStringHasOne() {
        assertThat(parse("password=mine", Map.of("PGPASSWORD", "env")).password()).isEqualTo("mine");
    }
}
