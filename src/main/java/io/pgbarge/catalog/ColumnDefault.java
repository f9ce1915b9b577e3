package io.pgbarge.catalog;

/**
 * A column default (pg_attrdef) that is not a generation expression.
 *
 * @param oid        pg_attrdef oid; pg_depend ties serial sequences and functions to it
 * @param expression pg_get_expr(adbin, adrelid), names schema-qualified
 */
public record ColumnDefault(long oid, long tableOid, int attnum, String column, String expression) {
}
