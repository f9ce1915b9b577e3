package io.pgbarge.ddl;

import io.pgbarge.catalog.ObjectHeader;
import io.pgbarge.catalog.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** CREATE SCHEMA with owner, comment and grants; for {@code public}, only what differs from a fresh one. */
public final class SchemaDdl {
    private SchemaDdl() {
    }

    public static List<Statement> statements(Schema schema, DdlContext ctx) {
        ObjectHeader h = schema.header();
        String ident = Sql.ident(h.name());
        String key = Keys.namespace(h.oid());
        if (schema.isPublic()) {
            return publicSchema(h, ident, key, ctx);
        }
        List<Statement> out = new ArrayList<>();
        out.add(new Statement("SCHEMA", ident, Section.PRE_DATA, "CREATE SCHEMA " + ident, Set.of(key), Set.of(),
                Set.of(), new Statement.Created("SCHEMA", ident, "pg_catalog.to_regnamespace(" + Sql.literal(ident) + ")")));
        out.addAll(Decorations.all("SCHEMA", ident, h.owner(), h.comment(), h.acl(), h.defaultAcl(), "SCHEMA", key));
        return out;
    }

    /**
     * Every database already has public, so it is not created. Its owner is set; once it is, the
     * target's public has the privileges {@code {owner=UC/owner,=U/owner}} on 15+ and
     * {@code {owner=UC/owner,=UC/owner}} before (ALTER … OWNER TO carries the old owner's grants
     * over), and the grants turn that into the source's. Its comment is always set, cleared if need be.
     */
    private static List<Statement> publicSchema(ObjectHeader h, String ident, String key, DdlContext ctx) {
        List<Statement> out = new ArrayList<>();
        out.add(Decorations.owner("SCHEMA", ident, h.owner(), key));
        if (h.comment() == null) {
            out.add(new Statement("COMMENT", "SCHEMA " + ident, Section.PRE_DATA,
                    "COMMENT ON SCHEMA " + ident + " IS NULL", Set.of(), Set.of(key), Set.of(), null));
        } else {
            out.addAll(Decorations.comment("SCHEMA", ident, h.comment(), key));
        }
        String owner = Sql.ident(h.owner());
        String fresh = "{" + owner + "=UC/" + owner + ",=" + (ctx.target().atLeast(15) ? "U" : "UC") + "/" + owner + "}";
        String want = h.acl() != null ? h.acl() : h.defaultAcl();
        out.addAll(Acl.statements("SCHEMA", ident, null, want, fresh, key));
        return out;
    }
}
