package io.pgbarge.catalog;

/**
 * A table column as read from pg_attribute (dropped columns excluded).
 * Owned by the tables reader; the copy engine uses name, generated and binarySafe.
 *
 * @param typeSql    format_type(atttypid, atttypmod), schema-qualified for user types
 * @param binarySafe true when binary COPY of this column is safe between two databases: its type
 *                   (with domains resolved to their base type) is built in, so that no user type OID is
 *                   embedded in the binary representation
 * @param generated  attgenerated: '\0' for none, 's' stored (, 'v' virtual on 18+)
 * @param identity   attidentity: '\0', 'a' (ALWAYS) or 'd' (BY DEFAULT)
 */
public record Column(int attnum, String name, String typeSql, long typeOid, boolean binarySafe,
                     boolean notNull, char generated, String generationExpr, char identity,
                     String collation, boolean isLocal, int inhCount, String comment, String acl) {

    public boolean isGenerated() {
        return generated != '\0';
    }
}
