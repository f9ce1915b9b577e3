package io.pgbarge.catalog;

/**
 * A rewrite rule (pg_rewrite) on a table or view, other than a view's {@code _RETURN} rule, which is
 * the view itself.
 *
 * @param relation   the relation's qualified name, as SQL
 * @param relkind    the relation's relkind: only tables ('r', 'p') can disable or re-enable a rule
 * @param definition pg_get_ruledef(oid), without its trailing semicolon
 * @param enabled    ev_enabled: 'O' origin (default), 'D' disabled, 'R' replica, 'A' always
 */
public record Rule(long oid, long relationOid, String relation, char relkind, String name, String definition,
                   char enabled, String comment) {
}
