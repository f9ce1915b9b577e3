package io.pgbarge.conn;

import static io.pgbarge.conn.Specs.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class MalformedInputTest {
    private static final String SECRET = "s3cretPW";

    private static String refusal(String text) {
        ConnectionStringException e = catchThrowableOfType(ConnectionStringException.class, () -> parse(text));
        assertThat(e).as("refusal of %s", text).isNotNull();
        assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("3cret");
        return e.getMessage();
    }

    @Test
    void invalidPortNamesThePortAndHidesThePassword() {
        assertThat(refusal("postgresql://bob:" + SECRET + "@db:54x2/app"))
                .isEqualTo("invalid port \"54x2\" in connection string postgresql://bob:***@db:54x2/app");
        assertThat(refusal("host=db port=70000 password=" + SECRET)).contains("invalid port \"70000\"")
                .contains("password=***");
        assertThat(refusal("host=db port=0")).contains("invalid port \"0\"");
    }

    @Test
    void unterminatedQuote() {
        assertThat(refusal("host=h password='" + SECRET + " user=bob"))
                .startsWith("unterminated quoted value for \"password\"");
    }

    @Test
    void unknownSslmodeListsTheChoices() {
        assertThat(refusal("postgresql://bob:" + SECRET + "@h/d?sslmode=requre"))
                .startsWith("unknown sslmode \"requre\" (expected disable, allow, prefer, require, verify-ca, verify-full)");
    }

    @Test
    void badPercentEncodingNamesTheComponent() {
        assertThat(refusal("postgresql://b%G1ob@h/d")).startsWith("invalid percent-encoding \"%G1\" in user");
        assertThat(refusal("postgresql://h/d%4")).startsWith("invalid percent-encoding \"%4\" in dbname");
        assertThat(refusal("postgresql://h/d%00")).startsWith("forbidden %00 in dbname");
    }

    @Test
    void badPercentEncodingInThePasswordIsNotQuoted() {
        assertThat(refusal("postgresql://bob:" + SECRET + "%G1@h/d")).startsWith("invalid percent-encoding in password");
    }

    @Test
    void unknownParameterIsNamed() {
        assertThat(refusal("postgresql://h/d?sslmdoe=require")).startsWith("unknown connection parameter \"sslmdoe\"");
        assertThat(refusal("host=h frobnicate=1")).startsWith("unknown connection parameter \"frobnicate\"");
    }

    @Test
    void jdbcNamesGetAHint() {
        assertThat(refusal("postgresql://h/d?ApplicationName=x")).contains("did you mean application_name?");
        assertThat(refusal("host=h currentSchema=x")).contains("options=-c search_path=");
    }

    @Test
    void parametersPgjdbcCannotHonourAreRefusedWithTheReason() {
        assertThat(refusal("host=h sslcrl=/crl.pem")).contains("\"sslcrl\" is not supported")
                .contains("revocation");
        assertThat(refusal("postgresql://h/d?service=prod")).contains("\"service\" is not supported");
        assertThat(refusal("host=h replication=database")).contains("\"replication\"");
        assertThat(refusal("host=h sslsni=0")).contains("sslsni \"0\" is not supported");
        assertThat(refusal("host=h client_encoding=LATIN1")).contains("client_encoding \"LATIN1\"");
        assertThat(refusal("host=h ssl_max_protocol_version=TLSv1.2")).contains("ssl_max_protocol_version");
    }

    @Test
    void otherSchemesAreRefused() {
        assertThat(refusal("jdbc:postgresql://h:5432/d?user=bob&password=" + SECRET))
                .startsWith("unsupported scheme \"jdbc:postgresql\"").contains("drop the \"jdbc:\"");
        assertThat(refusal("mysql://h/d")).startsWith("unsupported scheme \"mysql\"");
    }

    @Test
    void missingEqualsNamesTheWord() {
        assertThat(refusal("host=h dbname")).startsWith("missing \"=\" after \"dbname\"");
        assertThat(refusal("postgresql://h/d?sslmode")).startsWith("missing \"=\" in URI query parameter \"sslmode\"");
    }

    @Test
    void anUnquotedPasswordWithASpaceIsNotEchoed() {
        assertThat(refusal("host=h password=abc " + SECRET)).contains("not quoted");
        assertThat(refusal("host=h password=abc " + SECRET + "=x")).contains("not quoted");
    }

    @Test
    void anUnencodedSlashInThePasswordIsNotEchoed() {
        assertThat(refusal("postgresql://bob:ab/" + SECRET + "@h/d")).contains("%2F")
                .contains("postgresql://bob:***@h/d");
        assertThat(refusal("postgresql://bob:12/" + SECRET + "@h:5432/d")).contains("%2F");
    }

    @Test
    void portCountMustMatchHostCount() {
        assertThat(refusal("host=a,b,c port=1,2")).startsWith("could not match 2 port numbers to 3 hosts");
    }

    @Test
    void ipv6WithoutClosingBracket() {
        assertThat(refusal("postgresql://[::1:5432/d")).startsWith("missing \"]\" after IPv6 host address \"[::1:5432\"");
        assertThat(refusal("postgresql://[::1]x/d")).startsWith("unexpected \"x\" after IPv6 host address \"[::1]\"");
    }

    @Test
    void badHostNames() {
        assertThat(refusal("host='db example'")).startsWith("invalid host name \"db example\"");
        assertThat(refusal("host=::zz")).startsWith("invalid host name \"::zz\"");
    }

    @Test
    void unixSocketsAreRefusedClearly() {
        assertThat(refusal("host=/var/run/postgresql")).contains("Unix-domain socket \"/var/run/postgresql\"")
                .contains("host=localhost");
        assertThat(refusal("postgresql://%2Ftmp/d")).contains("Unix-domain socket \"/tmp\"");
    }

    @Test
    void hostaddrWithHostIsRefused() {
        assertThat(refusal("host=db hostaddr=10.0.0.1")).startsWith("hostaddr cannot be combined with host");
    }

    @Test
    void badEnumerationsAndNumbers() {
        assertThat(refusal("host=h target_session_attrs=master"))
                .startsWith("unknown target_session_attrs \"master\" (expected any, read-write, read-only, primary, standby, prefer-standby)");
        assertThat(refusal("host=h channel_binding=maybe")).startsWith("unknown channel_binding \"maybe\"");
        assertThat(refusal("host=h connect_timeout=ten")).startsWith("invalid connect_timeout \"ten\"");
        assertThat(refusal("host=h require_auth=oauth")).contains("require_auth method \"oauth\"");
        assertThat(refusal("host=h require_auth=md5,!password")).contains("cannot mix");
    }

    @Test
    void sslrootcertSystemInsistsOnVerifyFull() {
        assertThat(refusal("host=h sslrootcert=system sslmode=require"))
                .startsWith("weak sslmode \"require\" may not be used with sslrootcert=system (use \"verify-full\")");
        assertThat(parse("host=h sslrootcert=system").sslMode()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(refusal("host=h sslrootcert=system sslcert=/c.crt"))
                .startsWith("sslrootcert=system cannot be combined with sslcert or sslkey");
    }

    @Test
    void directSslNegotiationNeedsRequiredSsl() {
        assertThat(refusal("host=h sslnegotiation=direct")).startsWith("weak sslmode \"prefer\" may not be used with sslnegotiation=direct");
        assertThat(parse("host=h sslnegotiation=direct sslmode=require").sslNegotiation()).isEqualTo("direct");
    }

    @Test
    void theExceptionIsAnIllegalArgument() {
        assertThatThrownBy(() -> parse("host=h port=x")).isInstanceOf(IllegalArgumentException.class);
    }
}
