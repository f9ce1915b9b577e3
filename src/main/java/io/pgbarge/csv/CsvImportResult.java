package io.pgbarge.csv;

import java.nio.file.Path;
import java.util.List;

/**
 * What a load did. All loaded rows were committed together; {@code rejected} rows are in the rejects file.
 *
 * @param created the columns and types of the table {@code --create} made, else empty
 */
public record CsvImportResult(String table, long rowsLoaded, long rejected, Path rejects, long bytes,
                              List<String> created) {
}
