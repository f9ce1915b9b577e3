package io.pgbarge.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FormatTest {
    @Test
    void bytes() {
        assertThat(Format.bytes(0)).isEqualTo("0 B");
        assertThat(Format.bytes(1)).isEqualTo("1 B");
        assertThat(Format.bytes(1023)).isEqualTo("1023 B");
        assertThat(Format.bytes(1024)).isEqualTo("1.0 KiB");
        assertThat(Format.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Format.bytes(1024L * 1024 - 1)).isEqualTo("1.0 MiB"); // not "1024.0 KiB"
        assertThat(Format.bytes(3L * 1024 * 1024 * 1024 / 2)).isEqualTo("1.5 GiB");
        assertThat(Format.bytes(5L << 40)).isEqualTo("5.0 TiB");
        assertThat(Format.bytes(Long.MAX_VALUE)).isEqualTo("8.0 EiB");
        assertThat(Format.bytes(-2048)).isEqualTo("-2.0 KiB");
        assertThat(Format.bytes(Long.MIN_VALUE)).isEqualTo("-8.0 EiB");
    }

    @Test
    void rate() {
        assertThat(Format.rate(0)).isEqualTo("0 B/s");
        assertThat(Format.rate(20.5 * 1024 * 1024)).isEqualTo("20.5 MiB/s");
        assertThat(Format.rate(Double.NaN)).isEqualTo("-");
        assertThat(Format.rate(Double.POSITIVE_INFINITY)).isEqualTo("-");
        assertThat(Format.rate(-1)).isEqualTo("-");
    }

    @Test
    void counts() {
        assertThat(Format.count(0)).isEqualTo("0");
        assertThat(Format.count(999)).isEqualTo("999");
        assertThat(Format.count(1_234_567)).isEqualTo("1,234,567");
        assertThat(Format.count(-1_000)).isEqualTo("-1,000");
        assertThat(Format.count(100_000)).isEqualTo("100,000");
    }

    /** The hand-written formatting reads exactly as String.format's did, on every kind of value. */
    @Test
    void handWrittenFormattingMatchesStringFormat() {
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) {
            long n = switch (i % 4) {
                case 0 -> r.nextInt(2000) - 1000;
                case 1 -> r.nextLong();
                case 2 -> (long) Math.pow(10, r.nextInt(19)) - r.nextInt(2);
                default -> r.nextInt();
            };
            assertThat(Format.count(n)).isEqualTo(String.format(java.util.Locale.ROOT, "%,d", n));
            double v = switch (i % 3) {
                case 0 -> r.nextDouble() * 1024;
                case 1 -> (r.nextInt(20480) + 0.5) / 20; // ties: x.x5
                default -> r.nextInt(10240) / 10.0 + 0.05;
            };
            assertThat(Format.oneDecimal(v)).as("%s", v).isEqualTo(String.format(java.util.Locale.ROOT, "%.1f", v));
        }
        for (long ms = 1000; ms < 3_600_000; ms += 7_919) {
            long tenths = (ms + 50) / 100;
            String old = tenths / 600 == 0 ? String.format(java.util.Locale.ROOT, "%d.%ds", tenths % 600 / 10, tenths % 600 % 10)
                    : String.format(java.util.Locale.ROOT, "%dm %04.1fs", tenths / 600, (tenths % 600) / 10.0);
            assertThat(Format.duration(Duration.ofMillis(ms))).isEqualTo(old);
        }
    }

    @Test
    void durationsUnderASecond() {
        assertThat(Format.duration(Duration.ZERO)).isEqualTo("0ms");
        assertThat(Format.duration(Duration.ofNanos(300))).isEqualTo("0ms");
        assertThat(Format.duration(Duration.ofMillis(420))).isEqualTo("420ms");
        assertThat(Format.duration(Duration.ofMillis(999))).isEqualTo("999ms");
        assertThat(Format.duration(Duration.ofMillis(-5))).isEqualTo("0ms");
        assertThat(Format.duration(null)).isEqualTo("0ms");
    }

    @Test
    void durationsInSecondsAndMinutes() {
        assertThat(Format.duration(Duration.ofSeconds(1))).isEqualTo("1.0s");
        assertThat(Format.duration(Duration.ofMillis(12_340))).isEqualTo("12.3s");
        assertThat(Format.duration(Duration.ofMillis(59_960))).isEqualTo("1m 00.0s");
        assertThat(Format.duration(Duration.ofMillis(62_300))).isEqualTo("1m 02.3s");
        assertThat(Format.duration(Duration.ofMillis(59 * 60_000 + 59_900))).isEqualTo("59m 59.9s");
    }

    @Test
    void durationsOverAnHour() {
        assertThat(Format.duration(Duration.ofMillis(3_599_960))).isEqualTo("1h 00m 00s");
        assertThat(Format.duration(Duration.ofSeconds(3723))).isEqualTo("1h 02m 03s");
        assertThat(Format.duration(Duration.ofHours(26).plusMinutes(5))).isEqualTo("26h 05m 00s");
        assertThat(Format.duration(Duration.ofSeconds(Long.MAX_VALUE))).endsWith("s");
    }

    @Test
    void etas() {
        assertThat(Format.eta(null)).isEqualTo("?");
        assertThat(Format.eta(Duration.ZERO)).isEqualTo("0s");
        assertThat(Format.eta(Duration.ofMillis(34_200))).isEqualTo("35s");
        assertThat(Format.eta(Duration.ofSeconds(192))).isEqualTo("3m 12s");
        assertThat(Format.eta(Duration.ofMinutes(125))).isEqualTo("2h 05m");
        assertThat(Format.eta(Duration.ofSeconds(-3))).isEqualTo("0s");
    }
}
