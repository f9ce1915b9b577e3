package io.pgbarge.dump;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a dump wrote.
 *
 * @param path    the archive (null for standard output)
 * @param entries TOC entries written
 * @param tables  rows and bytes of each table's data, by qualified name
 * @param largeObjects large objects written
 * @param notes   what was adapted or left out
 */
public record DumpResult(Path path, int entries, List<TableRows> tables, long rows, long bytes, long largeObjects,
                         List<String> notes, Duration duration) {

    public DumpResult {
        tables = List.copyOf(tables);
        notes = List.copyOf(notes);
    }

    public record TableRows(String table, long rows, long bytes) {
    }
}
