package io.pgbarge.catalog;

import io.pgbarge.ddl.Sql;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A table (ordinary, partitioned, partition, inheritance child, unlogged) as read from pg_class.
 * Owned by the tables reader; the copy engine uses the accessors documented as such.
 *
 * @param relkind        'r' ordinary, 'p' partitioned (no rows of its own)
 * @param persistence    'p' permanent, 'u' unlogged
 * @param estimatedRows  pg_class.reltuples (may be -1 when never analyzed)
 * @param estimatedBytes heap + TOAST size in bytes, for progress and scheduling
 */
public record Table(long oid, String schema, String name, char relkind, char persistence, String owner,
                    List<Column> columns, long estimatedRows, long estimatedBytes, String comment, String acl,
                    Details details) {

    /** Everything only the DDL needs; the tables reader may grow it. */
    public record Details(String partitionKey, String partitionBound, List<String> parents,
                          List<String> reloptions, List<String> toastReloptions, String accessMethod,
                          String ofType, char replicaIdentity, String tablespace) {
    }

    public String qualifiedName() {
        return Sql.qualified(schema, name);
    }

    /** True when the table holds rows of its own to copy (leaf tables; not partitioned parents). */
    public boolean hasData() {
        return relkind == 'r';
    }

    /** Columns whose values COPY carries: all but generated ones. */
    public List<Column> copyColumns() {
        return columns.stream().filter(c -> !c.isGenerated()).collect(Collectors.toList());
    }

    /** The quoted column list for COPY, e.g. {@code (id, "Name")}. */
    public String copyColumnList() {
        return copyColumns().stream().map(c -> Sql.ident(c.name())).collect(Collectors.joining(", ", "(", ")"));
    }

    /** Binary COPY is used only when every copied column's type is built in (see {@link Column#binarySafe}). */
    public boolean binaryCopySafe() {
        return copyColumns().stream().allMatch(Column::binarySafe);
    }
}
