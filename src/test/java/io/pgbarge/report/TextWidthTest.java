package io.pgbarge.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextWidthTest {
    @Test
    void measuresColumnsNotChars() {
        assertThat(TextWidth.width("orders")).isEqualTo(6);
        assertThat(TextWidth.width("注文")).isEqualTo(4);
        assertThat(TextWidth.width("e\u0301")).isEqualTo(1); // e + combining acute
        assertThat(TextWidth.width("")).isZero();
    }

    @Test
    void cutsLongNamesInTheMiddle() {
        String name = "public.a_really_long_table_name_that_goes_on_and_on_2024_01";
        String cut = TextWidth.truncateMiddle(name, 21);
        assertThat(cut).isEqualTo("public.a_r…on_2024_01");
        assertThat(TextWidth.width(cut)).isLessThanOrEqualTo(21);
        assertThat(TextWidth.truncateMiddle("short", 21)).isEqualTo("short");
    }

    @Test
    void neverSplitsSurrogatePairsOrWideCharacters() {
        String s = "😀😀😀😀😀😀😀😀😀😀";
        for (int max = 0; max < 25; max++) {
            String cut = TextWidth.truncateMiddle(s, max);
            assertThat(TextWidth.width(cut)).isLessThanOrEqualTo(max);
            assertThat(cut.codePoints().noneMatch(cp -> Character.getType(cp) == Character.SURROGATE)).isTrue();
            String end = TextWidth.truncateEnd("表表表表表表", max);
            assertThat(TextWidth.width(end)).isLessThanOrEqualTo(max);
        }
    }

    @Test
    void tinyWidths() {
        assertThat(TextWidth.truncateMiddle("abcdef", 0)).isEmpty();
        assertThat(TextWidth.truncateMiddle("abcdef", -3)).isEmpty();
        assertThat(TextWidth.truncateMiddle("abcdef", 1)).isEqualTo("…");
        assertThat(TextWidth.truncateMiddle("abcdef", 2)).isEqualTo("a…");
        assertThat(TextWidth.truncateEnd("abcdef", 4)).isEqualTo("abc…");
    }

    @Test
    void controlCharactersCannotMoveTheCursor() {
        assertThat(TextWidth.printable("a\nb\u001b[2Jc\t")).isEqualTo("a?b?[2Jc?");
        assertThat(TextWidth.printable(null)).isEmpty();
    }

    @Test
    void padsByColumns() {
        assertThat(TextWidth.padRight("表", 4)).isEqualTo("表  ");
        assertThat(TextWidth.padLeft("7", 3)).isEqualTo("  7");
        assertThat(TextWidth.padLeft("toolong", 3)).isEqualTo("toolong");
    }
}
