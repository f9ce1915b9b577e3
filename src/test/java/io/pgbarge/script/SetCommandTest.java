package io.pgbarge.script;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SetCommandTest {

    private static SetCommand p(String sql) {
        return SetCommand.parse(sql).orElseThrow(() -> new AssertionError("not a setting: " + sql));
    }

    @Test
    void setForms() {
        assertThat(p("SET statement_timeout = 0;")).isEqualTo(new SetCommand("statement_timeout", "0", false, false));
        assertThat(p("SET client_encoding = 'UTF8';").value()).isEqualTo("UTF8");
        assertThat(p("SET default_tablespace = '';").value()).isEqualTo("");
        assertThat(p("SET search_path = public, \"$user\";").value()).isEqualTo("public, \"$user\"");
        assertThat(p("SET LOCAL lock_timeout TO '5s';")).isEqualTo(new SetCommand("lock_timeout", "5s", true, false));
        assertThat(p("SET SESSION Row_Security = off;").name()).isEqualTo("row_security");
        assertThat(p("SET extra_float_digits = -3;").value()).isEqualTo("-3");
        assertThat(p("SET TIME ZONE 'UTC';")).isEqualTo(new SetCommand("timezone", "UTC", false, false));
        assertThat(p("SET NAMES 'LATIN1';")).isEqualTo(new SetCommand("client_encoding", "LATIN1", false, false));
        assertThat(p("SET myapp.tenant = '42';").name()).isEqualTo("myapp.tenant");
        assertThat(p("SET work_mem TO DEFAULT;").isDefault()).isTrue();
        assertThat(p("RESET client_encoding;")).isEqualTo(new SetCommand("client_encoding", null, false, false));
        assertThat(p("RESET ALL;").name()).isEqualTo("all");
        assertThat(SetCommand.parse("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;")).isEmpty();
        assertThat(SetCommand.parse("SELECT 1;")).isEmpty();
        assertThat(SetCommand.parse("CREATE TABLE t (a int);")).isEmpty();
    }

    @Test
    void setConfig() {
        assertThat(p("SELECT pg_catalog.set_config('search_path', '', false);"))
                .isEqualTo(new SetCommand("search_path", "", false, true));
        assertThat(p("select set_config('Statement_Timeout', '5min', true)").local()).isTrue();
        assertThat(SetCommand.parse("SELECT set_config('a.b', 'x', false), 1;")).isEmpty();
    }

    @Test
    void booleans() {
        assertThat(p("SET standard_conforming_strings = on;").booleanValue()).isEqualTo(Optional.of(true));
        assertThat(p("SET standard_conforming_strings = 'off';").booleanValue()).isEqualTo(Optional.of(false));
        assertThat(p("SET x = 'maybe';").booleanValue()).isEmpty();
    }

    @Test
    void settingsOlderTargetsDoNotKnow() {
        assertThat(p("SET transaction_timeout = 0;").supportedBy(16)).isFalse();
        assertThat(p("SET transaction_timeout = 0;").supportedBy(17)).isTrue();
        assertThat(p("SET default_table_access_method = heap;").supportedBy(11)).isFalse();
        assertThat(p("SET default_table_access_method = heap;").supportedBy(12)).isTrue();
        assertThat(p("SET idle_in_transaction_session_timeout = 0;").supportedBy(13)).isTrue();
        assertThat(p("SET row_security = off;").supportedBy(13)).isTrue();
        assertThat(p("SET myext.setting = 1;").supportedBy(10)).isTrue();
        assertThat(ServerParameters.introducedIn("transaction_timeout")).isEqualTo(17);
    }
}
