package io.pgbarge.copy;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of a copy, for the summary and for tests.
 *
 * @param tables per table: name and rows stored on the target
 * @param notes  what was adapted or left out
 */
public record CopyResult(List<TableRows> tables, long rows, long bytes, int statements, List<String> notes,
                         Duration elapsed) {
    public record TableRows(String table, long rows, long bytes) {
    }
}
