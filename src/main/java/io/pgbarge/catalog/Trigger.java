package io.pgbarge.catalog;

/**
 * A user trigger (not internal, not cloned onto a partition from its parent's trigger).
 *
 * @param definition pg_get_triggerdef(oid, false)
 * @param enabled    tgenabled: 'O' origin (default), 'D' disabled, 'R' replica, 'A' always
 */
public record Trigger(long oid, long tableOid, String name, String definition, char enabled, String comment) {
}
