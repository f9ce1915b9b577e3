package io.pgbarge.catalog;

/**
 * An extended statistics object (pg_statistic_ext).
 *
 * @param relationOid      the table (or materialized view, or foreign table) it is on
 * @param definition       pg_get_statisticsobjdef(oid)
 * @param statisticsTarget stxstattarget when set explicitly, else null
 */
public record StatisticsObject(long oid, String schema, String name, long relationOid, String owner,
                               String definition, Integer statisticsTarget, String comment) {
}
