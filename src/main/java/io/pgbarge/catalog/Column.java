package io.pgbarge.catalog;

import java.util.List;

/**
 * A table column as read from pg_attribute (dropped columns excluded).
 * Owned by the tables reader; the copy engine uses name, generated and binarySafe.
 *
 * @param typeSql        format_type(atttypid, atttypmod), schema-qualified for user types
 * @param binarySafe     true when binary COPY of this column is safe between two databases: its type
 *                       (with domains resolved to their base type) is built in, so that no user type OID is
 *                       embedded in the binary representation
 * @param notNull        attnotnull
 * @param notNullName    the NOT NULL constraint's name on PostgreSQL 18+ (pg_constraint contype 'n'), else null
 * @param notNullNoInherit the 18+ NOT NULL constraint is NO INHERIT
 * @param generated      attgenerated: '\0' for none, 's' stored (, 'v' virtual on 18+)
 * @param generationExpr pg_get_expr of the generation expression, or null
 * @param identity       attidentity: '\0', 'a' (ALWAYS) or 'd' (BY DEFAULT)
 * @param identitySequence the sequence behind an identity column (null when none, or when the column
 *                       shares its partitioned parent's sequence)
 * @param collation      {@code schema."name"} when it differs from the type's default collation, else null
 * @param isLocal        attislocal: declared in this table (not only inherited)
 * @param inhCount       attinhcount: number of parents it is inherited from
 * @param acl            attacl as text, or null (the default for columns is no privileges)
 * @param settings       per-column settings that CREATE TABLE cannot carry
 */
public record Column(int attnum, String name, String typeSql, long typeOid, boolean binarySafe,
                     boolean notNull, String notNullName, boolean notNullNoInherit,
                     char generated, String generationExpr, char identity, IdentitySequence identitySequence,
                     String collation, boolean isLocal, int inhCount, String comment, String acl,
                     Settings settings) {

    public boolean isGenerated() {
        return generated != '\0';
    }

    /** pg_type oid of bpchar, the type behind char(n). */
    private static final long BPCHAR_OID = 1042;

    /**
     * The n of a char(n) column — plain bpchar with a length, not an array or a domain — else 0. Such a
     * column stores its values blank-padded to n, and the padding carries nothing: a cast to text drops
     * it, and a char(n) column of the same n pads it back on input. bpchar without a length keeps
     * trailing blanks as given, so it is not one of these.
     */
    public int paddedLength() {
        return paddedLength(typeOid, typeSql);
    }

    /** {@link #paddedLength()} of a type as format_type(atttypid, atttypmod) spells it. */
    public static int paddedLength(long typeOid, String typeSql) {
        String prefix = "character(";
        if (typeOid != BPCHAR_OID || typeSql == null || !typeSql.startsWith(prefix) || !typeSql.endsWith(")")) {
            return 0;
        }
        try {
            return Integer.parseInt(typeSql.substring(prefix.length(), typeSql.length() - 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Settings changed with ALTER TABLE … ALTER COLUMN, each null (or empty) when it is the default.
     *
     * @param storage          PLAIN, EXTERNAL, MAIN or EXTENDED when it differs from the type's typstorage
     * @param compression      attcompression (14+): pglz or lz4 when set
     * @param statisticsTarget attstattarget when set explicitly
     * @param options          attoptions, e.g. {@code n_distinct=100}
     * @param fdwOptions       attfdwoptions of a foreign table's column, e.g. {@code column_name=id}
     */
    public record Settings(String storage, String compression, Integer statisticsTarget, List<String> options,
                           List<String> fdwOptions) {
        public static final Settings NONE = new Settings(null, null, null, List.of(), List.of());

        public Settings {
            options = options == null ? List.of() : List.copyOf(options);
            fdwOptions = fdwOptions == null ? List.of() : List.copyOf(fdwOptions);
        }
    }
}
