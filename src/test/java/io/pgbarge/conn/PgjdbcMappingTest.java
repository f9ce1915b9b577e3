package io.pgbarge.conn;

import static io.pgbarge.conn.Specs.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.Driver;
import org.postgresql.PGProperty;

/** Property names come from pgjdbc's own PGProperty, so a rename in pgjdbc fails here. */
class PgjdbcMappingTest {
    @TempDir
    Path certDir;

    /** What pgjdbc itself makes of our URL and properties. */
    private static Properties asPgjdbcSeesIt(ConnectionSpec s) {
        return Driver.parseURL(s.jdbcUrl(), s.jdbcProperties());
    }

    private static String prop(ConnectionSpec s, PGProperty p) {
        return s.jdbcProperties().getProperty(p.getName());
    }

    @Test
    void singleHostUrl() {
        ConnectionSpec s = parse("postgresql://bob:pw@db.example.com:6543/app");
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/app");
        Properties seen = asPgjdbcSeesIt(s);
        assertThat(PGProperty.PG_HOST.getOrDefault(seen)).isEqualTo("db.example.com");
        assertThat(PGProperty.PG_PORT.getOrDefault(seen)).isEqualTo("6543");
        assertThat(PGProperty.PG_DBNAME.getOrDefault(seen)).isEqualTo("app");
        assertThat(PGProperty.USER.getOrDefault(seen)).isEqualTo("bob");
        assertThat(PGProperty.PASSWORD.getOrDefault(seen)).isEqualTo("pw");
    }

    @Test
    void multiHostAndIpv6Url() {
        ConnectionSpec s = parse("postgresql://u@[::1]:5433,h2:5434,[2001:db8::7]/d");
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5433,h2:5434,[2001:db8::7]:5432/d");
        Properties seen = asPgjdbcSeesIt(s);
        assertThat(PGProperty.PG_HOST.getOrDefault(seen)).isEqualTo("[::1],h2,[2001:db8::7]");
        assertThat(PGProperty.PG_PORT.getOrDefault(seen)).isEqualTo("5433,5434,5432");
    }

    @Test
    void databaseNamesWithAwkwardCharactersSurviveTheUrl() {
        for (String db : new String[] {"my db", "a+b", "a/b?c&d=e", "café", "100%"}) {
            ConnectionSpec s = ConnectionSpec.builder("h", 5432, db, "u").build();
            assertThat(PGProperty.PG_DBNAME.getOrDefault(asPgjdbcSeesIt(s))).isEqualTo(db);
        }
    }

    @Test
    void targetSessionAttrsToTargetServerType() {
        Map<String, String> expected = Map.of("any", "any", "read-write", "primary", "read-only", "secondary",
                "primary", "primary", "standby", "secondary", "prefer-standby", "preferSecondary");
        expected.forEach((libpq, pgjdbc) -> assertThat(
                prop(parse("host=a,b target_session_attrs=" + libpq), PGProperty.TARGET_SERVER_TYPE))
                .as(libpq).isEqualTo(pgjdbc));
    }

    @Test
    void sslModesWithoutRootCertificate() {
        for (String mode : new String[] {"disable", "allow", "prefer", "require"}) {
            ConnectionSpec s = Specs.parse("host=h sslmode=" + mode, Map.of(), null, certDir);
            assertThat(prop(s, PGProperty.SSL_MODE)).as(mode).isEqualTo(mode);
            assertThat(prop(s, PGProperty.SSL_ROOT_CERT)).as(mode).isNull();
            assertThat(prop(s, PGProperty.SSL_FACTORY)).as(mode).isNull();
        }
    }

