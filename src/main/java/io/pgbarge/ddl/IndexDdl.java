package io.pgbarge.ddl;

import io.pgbarge.catalog.Index;
import io.pgbarge.catalog.Table;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Indexes that no constraint owns (on tables and materialized views), the ATTACH of every partition's
 * index to its partitioned index, CLUSTER ON, REPLICA IDENTITY USING INDEX and index comments.
 */
final class IndexDdl {
    private IndexDdl() {
    }

    /** Provided by the ATTACH of an index: a partitioned index is whole once all of these have run. */
    static String attachKey(long childIndexOid) {
        return Keys.of("index_attach", childIndexOid);
    }

    static Statement.Created created(Index i) {
        String q = Sql.qualified(i.schema(), i.name());
        return new Statement.Created("INDEX", q, "pg_catalog.to_regclass(" + Sql.literal(q) + ")");
    }

    static List<Statement> statements(Index i, TableSet set) {
        String q = Sql.qualified(i.schema(), i.name());
        String key = Keys.rel(i.oid());
        List<Statement> out = new ArrayList<>();
        if (i.constraintOid() == 0) {
            // pg_get_indexdef says ON ONLY for a partitioned index, so it does not build the partitions'.
            Set<String> requires = new LinkedHashSet<>(set.dataKeys(i.tableOid()));
            requires.add(Keys.rel(i.tableOid()));
            String sql = i.definition();
            if (i.partitioned() && set.hasForeignPartition(i.tableOid())) {
                // A foreign partition has no index to attach, so an index made ON ONLY and then attached
                // would stay invalid for good. Without ONLY, CREATE INDEX skips foreign partitions and
                // adopts the matching indexes the others already have (so it waits for them); the ATTACH
                // statements that follow are then no-ops.
                sql = sql.replaceFirst(" ON ONLY ", " ON ");
                requires.addAll(set.indexKeysBelow(i.oid()));
            }
            out.add(new Statement("INDEX", q, Section.POST_DATA, sql, Set.of(key), requires, Set.of(), created(i)));
        }
        if (i.parentOid() != 0 && set.index(i.parentOid()) != null) {
            out.add(attach(i, set.index(i.parentOid())));
        }
        if (i.clustered()) {
            out.add(Statement.of("CLUSTER", q, Section.POST_DATA, "ALTER " + relationType(i) + " " + i.tableName()
                    + " CLUSTER ON " + Sql.ident(i.name()), Set.of(), Set.of(key)));
        }
        if (i.replicaIdentity() && !i.onMatview()) {
            Table t = set.table(i.tableOid());
            String only = t != null && t.relkind() == 'p' ? "" : "ONLY ";
            out.add(Statement.of("REPLICA IDENTITY", i.tableName(), Section.POST_DATA, "ALTER TABLE " + only + i.tableName()
                    + " REPLICA IDENTITY USING INDEX " + Sql.ident(i.name()), Set.of(), requiresIndex(i)));
        }
        if (i.comment() != null) {
            out.add(Statement.of("COMMENT", "INDEX " + q, Section.POST_DATA,
                    "COMMENT ON INDEX " + q + " IS " + Sql.literal(i.comment()), Set.of(), Set.of(key)));
        }
        return out;
    }

    /**
     * ALTER INDEX parent ATTACH PARTITION child. When the indexes belong to constraints (a partitioned
     * PRIMARY KEY), the child's constraint must exist before its index can be attached.
     */
    private static Statement attach(Index child, Index parent) {
        Set<String> requires = new LinkedHashSet<>(requiresIndex(child));
        requires.addAll(requiresIndex(parent));
        return Statement.of("INDEX ATTACH", Sql.qualified(child.schema(), child.name()), Section.POST_DATA,
                "ALTER INDEX " + Sql.qualified(parent.schema(), parent.name()) + " ATTACH PARTITION "
                        + Sql.qualified(child.schema(), child.name()),
                Set.of(attachKey(child.oid())), requires);
    }

    private static Set<String> requiresIndex(Index i) {
        Set<String> r = new LinkedHashSet<>();
        r.add(Keys.rel(i.oid()));
        if (i.constraintOid() != 0) {
            r.add(Keys.constraint(i.constraintOid()));
        }
        return r;
    }

    private static String relationType(Index i) {
        return i.onMatview() ? "MATERIALIZED VIEW" : "TABLE";
    }
}
