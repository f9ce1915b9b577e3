package io.pgbarge.archive;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A list file for {@code pg_restore -L} ({@code SortTocFromFile}): each line starting with a dump
 * ID selects that entry, in the order of the lines; everything from {@code ;} on is a comment, so
 * lines of {@link ArchiveListing} output can be commented out, deleted and reordered. Lines whose ID
 * is not a positive number or repeats an earlier one are ignored with a warning.
 */
public final class RestoreList {

    /** One selected line: its number (from 1) and the dump ID it starts with. */
    public record Item(int lineNumber, int dumpId) {
    }

    private final List<Item> items;
    private final List<String> warnings;

    private RestoreList(List<Item> items, List<String> warnings) {
        this.items = List.copyOf(items);
        this.warnings = List.copyOf(warnings);
    }

    public static RestoreList parse(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r);
        }
    }

    public static RestoreList parse(String text) {
        try {
            return parse(new StringReader(text));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RestoreList parse(Reader reader) throws IOException {
        BufferedReader br = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<Item> items = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        String line;
        int no = 0;
        while ((line = br.readLine()) != null) {
            no++;
            int c = line.indexOf(';');
            String body = c >= 0 ? line.substring(0, c) : line;
            if (body.isBlank()) {
                continue;
            }
            Integer id = leadingInt(body);
            if (id == null || id <= 0 || !seen.add(id)) {
                warnings.add("line " + no + " ignored: " + body.strip());
                continue;
            }
            items.add(new Item(no, id));
        }
        return new RestoreList(items, warnings);
    }

    /** strtol: optional leading white space and sign, then digits. */
    private static Integer leadingInt(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        int start = i;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i == digits) {
            return null;
        }
        try {
            return Integer.parseInt(s.substring(start, i));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The selected lines, in file order. */
    public List<Item> items() {
        return items;
    }

    /** One message per ignored line. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The archive's entries named by the list, in the list's order, which is the order pg_restore
     * restores them in. IDs greater than the archive's largest dump ID are ignored (pg_restore
     * warns); an ID within range that names no entry is an error, as in pg_restore.
     *
     * @throws IllegalArgumentException "could not find entry for ID N"
     */
    public List<TocEntry> select(Archive archive) {
        int max = 0;
        for (TocEntry e : archive.entries()) {
            max = Math.max(max, e.dumpId());
        }
        List<TocEntry> out = new ArrayList<>(items.size());
        for (Item it : items) {
            if (it.dumpId() > max) {
                continue;
            }
            TocEntry e = archive.entry(it.dumpId()).orElseThrow(() -> new IllegalArgumentException(
                    "line " + it.lineNumber() + " of the list: could not find entry for ID " + it.dumpId()
                            + " in " + archive.name()));
            out.add(e);
        }
        return Collections.unmodifiableList(out);
    }

    /** Warnings of {@link #select}: the lines whose ID is beyond the archive's largest dump ID. */
    public List<String> warningsFor(Archive archive) {
        int max = 0;
        for (TocEntry e : archive.entries()) {
            max = Math.max(max, e.dumpId());
        }
        List<String> w = new ArrayList<>(warnings);
        for (Item it : items) {
            if (it.dumpId() > max) {
                w.add("line " + it.lineNumber() + " ignored: no entry " + it.dumpId() + " in " + archive.name());
            }
        }
        return w;
    }
}
