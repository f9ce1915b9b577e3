package io.pgbarge.report;

import java.time.Duration;
import java.util.Locale;

/**
 * How pgbarge writes sizes, durations, counts and rates for people: binary units (pg_size_pretty and
 * most terminals' users think in KiB/MiB), one decimal, and Locale.ROOT so that logs look the same
 * on every machine and stay grep-able.
 */
public final class Format {
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Format() {
    }

    /** {@code 0 B}, {@code 1023 B}, {@code 1.0 KiB}, {@code 1.5 GiB}. */
    public static String bytes(long n) {
        if (n < 0) {
            return n == Long.MIN_VALUE ? "-8.0 EiB" : "-" + bytes(-n);
        }
        if (n < 1024) {
            return n + " B";
        }
        double v = n;
        int unit = -1;
        // Move up a unit while the rounded figure would read 1024.0 or more (1048575 B is 1.0 MiB).
        while (unit < UNITS.length - 1 && v >= 1023.95) {
            v /= 1024;
            unit++;
        }
        return oneDecimal(v) + " " + UNITS[unit];
    }

    /**
     * {@code v} with one decimal, rounded half up as {@code %.1f} does. Written out by hand: a log line
     * per table (thousands of them) formatted with String.format cost ~40 µs each in a cold JVM, on the
     * thread that runs the next step.
     */
    static String oneDecimal(double v) {
        if (!(v >= 0) || v >= 1e17) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        long tenths = java.math.BigDecimal.valueOf(v).setScale(1, java.math.RoundingMode.HALF_UP).unscaledValue().longValueExact();
        return (tenths / 10) + "." + (tenths % 10);
    }

    /** Bytes per second as {@code 12.3 MiB/s}; a rate that is not known yet reads {@code -}. */
    public static String rate(double bytesPerSecond) {
        if (!(bytesPerSecond >= 0) || Double.isInfinite(bytesPerSecond)) {
            return "-";
        }
        return bytes(Math.round(bytesPerSecond)) + "/s";
    }

    /** {@code 1,234,567}. */
    public static String count(long n) {
        if (n == Long.MIN_VALUE) {
            return String.format(Locale.ROOT, "%,d", n);
        }
        String digits = Long.toString(Math.abs(n));
        StringBuilder b = new StringBuilder(digits.length() + digits.length() / 3 + 1);
        if (n < 0) {
            b.append('-');
        }
        int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        b.append(digits, 0, lead);
        for (int i = lead; i < digits.length(); i += 3) {
            b.append(',').append(digits, i, i + 3);
        }
        return b.toString();
    }

    /**
     * An elapsed time, precise where it matters: {@code 420ms}, {@code 12.3s}, {@code 1m 02.3s},
     * {@code 1h 02m 03s}. Negative durations (clock steps) read as 0.
     */
    public static String duration(Duration d) {
        long ms = d == null || d.isNegative() ? 0 : saturatedMillis(d);
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 3_600_000 - 50) {
            long tenths = (ms + 50) / 100; // round to a tenth first, so 59.96s reads 1m 00.0s
            long minutes = tenths / 600;
            long secTenths = tenths % 600;
            String sec = (secTenths / 10) + "." + (secTenths % 10);
            return minutes == 0 ? sec + "s" : minutes + "m " + (secTenths < 100 ? "0" : "") + sec + "s";
        }
        long s = (ms + 500) / 1000;
        return String.format(Locale.ROOT, "%dh %02dm %02ds", s / 3600, s / 60 % 60, s % 60);
    }

    /** A remaining time, coarse on purpose (a estimate has no tenths): {@code 35s}, {@code 3m 12s}, {@code 2h 05m}. */
    public static String eta(Duration d) {
        if (d == null) {
            return "?";
        }
        long s = d.isNegative() ? 0 : (saturatedMillis(d) + 999) / 1000; // round up: never promise "0s" early
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", s / 3600, s / 60 % 60);
    }

    private static long saturatedMillis(Duration d) {
        try {
            return d.toMillis();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2;
        }
    }
}
