package io.pgbarge.check;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Large objects: how many and how big; whether the source login may read each of them (only the
 * owner, grantees of SELECT and superusers may, unless lo_compat_privileges is on); whether the target
 * login can create them and whether the target already holds large objects of the same OIDs.
 */
public final class LargeObjectCheck implements Check {
    @Override
    public String topic() {
        return "large objects";
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        long count = Queries.number(ctx.source(), "SELECT count(*) FROM pg_catalog.pg_largeobject_metadata");
        if (count == 0) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        long size = Queries.number(ctx.source(), "SELECT pg_catalog.pg_total_relation_size('pg_catalog.pg_largeobject')");
        out.add(Finding.info("large-objects", List.of(Queries.count(count, "large object", "large objects")),
                "the source holds " + Queries.count(count, "large object", "large objects") + ", about " + Queries.bytes(size)
                        + " on disk; they are copied after the tables, one stream at a time.",
                "To leave them out: --no-large-objects."));
        ServerFacts s = ctx.sourceFacts();
        boolean compat = "on".equals(Queries.scalar(ctx.source(), "SELECT current_setting('lo_compat_privileges')"));
        if (!s.superuser() && !compat) {
            List<String> unreadable = Queries.strings(ctx.source(), "SELECT 'large object ' || m.oid"
                    + " FROM pg_catalog.pg_largeobject_metadata m WHERE NOT pg_catalog.pg_has_role(m.lomowner, 'USAGE')"
                    + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.aclexplode(m.lomacl) a WHERE a.privilege_type = 'SELECT'"
                    + "   AND (a.grantee = 0 OR pg_catalog.pg_has_role(a.grantee, 'USAGE')))"
                    + " ORDER BY m.oid LIMIT 1000");
            if (!unreadable.isEmpty()) {
                out.add(Finding.blocker("large-object-unreadable", unreadable,
                        "the source login " + s.user() + " may not read " + (unreadable.size() >= 1000 ? "at least " : "")
                                + Queries.count(unreadable.size(), "large object", "large objects") + " (not its owner, no SELECT"
                                + " granted, lo_compat_privileges off): the copy would fail on them.",
                        "Copy as a superuser or as their owner, GRANT SELECT ON LARGE OBJECT … TO " + s.user()
                                + ", or leave them out with --no-large-objects."));
            }
        }
        ServerFacts t = ctx.targetFacts();
        String canCreate = Queries.scalar(ctx.target(), "SELECT pg_catalog.has_function_privilege('pg_catalog.lo_create(oid)', 'EXECUTE')"
                + " AND pg_catalog.has_function_privilege('pg_catalog.lo_put(oid, bigint, bytea)', 'EXECUTE')");
        if (!"t".equals(canCreate)) {
            out.add(Finding.blocker("large-object-not-creatable", List.of("target login " + t.user()),
                    "the target login " + t.user() + " may not execute lo_create or lo_put, so it cannot create large objects.",
                    "GRANT EXECUTE ON FUNCTION lo_create(oid), lo_put(oid, bigint, bytea) TO " + t.user()
                            + " on the target, or leave them out with --no-large-objects."));
        }
        long onTarget = Queries.number(ctx.target(), "SELECT count(*) FROM pg_catalog.pg_largeobject_metadata");
        if (onTarget > 0) {
            long[] oids = Queries.list(ctx.source(), "SELECT oid FROM pg_catalog.pg_largeobject_metadata ORDER BY oid LIMIT 1000000",
                    rs -> rs.getLong(1)).stream().mapToLong(Long::longValue).toArray();
            Long[] boxed = java.util.Arrays.stream(oids).boxed().toArray(Long[]::new);
            List<String> clash = Queries.strings(ctx.target(), "SELECT 'large object ' || m.oid FROM pg_catalog.pg_largeobject_metadata m"
                    + " WHERE m.oid::bigint = ANY (?) ORDER BY m.oid LIMIT 1000", ctx.target().createArrayOf("int8", boxed));
            if (!clash.isEmpty()) {
                out.add(Finding.blocker("large-object-exists", clash,
                        "the target already holds " + Queries.count(clash.size(), "large object", "large objects")
                                + " with the OIDs of the source's (" + Queries.shortList(clash, 3) + ").",
                        "Remove them from the target (SELECT lo_unlink(oid) FROM pg_largeobject_metadata), copy into an empty"
                                + " database, or leave large objects out with --no-large-objects."));
            } else {
                out.add(Finding.info("large-objects-on-target", List.of(Queries.count(onTarget, "large object", "large objects")),
                        "the target already holds " + Queries.count(onTarget, "large object", "large objects")
                                + "; none has the OID of one of the source's.", ""));
            }
        }
        return out;
    }
}
