package io.pgbarge.verify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an archive says the target must hold after a restore, gathered while the restore reads it
 * (no second read of the archive): per table the row count and {@link LineChecksum} of its COPY
 * lines as they are in the archive, and the value each SEQUENCE SET entry sets. Thread-safe: the
 * restore's workers add to it.
 */
public final class ArchiveRows {

    /**
     * One relation's rows in the archive.
     *
     * @param relation the relation the COPY statement names, as SQL ({@code public.actor})
     * @param columns  its column list as SQL ({@code actor_id, first_name}); empty for a table without columns
     * @param lines    the rows, counted and hashed
     */
    public record Table(String relation, String columns, LineChecksum lines) {
    }

    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final List<DataVerifier.SourceSequence> sequences = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private volatile boolean inexactFloats;

    /**
     * The archive was dumped from a server older than 12: pg_dump's extra_float_digits 3 then wrote
     * float4/float8 with 17 significant digits, which no newer server prints; tables with such columns
     * are compared by row count only.
     */
    public void floatsInexact() {
        inexactFloats = true;
    }

    public boolean inexactFloats() {
        return inexactFloats;
    }

    /** The major version in a server version string ({@code 11.22 (Debian …)} → 11; {@code 9.6.24} → 9), or -1. */
    public static int major(String serverVersion) {
        Matcher m = Pattern.compile("^(\\d+)").matcher(serverVersion == null ? "" : serverVersion.trim());
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** Adds one TABLE DATA entry's lines, once they were all read; entries for one relation add up. */
    public synchronized void add(String relation, String columns, LineChecksum lines) {
        Table t = tables.get(relation);
        if (t == null) {
            LineChecksum sum = new LineChecksum(null);
            sum.add(lines);
            tables.put(relation, new Table(relation, columns, sum));
        } else {
            t.lines().add(lines);
        }
    }

    private static final Pattern SETVAL = Pattern.compile(
            "setval\\(\\s*'((?:[^']|'')+)'\\s*,\\s*(-?\\d+)\\s*,\\s*(true|false)\\s*\\)", Pattern.CASE_INSENSITIVE);

    /** Adds the value a SEQUENCE SET entry sets ({@code SELECT pg_catalog.setval('public.s', 42, true);}). */
    public synchronized void addSequence(String setvalSql) {
        Matcher m = SETVAL.matcher(setvalSql == null ? "" : setvalSql);
        if (m.find()) {
            sequences.add(new DataVerifier.SourceSequence(m.group(1).replace("''", "'"),
                    Long.parseLong(m.group(2)), Boolean.parseBoolean(m.group(3).toLowerCase())));
        }
    }

    /** A table whose rows cannot be compared, and why; reported as a note. */
    public synchronized void note(String note) {
        notes.add(note);
    }

    public synchronized List<Table> tables() {
        List<Table> out = new ArrayList<>(tables.values());
        out.sort(Comparator.comparing(Table::relation));
        return out;
    }

    public synchronized List<DataVerifier.SourceSequence> sequences() {
        List<DataVerifier.SourceSequence> out = new ArrayList<>(sequences);
        out.sort(Comparator.comparing(DataVerifier.SourceSequence::name));
        return out;
    }

    public synchronized List<String> notes() {
        return List.copyOf(notes);
    }
}
