package io.pgbarge.verify;

/**
 * One object whose definition differs between source and target.
 *
 * @param kind      the statement kind, in pg_dump's words: "TABLE", "INDEX", "DEFAULT", "ACL", …
 * @param name      the object, as the DDL generator names it: {@code public.orders}, {@code public.orders_pkey}
 * @param change    what differs
 * @param sourceSql the (normalised) SQL that recreates it as the source has it, null when missing there
 * @param targetSql the same for the target, null when missing there
 */
public record SchemaDifference(String kind, String name, Change change, String sourceSql, String targetSql) {

    public enum Change {
        MISSING_ON_TARGET("missing on target"),
        EXTRA_ON_TARGET("extra on target, not in source"),
        DIFFERENT("definition differs");

        private final String words;

        Change(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }
}
