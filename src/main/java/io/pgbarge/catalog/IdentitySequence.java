package io.pgbarge.catalog;

/**
 * The sequence that an identity column owns (pg_depend deptype 'i'), with its options from
 * pg_sequence and its current state, so that the column and the sequence come back as they were.
 */
public record IdentitySequence(long oid, String schema, String name, long start, long increment,
                               long min, long max, long cache, boolean cycle, long lastValue, boolean isCalled) {
}
