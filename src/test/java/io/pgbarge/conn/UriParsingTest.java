package io.pgbarge.conn;

import static io.pgbarge.conn.Specs.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UriParsingTest {
    @Test
    void readsEveryPartOfAUri() {
        ConnectionSpec s = parse("postgresql://bob:secret@db.example.com:6543/app");
        assertThat(s.hosts()).containsExactly(new HostPort("db.example.com", 6543));
        assertThat(s.user()).isEqualTo("bob");
        assertThat(s.password()).isEqualTo("secret");
        assertThat(s.passwordSource()).isEqualTo(PasswordSource.CONNECTION_STRING);
        assertThat(s.database()).isEqualTo("app");
        assertThat(s.sslMode()).isEqualTo(SslMode.PREFER);
        assertThat(s.targetSessionAttrs()).isEqualTo(TargetSessionAttrs.ANY);
    }

    @Test
    void acceptsBothSchemesInAnyCase() {
        assertThat(parse("postgres://h/d").hosts()).containsExactly(new HostPort("h", 5432));
        assertThat(parse("PostgreSQL://h/d").database()).isEqualTo("d");
    }

    @Test
    void decodesPercentEncodedUserPasswordAndDatabase() {
        ConnectionSpec s = parse("postgresql://bob%40corp:p%40ss%3Aw%2Fo%25rd%20x@h/my%20db");
        assertThat(s.user()).isEqualTo("bob@corp");
        assertThat(s.password()).isEqualTo("p@ss:w/o%rd x");
        assertThat(s.database()).isEqualTo("my db");
    }

    @Test
    void plusIsNotASpaceInLibpqUris() {
        assertThat(parse("postgresql://u:a+b@h/d").password()).isEqualTo("a+b");
    }

    @Test
    void decodesUtf8() {
        assertThat(parse("postgresql://h/caf%C3%A9").database()).isEqualTo("café");
    }

    @Test
    void toleratesAnUnencodedAtSignInThePassword() {
        ConnectionSpec s = parse("postgresql://bob:p@ss@db:5432/app");
        assertThat(s.password()).isEqualTo("p@ss");
        assertThat(s.hosts()).containsExactly(new HostPort("db", 5432));
    }

    @Test
    void atSignInTheQueryIsNotUserInfo() {
        ConnectionSpec s = parse("postgresql://bob:pw@db/app?application_name=me@home");
        assertThat(s.password()).isEqualTo("pw");
        assertThat(s.applicationName()).isEqualTo("me@home");
        ConnectionSpec withPort = parse("postgresql://db:5432/app?application_name=me@home");
        assertThat(withPort.hosts()).containsExactly(new HostPort("db", 5432));
        assertThat(withPort.applicationName()).isEqualTo("me@home");
    }

    @Test
    void readsIpv6Literals() {
        ConnectionSpec s = parse("postgresql://u@[::1]:5433,[2001:db8::7]/d");
        assertThat(s.hosts()).containsExactly(new HostPort("::1", 5433), new HostPort("2001:db8::7", 5432));
        assertThat(s.hosts().get(0).isIpv6Literal()).isTrue();
    }

    @Test
    void readsIpv6ZoneIds() {
        assertThat(parse("postgresql://[fe80::1%25eth0]:5432/d").hosts())
                .containsExactly(new HostPort("fe80::1%eth0", 5432));
    }

    @Test
    void readsSeveralHostsEachWithOrWithoutAPort() {
        ConnectionSpec s = parse("postgresql://u@h1:5432,h2:5433,h3/d");
        assertThat(s.hosts()).containsExactly(new HostPort("h1", 5432), new HostPort("h2", 5433),
                new HostPort("h3", 5432));
    }

    @Test
    void emptyHostMeansTheDefault() {
        ConnectionSpec s = parse("postgresql:///app");
        assertThat(s.hosts()).containsExactly(new HostPort("localhost", 5432));
        assertThat(s.database()).isEqualTo("app");
        assertThat(s.user()).isEqualTo(Specs.OS_USER);
        assertThat(parse("postgresql://:6000/app").hosts()).containsExactly(new HostPort("localhost", 6000));
        assertThat(parse("postgresql://").database()).isEqualTo(Specs.OS_USER);
    }

    @Test
    void anEmptyEntryInAHostListIsTheDefaultHost() {
        assertThat(parse("postgresql://h1,/d").hosts()).containsExactly(new HostPort("h1", 5432),
                new HostPort("localhost", 5432));
    }

    @Test
    void databaseDefaultsToTheUser() {
        assertThat(parse("postgresql://bob@h").database()).isEqualTo("bob");
        assertThat(parse("postgresql://bob@h/").database()).isEqualTo("bob");
    }

    @Test
    void readsNeonsEndpointOption() {
        ConnectionSpec s = parse("postgresql://alex:AbC123dEf@ep-cool-darkness-123456.us-east-2.aws.neon.tech/dbname"
                + "?sslmode=require&options=endpoint%3Dep-cool-darkness-123456");
        assertThat(s.options()).isEqualTo("endpoint=ep-cool-darkness-123456");
        assertThat(s.sslMode()).isEqualTo(SslMode.REQUIRE);
    }

    @Test
    void toleratesAnUnencodedEqualsSignInAQueryValue() {
        assertThat(parse("postgresql://h/d?options=endpoint=ep-x").options()).isEqualTo("endpoint=ep-x");
    }

    @Test
    void readsEveryHonouredParameter() {
        ConnectionSpec s = parse("postgresql://h/d?sslmode=verify-full&sslrootcert=/ca.pem&sslcert=/c.crt"
                + "&sslkey=/c.key&sslpassword=kp&sslnegotiation=direct&channel_binding=require"
                + "&options=-c%20search_path%3Dx&application_name=my%20app&connect_timeout=7"
                + "&target_session_attrs=read-write&passfile=/nope&gssencmode=disable&require_auth=scram-sha-256"
                + "&krbsrvname=pg&load_balance_hosts=random&keepalives=0");
        assertThat(s.sslMode()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(s.sslRootCert()).isEqualTo("/ca.pem");
        assertThat(s.sslCert()).isEqualTo("/c.crt");
        assertThat(s.sslKey()).isEqualTo("/c.key");
        assertThat(s.sslPassword()).isEqualTo("kp");
        assertThat(s.sslNegotiation()).isEqualTo("direct");
        assertThat(s.channelBinding()).isEqualTo("require");
        assertThat(s.options()).isEqualTo("-c search_path=x");
        assertThat(s.applicationName()).isEqualTo("my app");
        assertThat(s.connectTimeout()).isEqualTo(7);
        assertThat(s.targetSessionAttrs()).isEqualTo(TargetSessionAttrs.READ_WRITE);
        assertThat(s.gssEncMode()).isEqualTo("disable");
        assertThat(s.requireAuth()).isEqualTo("scram-sha-256");
        assertThat(s.kerberosServerName()).isEqualTo("pg");
        assertThat(s.loadBalanceHosts()).isTrue();
        assertThat(s.keepalives()).isFalse();
    }

    @Test
    void queryParametersOverrideTheHierarchicalPart() {
        ConnectionSpec s = parse("postgresql://bob@h1/d1?host=h2&port=6000&dbname=d2&user=ann&password=pw");
        assertThat(s.hosts()).containsExactly(new HostPort("h2", 6000));
        assertThat(s.database()).isEqualTo("d2");
        assertThat(s.user()).isEqualTo("ann");
        assertThat(s.password()).isEqualTo("pw");
    }

    @Test
    void jdbcStyleSslTrueMeansRequireAsInLibpq() {
        assertThat(parse("postgresql://h/d?ssl=true").sslMode()).isEqualTo(SslMode.REQUIRE);
    }

    @Test
    void acceptsAndIgnoresHarmlessParameters() {
        ConnectionSpec s = parse("postgresql://h/d?fallback_application_name=psql&keepalives_idle=30"
                + "&keepalives_interval=5&keepalives_count=3&gssencmode=disable&sslcompression=0"
                + "&client_encoding=UTF8&sslsni=1&tcp_user_timeout=1000");
        assertThat(s.applicationName()).isEqualTo("psql");
        assertThat(s.warnings()).anyMatch(w -> w.contains("keepalives_idle is ignored"));
    }

    @Test
    void applicationNameWinsOverFallback() {
        assertThat(parse("postgresql://h/d?fallback_application_name=a&application_name=b").applicationName())
                .isEqualTo("b");
    }

    @Test
    void parameterNamesAreMatchedInAnyCase() {
        assertThat(parse("postgresql://h/d?SSLMODE=disable").sslMode()).isEqualTo(SslMode.DISABLE);
    }

    @Test
    void everyTargetSessionAttrs() {
        for (TargetSessionAttrs t : TargetSessionAttrs.values()) {
            assertThat(parse("postgresql://h/d?target_session_attrs=" + t.libpqName()).targetSessionAttrs())
                    .isEqualTo(t);
        }
    }

    @Test
    void everySslMode() {
        for (SslMode m : List.of(SslMode.DISABLE, SslMode.ALLOW, SslMode.PREFER, SslMode.REQUIRE)) {
            assertThat(parse("postgresql://h/d?sslmode=" + m.libpqName()).sslMode()).isEqualTo(m);
        }
    }
}
