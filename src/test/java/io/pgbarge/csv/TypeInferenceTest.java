package io.pgbarge.csv;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The narrowest type that takes every value of a column. */
class TypeInferenceTest {

    private static ColumnType infer(String... values) {
        TypeInference t = new TypeInference(1);
        for (String v : values) {
            t.add(Arrays.asList(v));
        }
        return t.types().get(0);
    }

    @Test
    void narrowestThatFitsEveryValue() {
        assertThat(infer("1", "-2", null, "2147483647")).isEqualTo(ColumnType.INTEGER);
        assertThat(infer("1", "2147483648")).isEqualTo(ColumnType.BIGINT);
        assertThat(infer("1", "9223372036854775808")).isEqualTo(ColumnType.NUMERIC);
        assertThat(infer("1", "2.50", "-.5")).isEqualTo(ColumnType.NUMERIC);
        assertThat(infer("1.5", "2e10")).isEqualTo(ColumnType.DOUBLE);
        assertThat(infer("1.5", "NaN", "-Infinity")).isEqualTo(ColumnType.DOUBLE);
        assertThat(infer("true", "F", "yes", "0")).isEqualTo(ColumnType.BOOLEAN);
        assertThat(infer("0", "1")).isEqualTo(ColumnType.INTEGER);
        assertThat(infer("2024-02-29", "1999-12-31")).isEqualTo(ColumnType.DATE);
        assertThat(infer("2023-02-29")).isEqualTo(ColumnType.TEXT);
        assertThat(infer("2024-02-29", "2024-03-01 10:11:12.5")).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(infer("2024-03-01T10:11:12Z", "2024-03-01 10:11+02:00")).isEqualTo(ColumnType.TIMESTAMPTZ);
        assertThat(infer("0e4a2c1e-3f1d-4c5a-9b6e-2a7d8c9e0f11")).isEqualTo(ColumnType.UUID);
        assertThat(infer("{\"a\": [1, 2]}", "[]")).isEqualTo(ColumnType.JSONB);
        assertThat(infer("{\"a\": ")).isEqualTo(ColumnType.TEXT);
        assertThat(infer("1", "")).isEqualTo(ColumnType.TEXT);
        assertThat(infer(" 1")).isEqualTo(ColumnType.TEXT);
        assertThat(infer((String) null)).isEqualTo(ColumnType.TEXT);
    }

    @Test
    void eachColumnOnItsOwn() {
        TypeInference t = new TypeInference(2);
        t.add(List.of("1", "x"));
        t.add(Arrays.asList("2", null));
        assertThat(t.types()).containsExactly(ColumnType.INTEGER, ColumnType.TEXT);
    }
}
