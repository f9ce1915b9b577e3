package io.pgbarge.conn;

import static io.pgbarge.conn.Specs.parse;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeywordValueParsingTest {
    @Test
    void readsKeywordsAndValues() {
        ConnectionSpec s = parse("host=db.example.com port=6543 dbname=app user=bob password=secret sslmode=require");
        assertThat(s.hosts()).containsExactly(new HostPort("db.example.com", 6543));
        assertThat(s.database()).isEqualTo("app");
        assertThat(s.user()).isEqualTo("bob");
        assertThat(s.password()).isEqualTo("secret");
        assertThat(s.sslMode()).isEqualTo(SslMode.REQUIRE);
    }

    @Test
    void allowsSpacesAroundEqualsAndAnyWhitespaceBetween() {
        ConnectionSpec s = parse("  host = h \t port=\n5433   dbname =d  ");
        assertThat(s.hosts()).containsExactly(new HostPort("h", 5433));
        assertThat(s.database()).isEqualTo("d");
    }

    @Test
    void quotedValuesHoldSpacesQuotesAndBackslashes() {
        assertThat(parse("password='it\\'s \\\\ quoted'").password()).isEqualTo("it's \\ quoted");
        assertThat(parse("password='a b c' host=h").password()).isEqualTo("a b c");
    }

    @Test
    void aDoubledQuoteInsideQuotesIsOneQuote() {
        assertThat(parse("password='it''s \\\\ quoted' user=u").password()).isEqualTo("it's \\ quoted");
    }

    @Test
    void emptyQuotedValue() {
        ConnectionSpec s = parse("application_name='' host=h");
        assertThat(s.applicationName()).isNull();
        assertThat(s.hosts()).containsExactly(new HostPort("h", 5432));
    }

    @Test
    void backslashEscapesOutsideQuotes() {
        assertThat(parse("password=a\\ b\\\\c").password()).isEqualTo("a b\\c");
    }

    @Test
    void laterValuesWin() {
        assertThat(parse("dbname=a dbname=b").database()).isEqualTo("b");
    }

    @Test
    void severalHostsAndPorts() {
        ConnectionSpec s = parse("host=h1,h2,h3 port=5432,5433,5434 target_session_attrs=primary");
        assertThat(s.hosts()).containsExactly(new HostPort("h1", 5432), new HostPort("h2", 5433),
                new HostPort("h3", 5434));
        assertThat(s.targetSessionAttrs()).isEqualTo(TargetSessionAttrs.PRIMARY);
    }

    @Test
    void oneMatchingPortAppliesToEveryHost() {
        assertThat(parse("host=h1,h2 port=6000").hosts())
                .containsExactly(new HostPort("h1", 6000), new HostPort("h2", 6000));
    }

    @Test
    void emptyEntriesInHostAndPortListsAreDefaults() {
        assertThat(parse("host=h1,,h3 port=,5433,").hosts()).containsExactly(new HostPort("h1", 5432),
                new HostPort("localhost", 5433), new HostPort("h3", 5432));
    }

    @Test
    void unbracketedIpv6Host() {
        assertThat(parse("host=::1 port=5433").hosts()).containsExactly(new HostPort("::1", 5433));
    }

    @Test
    void hostaddrAloneIsTheHost() {
        assertThat(parse("hostaddr=10.0.0.5 dbname=d").hosts()).containsExactly(new HostPort("10.0.0.5", 5432));
    }

    @Test
    void optionsWithSpacesInQuotes() {
        assertThat(parse("host=h options='-c search_path=x,public -c statement_timeout=0'").options())
                .isEqualTo("-c search_path=x,public -c statement_timeout=0");
    }

    @Test
    void aBareWordIsADatabaseName() {
        ConnectionSpec s = parse("mydb");
        assertThat(s.database()).isEqualTo("mydb");
        assertThat(s.hosts()).containsExactly(new HostPort("localhost", 5432));
        assertThat(s.user()).isEqualTo(Specs.OS_USER);
    }

    @Test
    void anEmptyStringIsAllDefaults() {
        ConnectionSpec s = parse("   ");
        assertThat(s.database()).isEqualTo(Specs.OS_USER);
        assertThat(s.hosts()).containsExactly(new HostPort("localhost", 5432));
    }
}