    @Test
    void requireWithARootCertificateFileVerifiesTheChainAsLibpqDoes() throws IOException {
        Path root = Files.writeString(certDir.resolve("root.crt"), "-----BEGIN CERTIFICATE-----\n");
        ConnectionSpec byDefault = Specs.parse("host=h sslmode=require", Map.of(), null, certDir);
        assertThat(prop(byDefault, PGProperty.SSL_MODE)).isEqualTo("verify-ca");
        assertThat(prop(byDefault, PGProperty.SSL_ROOT_CERT)).isEqualTo(root.toString());

        Path given = Files.writeString(certDir.resolve("ca.pem"), "x");
        ConnectionSpec explicit = Specs.parse("host=h sslmode=require sslrootcert=" + given, Map.of(), null, null);
        assertThat(prop(explicit, PGProperty.SSL_MODE)).isEqualTo("verify-ca");
        assertThat(prop(explicit, PGProperty.SSL_ROOT_CERT)).isEqualTo(given.toString());

        ConnectionSpec missing = Specs.parse("host=h sslmode=require sslrootcert=/no/such.pem", Map.of(), null, null);
        assertThat(prop(missing, PGProperty.SSL_MODE)).isEqualTo("require");
        assertThat(prop(missing, PGProperty.SSL_ROOT_CERT)).isNull();
    }

    @Test
    void preferWithARootCertificateWarnsThatItIsNotChecked() throws IOException {
        Files.writeString(certDir.resolve("root.crt"), "x");
        ConnectionSpec s = Specs.parse("host=h", Map.of(), null, certDir);
        assertThat(prop(s, PGProperty.SSL_MODE)).isEqualTo("prefer");
        assertThat(s.warnings()).anyMatch(w -> w.contains("verify-ca"));
    }

    @Test
    void verifyModesUseTheGivenOrDefaultRootCertificate() {
        ConnectionSpec given = parse("host=h sslmode=verify-full sslrootcert=/etc/ca.pem");
        assertThat(prop(given, PGProperty.SSL_MODE)).isEqualTo("verify-full");
        assertThat(prop(given, PGProperty.SSL_ROOT_CERT)).isEqualTo("/etc/ca.pem");
        ConnectionSpec byDefault = Specs.parse("host=h sslmode=verify-ca", Map.of(), null, certDir);
        assertThat(prop(byDefault, PGProperty.SSL_MODE)).isEqualTo("verify-ca");
        assertThat(prop(byDefault, PGProperty.SSL_ROOT_CERT)).isEqualTo(certDir.resolve("root.crt").toString());
    }

    @Test
    void systemRootsUseTheJvmTrustStoreAndVerifyFull() {
        ConnectionSpec s = parse("host=h sslrootcert=system");
        assertThat(prop(s, PGProperty.SSL_MODE)).isEqualTo("verify-full");
        assertThat(prop(s, PGProperty.SSL_FACTORY)).isEqualTo("org.postgresql.ssl.DefaultJavaSSLFactory");
        assertThat(prop(s, PGProperty.SSL_ROOT_CERT)).isNull();
    }

    @Test
    void defaultClientCertificateAndKeyAreLibpqs() throws IOException {
        Path crt = Files.writeString(certDir.resolve("postgresql.crt"), "x");
        Path key = Files.writeString(certDir.resolve("postgresql.key"), "x");
        ConnectionSpec s = Specs.parse("host=h", Map.of(), null, certDir);
        assertThat(prop(s, PGProperty.SSL_CERT)).isEqualTo(crt.toString());
        assertThat(prop(s, PGProperty.SSL_KEY)).isEqualTo(key.toString());
        assertThat(prop(Specs.parse("host=h sslmode=disable", Map.of(), null, certDir), PGProperty.SSL_CERT)).isNull();
    }

