package io.pgbarge.catalog;

import java.util.List;

/**
 * What makes a table foreign (pg_foreign_table): its server and options. Column options are in
 * {@link Column.Settings#fdwOptions}.
 *
 * @param server  the server's name
 * @param options ftoptions, {@code name=value} each
 */
public record ForeignTable(long serverOid, String server, List<String> options) {
    public ForeignTable {
        options = List.copyOf(options);
    }
}
