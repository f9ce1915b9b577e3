package io.pgbarge.restore;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a restore, for the summary and for tests.
 *
 * @param rows       rows stored per table ({@code public.actor}), for the tables whose data was loaded
 * @param statements statements run (pre-data, data and post-data)
 * @param notes      what was adapted or left out
 */
public record RestoreResult(Map<String, Long> rows, int statements, List<String> notes, Duration elapsed) {
    public RestoreResult {
        rows = Map.copyOf(rows);
        notes = List.copyOf(notes);
    }
}
