package io.pgbarge.catalog;

import java.util.List;

/**
 * A row-level security policy (pg_policy).
 *
 * @param permissive polpermissive: false for AS RESTRICTIVE
 * @param command    polcmd: '*' all, 'r' SELECT, 'a' INSERT, 'w' UPDATE, 'd' DELETE
 * @param roles      the roles it applies to, in pg_policy's order; empty for PUBLIC
 * @param using      pg_get_expr(polqual), or null
 * @param withCheck  pg_get_expr(polwithcheck), or null
 */
public record Policy(long oid, long tableOid, String name, boolean permissive, char command, List<String> roles,
                     String using, String withCheck, String comment) {

    public Policy {
        roles = List.copyOf(roles);
    }
}
