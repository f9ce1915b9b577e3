package io.pgbarge.catalog;

/**
 * An index of a table, partitioned table or materialized view.
 *
 * @param tableName     the indexed relation, schema-qualified and quoted for SQL
 * @param onMatview     the indexed relation is a materialized view
 * @param definition    pg_get_indexdef(oid): {@code CREATE INDEX i ON [ONLY] s.t USING btree (a)}
 * @param partitioned   relkind 'I': an index on a partitioned table, built by attaching its partitions' indexes
 * @param parentOid     the partitioned index this one is attached to (pg_inherits), or 0
 * @param constraintOid the PRIMARY KEY / UNIQUE / EXCLUDE constraint it implements, or 0
 * @param accessMethod  btree, gin, …
 * @param options       its storage parameters as pg_class.reloptions has them: {@code fastupdate=off}
 */
public record Index(long oid, long tableOid, String tableName, boolean onMatview, String schema, String name, String definition, boolean partitioned,
                    long parentOid, long constraintOid, boolean clustered, boolean replicaIdentity, String comment,
                    String accessMethod, java.util.List<String> options) {
    public Index {
        options = options == null ? java.util.List.of() : java.util.List.copyOf(options);
    }
}
