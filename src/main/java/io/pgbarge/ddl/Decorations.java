package io.pgbarge.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The statements that follow an object's creation: its owner and its comment. */
public final class Decorations {
    private Decorations() {
    }

    /** {@code ALTER <type> <identity> OWNER TO <role>}; skipped by the planner when the role is missing. */
    public static Statement owner(String objectType, String identity, String owner, String objectKey) {
        return new Statement("OWNER", objectType + " " + identity, Section.PRE_DATA,
                "ALTER " + objectType + " " + identity + " OWNER TO " + Sql.ident(owner),
                Set.of(), Set.of(objectKey), Set.of(owner), null);
    }

    /** {@code COMMENT ON <type> <identity> IS '…'}, or nothing when there is no comment. */
    public static List<Statement> comment(String objectType, String identity, String comment, String objectKey) {
        if (comment == null) {
            return List.of();
        }
        return List.of(new Statement("COMMENT", objectType + " " + identity, Section.PRE_DATA,
                "COMMENT ON " + objectType + " " + identity + " IS " + Sql.literal(comment),
                Set.of(), Set.of(objectKey), Set.of(), null));
    }

    /** Owner, comment and grants together, in pg_dump's order. */
    public static List<Statement> all(String objectType, String identity, String owner, String comment,
                                      String acl, String defaultAcl, String aclObjectType, String objectKey) {
        List<Statement> out = new ArrayList<>();
        if (owner != null) {
            out.add(owner(objectType, identity, owner, objectKey));
        }
        out.addAll(comment(objectType, identity, comment, objectKey));
        out.addAll(Acl.statements(aclObjectType, identity, null, acl, defaultAcl, objectKey));
        return out;
    }
}
