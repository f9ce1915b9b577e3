package io.pgbarge.catalog;

import io.pgbarge.ddl.Sql;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A table (ordinary, partitioned, partition, inheritance child, unlogged) as read from pg_class.
 * Owned by the tables reader; the copy engine uses the accessors documented as such.
 *
 * @param relkind        'r' ordinary, 'p' partitioned (no rows of its own), 'f' foreign (rows elsewhere)
 * @param persistence    'p' permanent, 'u' unlogged
 * @param estimatedRows  pg_class.reltuples (may be -1 when never analyzed)
 * @param estimatedBytes heap + TOAST size in bytes, for progress and scheduling
 * @param acl            relacl as text, or null for the default privileges
 * @param defaultAcl     acldefault('r', relowner) as text, what a NULL relacl means
 */
public record Table(long oid, String schema, String name, char relkind, char persistence, String owner,
                    List<Column> columns, long estimatedRows, long estimatedBytes, String comment, String acl,
                    String defaultAcl, Details details) {

    public Table {
        columns = List.copyOf(columns);
    }

    /**
     * Everything only the DDL needs.
     *
     * @param namespaceOid    the schema's oid
     * @param rowTypeOid      reltype: the table's composite type, which functions may name
     * @param partition       relispartition: attached to a partitioned parent (the first of {@code parentOids})
     * @param partitionKey    pg_get_partkeydef for relkind 'p': {@code RANGE (a)}, else null
     * @param partitionBound  pg_get_expr(relpartbound): {@code FOR VALUES FROM (1) TO (10)}, or null
     * @param parentOids      pg_inherits parents in inhseqno order (one for a partition)
     * @param reloptions      {@code fillfactor=70} …
     * @param toastReloptions the TOAST table's reloptions, without the {@code toast.} prefix
     * @param accessMethod    the table access method when it is not heap, else null
     * @param ofType          format_type(reloftype) of a typed table, else null
     * @param replicaIdentity relreplident: 'd' default, 'n' nothing, 'f' full, 'i' index
     * @param rowSecurity     relrowsecurity: ENABLE ROW LEVEL SECURITY
     * @param forceRowSecurity relforcerowsecurity: FORCE ROW LEVEL SECURITY (policies bind the owner too)
     * @param foreign         server and options of a foreign table, else null
     */
    public record Details(long namespaceOid, long rowTypeOid, boolean partition, String partitionKey,
                          String partitionBound, List<Long> parentOids, List<String> reloptions,
                          List<String> toastReloptions, String accessMethod, String ofType, char replicaIdentity,
                          boolean rowSecurity, boolean forceRowSecurity, ForeignTable foreign) {
        public Details {
            parentOids = List.copyOf(parentOids);
            reloptions = List.copyOf(reloptions);
            toastReloptions = List.copyOf(toastReloptions);
        }
    }

    public String qualifiedName() {
        return Sql.qualified(schema, name);
    }

    /**
     * True when the table holds rows of its own to copy: leaf tables; not partitioned parents, and not
     * foreign tables, whose rows live on their server.
     */
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

    /**
     * The select list that reads the copied columns for COPY (SELECT …) TO STDOUT, with every char(n)
     * column cast to text so that its blank padding is not sent (the target's char(n) column pads it
     * back): for pgbench_accounts.filler char(84), 84 of the ~114 bytes of a row.
     */
    public String copySelectList() {
        return copyColumns().stream().map(c -> c.paddedLength() > 0 ? Sql.ident(c.name()) + "::pg_catalog.text"
                : Sql.ident(c.name())).collect(Collectors.joining(", "));
    }

    /** Whether a copied column is char(n) (see {@link #copySelectList()}). */
    public boolean hasPaddedColumns() {
        return copyColumns().stream().anyMatch(c -> c.paddedLength() > 0);
    }

    /** Binary COPY is used only when every copied column's type is built in (see {@link Column#binarySafe}). */
    public boolean binaryCopySafe() {
        return copyColumns().stream().allMatch(Column::binarySafe);
    }
}
