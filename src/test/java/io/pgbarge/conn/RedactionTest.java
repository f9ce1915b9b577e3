package io.pgbarge.conn;

import static io.pgbarge.conn.Specs.parse;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {
    @Test
    void hidesTheUserInfoPasswordOfUris() {
        assertThat(Redactor.redact("postgresql://bob:secret@db:5432/app"))
                .isEqualTo("postgresql://bob:***@db:5432/app");
        assertThat(Redactor.redact("postgres://bob:p@ss@db/app")).isEqualTo("postgres://bob:***@db/app");
        assertThat(Redactor.redact("postgresql://bob:pa/ss@db/app")).isEqualTo("postgresql://bob:***@db/app");
        assertThat(Redactor.redact("postgresql://:secret@db/app")).isEqualTo("postgresql://:***@db/app");
    }

    @Test
    void leavesUrisWithoutPasswordAlone() {
        assertThat(Redactor.redact("postgresql://bob@db:5432/app?sslmode=require"))
                .isEqualTo("postgresql://bob@db:5432/app?sslmode=require");
        assertThat(Redactor.redact("postgresql://db:5432/app")).isEqualTo("postgresql://db:5432/app");
    }

    @Test
    void hidesPasswordQueryParameters() {
        assertThat(Redactor.redact("postgresql://db/app?user=bob&password=secret&sslmode=require"))
                .isEqualTo("postgresql://db/app?user=bob&password=***&sslmode=require");
        assertThat(Redactor.redact("jdbc:postgresql://db/app?password=secret"))
                .isEqualTo("jdbc:postgresql://db/app?password=***");
        assertThat(Redactor.redact("postgresql://db/app?sslpassword=keypw")).isEqualTo("postgresql://db/app?sslpassword=***");
    }

    @Test
    void hidesKeywordValuePasswords() {
        assertThat(Redactor.redact("host=db password=secret user=bob")).isEqualTo("host=db password=*** user=bob");
        assertThat(Redactor.redact("host=db password = 'it\\'s a secret' user=bob"))
                .isEqualTo("host=db password = *** user=bob");
        assertThat(Redactor.redact("password='it''s' user=bob")).isEqualTo("password=*** user=bob");
        assertThat(Redactor.redact("host=db password='unterminated secret")).isEqualTo("host=db password=***");
        assertThat(Redactor.redact("PGPASSWORD=secret psql")).isEqualTo("PGPASSWORD=*** psql");
        assertThat(Redactor.redact("sslpassword=x host=h")).isEqualTo("sslpassword=*** host=h");
    }

    @Test
    void hidesPasswordsInsideLongerText() {
        assertThat(Redactor.redact("could not connect with \"postgresql://u:pw@h/d\" (host=h password=pw2)"))
                .doesNotContain("pw@").doesNotContain("pw2")
                .contains("postgresql://u:***@h/d");
    }

    @Test
    void nullAndPlainTextPassThrough() {
        assertThat(Redactor.redact(null)).isNull();
        assertThat(Redactor.redact("no secrets here: host=db")).isEqualTo("no secrets here: host=db");
    }

    @Test
    void aSpecShowsItselfAsAUriWithoutThePassword() {
        ConnectionSpec s = parse("host=db.example.com port=6543 dbname='my db' user=bob@corp password=secret"
                + " sslmode=require options='endpoint=ep-x' application_name=app connect_timeout=5");
        assertThat(s.redacted()).isEqualTo("postgresql://bob%40corp:***@db.example.com:6543/my%20db"
                + "?sslmode=require&options=endpoint%3Dep-x&application_name=app&connect_timeout=5");
        assertThat(s.toString()).isEqualTo(s.redacted()).doesNotContain("secret");
    }

    @Test
    void theDisplayUriReadsBackToTheSameSpec() {
        ConnectionSpec s = parse("postgresql://bob@[::1]:5433,h2/d?target_session_attrs=read-write&sslmode=disable");
        assertThat(s.redacted()).isEqualTo("postgresql://bob@[::1]:5433,h2:5432/d?sslmode=disable"
                + "&target_session_attrs=read-write");
        ConnectionSpec again = parse(s.redacted());
        assertThat(again.hosts()).isEqualTo(s.hosts());
        assertThat(again.targetSessionAttrs()).isEqualTo(s.targetSessionAttrs());
    }

    @Test
    void secretsOfTheSpecNeverShow() {
        ConnectionSpec s = parse("host=h password=pw1 sslpassword=pw2");
        assertThat(s.toString()).doesNotContain("pw1").doesNotContain("pw2").contains("sslpassword=***");
        assertThat(s.server()).isEqualTo("h:5432/osuser as osuser");
    }
}
