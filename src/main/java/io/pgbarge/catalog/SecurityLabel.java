package io.pgbarge.catalog;

/**
 * A security label (pg_seclabel) on one of the user's tables or foreign tables, or on a column of one.
 *
 * @param column   the column's name, or null for the table itself
 * @param provider the label provider (a loadable module such as sepgsql), which must be loaded on the
 *                 target too
 */
public record SecurityLabel(long tableOid, String column, String provider, String label) {
}
