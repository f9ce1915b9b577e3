package io.pgbarge.verify;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a {@code timestamp with time zone} in COPY text independent of the session's TimeZone:
 * pg_dump prints them in whatever zone its session had (it does not set one), so an archive made in
 * Europe/Berlin says {@code 2024-03-01 13:00:00+01} where a UTC session says {@code 12:00:00+00} —
 * the same instant. Every such text in a line (also inside arrays, ranges, composites) becomes
 * {@code @<epoch seconds>[.fraction]}.
 *
 * <p>Both sides of a comparison go through this, so a text column that merely looks like a timestamp
 * is rewritten the same way on both and still compares equal.
 */
final class InstantText {
    private InstantText() {
    }

    /** DateStyle ISO output: date, time, optional fraction, offset (+HH, +HH:MM or +HH:MM:SS), optional BC. */
    private static final Pattern STAMP = Pattern.compile(
            "(\\d{4,})-(\\d\\d)-(\\d\\d) (\\d\\d):(\\d\\d):(\\d\\d)(\\.\\d{1,6})?([+-])(\\d\\d)(?::(\\d\\d))?(?::(\\d\\d))?( BC)?");

    static String normalize(String line) {
        if (line.indexOf(':') < 0) {
            return line;
        }
        Matcher m = STAMP.matcher(line);
        StringBuilder b = null;
        int last = 0;
        while (m.find()) {
            String epoch = epoch(m);
            if (epoch == null) {
                continue;
            }
            if (b == null) {
                b = new StringBuilder(line.length());
            }
            b.append(line, last, m.start()).append(epoch);
            last = m.end();
        }
        if (b == null) {
            return line;
        }
        return b.append(line, last, line.length()).toString();
    }

    private static String epoch(Matcher m) {
        try {
            int year = Integer.parseInt(m.group(1));
            if (m.group(12) != null) {
                year = 1 - year; // 1 BC is year 0 of the proleptic calendar both use
            }
            LocalDateTime t = LocalDateTime.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
            int sign = m.group(8).equals("-") ? -1 : 1;
            int seconds = sign * (Integer.parseInt(m.group(9)) * 3600
                    + (m.group(10) == null ? 0 : Integer.parseInt(m.group(10)) * 60)
                    + (m.group(11) == null ? 0 : Integer.parseInt(m.group(11))));
            long epoch = t.toEpochSecond(ZoneOffset.ofTotalSeconds(seconds));
            return "@" + epoch + (m.group(7) == null ? "" : m.group(7));
        } catch (DateTimeException | NumberFormatException e) {
            return null; // not a valid timestamp: left as it is, on both sides alike
        }
    }
}