    @Test
    void everyOtherParameterByItsPgjdbcName() {
        ConnectionSpec s = parse("postgresql://h/d?sslcert=/c.crt&sslkey=/c.key&sslpassword=kp&sslmode=require"
                + "&sslnegotiation=direct&channel_binding=require&options=endpoint%3Dep-cool-darkness-123456"
                + "&application_name=app&gssencmode=disable&require_auth=scram-sha-256&krbsrvname=pg"
                + "&load_balance_hosts=random");
        assertThat(prop(s, PGProperty.SSL_CERT)).isEqualTo("/c.crt");
        assertThat(prop(s, PGProperty.SSL_KEY)).isEqualTo("/c.key");
        assertThat(prop(s, PGProperty.SSL_PASSWORD)).isEqualTo("kp");
        assertThat(prop(s, PGProperty.SSL_NEGOTIATION)).isEqualTo("direct");
        assertThat(prop(s, PGProperty.CHANNEL_BINDING)).isEqualTo("require");
        assertThat(prop(s, PGProperty.OPTIONS)).isEqualTo("endpoint=ep-cool-darkness-123456");
        assertThat(prop(s, PGProperty.APPLICATION_NAME)).isEqualTo("app");
        assertThat(prop(s, PGProperty.GSS_ENC_MODE)).isEqualTo("disable");
        assertThat(prop(s, PGProperty.REQUIRE_AUTH)).isEqualTo("scram-sha-256");
        assertThat(prop(s, PGProperty.KERBEROS_SERVER_NAME)).isEqualTo("pg");
        assertThat(prop(s, PGProperty.LOAD_BALANCE_HOSTS)).isEqualTo("true");
        assertThat(prop(s, PGProperty.TCP_KEEP_ALIVE)).isEqualTo("true");
    }

    @Test
    void valuesAreOnesPgjdbcAccepts() {
        ConnectionSpec s = parse("host=a,b sslmode=require channel_binding=require target_session_attrs=prefer-standby"
                + " sslnegotiation=direct gssencmode=disable require_auth=!password");
        Properties p = s.jdbcProperties();
        for (PGProperty prop : new PGProperty[] {PGProperty.SSL_MODE, PGProperty.CHANNEL_BINDING,
                PGProperty.TARGET_SERVER_TYPE, PGProperty.SSL_NEGOTIATION, PGProperty.GSS_ENC_MODE,
                PGProperty.REQUIRE_AUTH}) {
            String[] choices = prop.getChoices();
            if (choices != null) {
                assertThat(choices).as(prop.getName()).contains(p.getProperty(prop.getName()));
            }
        }
        assertThat(p.stringPropertyNames()).allSatisfy(name -> assertThat(PGProperty.forName(name)).as(name).isNotNull());
    }

    @Test
    void connectTimeoutBoundsTheConnectAndEveryHostsLogin() {
        ConnectionSpec s = parse("host=a,b,c connect_timeout=7");
        assertThat(prop(s, PGProperty.CONNECT_TIMEOUT)).isEqualTo("7");
        assertThat(prop(s, PGProperty.LOGIN_TIMEOUT)).isEqualTo("21");
        assertThat(prop(parse("host=a connect_timeout=1"), PGProperty.CONNECT_TIMEOUT)).isEqualTo("2");
        ConnectionSpec forever = parse("host=a connect_timeout=0");
        assertThat(prop(forever, PGProperty.CONNECT_TIMEOUT)).isEqualTo("0");
        assertThat(prop(forever, PGProperty.LOGIN_TIMEOUT)).isNull();
        assertThat(prop(parse("host=a"), PGProperty.CONNECT_TIMEOUT)).isNull();
    }

    @Test
    void noPasswordMeansNoPasswordProperty() {
        assertThat(parse("host=h").jdbcProperties().containsKey(PGProperty.PASSWORD.getName())).isFalse();
    }

    @Test
    void keepalivesOffIsHonoured() {
        assertThat(prop(parse("host=h keepalives=0"), PGProperty.TCP_KEEP_ALIVE)).isEqualTo("false");
    }

    @Test
    void withApplicationNameAndWithDatabaseCopyEverythingElse() {
        ConnectionSpec s = parse("postgresql://bob:pw@h:6000/app?sslmode=require&application_name=cli");
        ConnectionSpec named = s.withApplicationName("pgbarge:copy:public.film");
        assertThat(prop(named, PGProperty.APPLICATION_NAME)).isEqualTo("pgbarge:copy:public.film");
        assertThat(named.jdbcUrl()).isEqualTo(s.jdbcUrl());
        assertThat(named.password()).isEqualTo("pw");
        assertThat(s.applicationName()).isEqualTo("cli");
        ConnectionSpec other = s.withDatabase("postgres");
        assertThat(other.jdbcUrl()).isEqualTo("jdbc:postgresql://h:6000/postgres");
        assertThat(other.sslMode()).isEqualTo(SslMode.REQUIRE);
        assertThat(other.password()).isEqualTo("pw");
    }
}
