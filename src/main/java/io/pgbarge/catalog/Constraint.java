package io.pgbarge.catalog;

/**
 * A table constraint from pg_constraint: CHECK 'c', FOREIGN KEY 'f', PRIMARY KEY 'p', UNIQUE 'u',
 * EXCLUDE 'x' (NOT NULL 'n' on 18+ is folded into {@link Column}).
 *
 * @param definition  pg_get_constraintdef(oid): {@code CHECK ((a > 0))}, {@code FOREIGN KEY (a) REFERENCES …}
 * @param indexOid    conindid: the index of a PK/UNIQUE/EXCLUDE constraint, or the referenced index of an FK
 * @param parentOid   conparentid: the partitioned table's constraint this one was cloned from, or 0
 * @param refTableOid confrelid: the referenced table of an FK, or 0
 */
public record Constraint(long oid, long tableOid, String name, char type, String definition, long indexOid,
                         boolean validated, boolean deferrable, boolean deferred, boolean isLocal, int inhCount,
                         boolean noInherit, long parentOid, long refTableOid, String comment) {

    public boolean isInherited() {
        return !isLocal || inhCount > 0 || parentOid != 0;
    }
}
