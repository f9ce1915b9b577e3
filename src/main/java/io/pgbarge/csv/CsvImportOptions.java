package io.pgbarge.csv;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code pgbarge import-csv} was asked to do.
 *
 * @param files      paths, {@code -} for standard input
 * @param table      the target table as written in SQL
 * @param maxErrors  rejected rows allowed before the load stops and rolls back; negative: no limit
 * @param rejects    the rejects file
 * @param batchBytes records per COPY statement, in bytes (the unit of parallel work and of savepoints)
 */
public record CsvImportOptions(List<String> files, String table, CsvFormat format, boolean create, int jobs,
                               long maxErrors, Path rejects, int batchBytes) {
    public static final int DEFAULT_BATCH_BYTES = 8 << 20;
}
