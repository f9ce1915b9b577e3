package io.pgbarge.ddl;

import io.pgbarge.catalog.LargeObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Large objects' metadata: created empty in pre-data (their contents are streamed by
 * {@code copy.LargeObjectCopier} in the data phase), with owner, comment and grants.
 *
 * <p>A database may hold millions, so objects with the same owner and privileges are handled in
 * batches of {@value #BATCH}, as pg_dump 17 does: one lo_create statement, one owner change and one
 * set of GRANTs per batch; comments are per object. Grants come after the contents
 * ({@link #CONTENTS_KEY}): revoking the owner's UPDATE first would keep the copier from writing.
 */
public final class LargeObjectDdl {
    static final int BATCH = 1000;

    /** Provided by the step that copies the large objects' contents; their grants wait for it. */
    public static final String CONTENTS_KEY = "largeobjects:contents";

    private LargeObjectDdl() {
    }

    public static List<Statement> statements(List<LargeObject> objects, DdlContext ctx) {
        Map<List<String>, List<LargeObject>> groups = new LinkedHashMap<>();
        for (LargeObject lo : objects) {
            groups.computeIfAbsent(java.util.Arrays.asList(lo.owner(), lo.acl()), k -> new ArrayList<>()).add(lo);
        }
        List<Statement> out = new ArrayList<>();
        for (List<LargeObject> group : groups.values()) {
            for (int i = 0; i < group.size(); i += BATCH) {
                batch(group.subList(i, Math.min(group.size(), i + BATCH)), out);
            }
        }
        return out;
    }

    private static void batch(List<LargeObject> batch, List<Statement> out) {
        LargeObject first = batch.get(0);
        String key = Keys.of("pg_largeobject", first.oid());
        String name = batch.size() == 1 ? String.valueOf(first.oid())
                : first.oid() + " … " + batch.get(batch.size() - 1).oid() + " (" + batch.size() + " objects)";
        String array = Sql.literal(oidArray(batch)) + "::pg_catalog.oid[]";
        // no conflict check (creates = null): there is no DROP LARGE OBJECT, and lo_create says which exists
        out.add(new Statement("LARGE OBJECT", name, Section.PRE_DATA,
                batch.size() == 1 ? "SELECT pg_catalog.lo_create(" + first.oid() + ")"
                        : "SELECT pg_catalog.lo_create(o) FROM pg_catalog.unnest(" + array + ") AS o",
                Set.of(key), Set.of(), Set.of(), null));
        if (first.owner() != null) {
            String sql = batch.size() == 1
                    ? "ALTER LARGE OBJECT " + first.oid() + " OWNER TO " + Sql.ident(first.owner())
                    // ALTER LARGE OBJECT takes one object; a loop saves a thousand round trips
                    : "DO $pgbarge$ DECLARE o pg_catalog.oid; BEGIN FOREACH o IN ARRAY " + array + " LOOP"
                    + " EXECUTE pg_catalog.format('ALTER LARGE OBJECT %s OWNER TO %I', o, "
                    + Sql.literal(first.owner()) + "); END LOOP; END $pgbarge$";
            out.add(new Statement("OWNER", "LARGE OBJECT " + name, Section.PRE_DATA, sql, Set.of(), Set.of(key),
                    Set.of(first.owner()), null));
        }
        for (LargeObject lo : batch) {
            out.addAll(Decorations.comment("LARGE OBJECT", String.valueOf(lo.oid()), lo.comment(), key));
        }
        // GRANT … ON LARGE OBJECT takes a list of objects
        String list = String.join(", ", batch.stream().map(lo -> String.valueOf(lo.oid())).toList());
        for (Statement s : Acl.statements("LARGE OBJECT", list, null, first.acl(), first.defaultAcl(), key)) {
            out.add(new Statement(s.kind(), "LARGE OBJECT " + name, Section.POST_DATA, s.sql(), s.provides(),
                    Set.of(key, CONTENTS_KEY), s.roles(), null));
        }
    }

    private static String oidArray(List<LargeObject> batch) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < batch.size(); i++) {
            b.append(i == 0 ? "" : ",").append(batch.get(i).oid());
        }
        return b.append('}').toString();
    }
}
