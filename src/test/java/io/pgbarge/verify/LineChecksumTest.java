package io.pgbarge.verify;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The archive-side checksum of restore --verify: what must and must not change it. */
class LineChecksumTest {

    private static LineChecksum of(String text, Charset charset) {
        LineChecksum c = new LineChecksum(charset);
        byte[] b = text.getBytes(charset);
        // fed in awkward pieces, as a stream delivers them
        for (int i = 0; i < b.length; i += 7) {
            c.update(b, i, Math.min(7, b.length - i));
        }
        c.finish();
        return c;
    }

    private static LineChecksum of(String text) {
        return of(text, StandardCharsets.UTF_8);
    }

    @Test
    void orderDoesNotMatterButDuplicatesAndValuesDo() {
        LineChecksum a = of("1\tanna\n2\tbob\n3\t\\N\n");
        assertThat(a.rows()).isEqualTo(3);
        assertThat(a.checksum()).matches("[0-9a-f]{32}");
        assertThat(of("3\t\\N\n1\tanna\n2\tbob\n").checksum()).isEqualTo(a.checksum());
        assertThat(of("1\tanna\n2\tbob\n3\t\\N").checksum()).as("no final newline").isEqualTo(a.checksum());
        assertThat(of("1\tanna\n1\tanna\n3\t\\N\n").checksum()).isNotEqualTo(a.checksum());
        assertThat(of("1\tanna\n2\tbob\n3\t\n").checksum()).isNotEqualTo(a.checksum());
        LineChecksum parts = of("1\tanna\n");
        parts.add(of("3\t\\N\n2\tbob\n"));
        assertThat(parts.rows()).isEqualTo(3);
        assertThat(parts.checksum()).isEqualTo(a.checksum());
    }

    @Test
    void theSameInstantInAnotherTimeZoneIsTheSameRow() {
        String utc = of("1\t2024-03-01 12:00:00.5+00\t{\"2024-07-01 12:30:00+00\"}\n").checksum();
        assertThat(of("1\t2024-03-01 13:00:00.5+01\t{\"2024-07-01 14:30:00+02\"}\n").checksum()).isEqualTo(utc);
        assertThat(of("1\t2024-03-01 06:30:00.5-05:30\t{\"2024-07-01 12:30:00+00\"}\n").checksum()).isEqualTo(utc);
        assertThat(of("1\t2024-03-01 13:00:00.5+00\t{\"2024-07-01 12:30:00+00\"}\n").checksum()).isNotEqualTo(utc);
        assertThat(of("1\t2024-03-01 12:00:00.5+00 BC\t{\"2024-07-01 12:30:00+00\"}\n").checksum()).isNotEqualTo(utc);
        // a timestamp without time zone is left as it is
        assertThat(of("1\t2024-03-01 13:00:00\n").checksum()).isNotEqualTo(of("1\t2024-03-01 12:00:00\n").checksum());
    }

    @Test
    void anArchiveInLatin1HashesTheSameCharactersAsUtf8() {
        String rows = "1\tGrüße aus Köln\n2\tcafé\n";
        assertThat(of(rows, StandardCharsets.ISO_8859_1).checksum()).isEqualTo(of(rows).checksum());
    }
}
