package io.pgbarge.select;

import io.pgbarge.ddl.Statement;

import java.util.Set;

/**
 * The schema a statement's object lives in, and its name within it, read back from the names the DDL
 * generators give their statements, in pg_dump's conventions (a TOC entry's namespace and tag). The
 * schema decides which statements a {@code -n}/{@code -N} selection keeps.
 */
public final class StatementNames {
    /** Object types of decorations (COMMENT ON …, GRANT … ON …) that live in no schema. */
    private static final Set<String> GLOBAL_TYPES = Set.of("SCHEMA", "EXTENSION", "DATABASE", "LARGE OBJECT",
            "FOREIGN DATA WRAPPER", "SERVER", "EVENT TRIGGER", "PUBLICATION", "SUBSCRIPTION", "LANGUAGE",
            "PROCEDURAL LANGUAGE", "CAST", "ROLE", "ACCESS METHOD", "TABLESPACE", "FOREIGN SERVER", "TRANSFORM");

    /**
     * @param namespace the schema, unquoted; null for objects in no schema
     * @param tag       the name within it, as pg_dump tags its entries
     */
    public record Name(String namespace, String tag) {
    }

    private StatementNames() {
    }

    /** Works out the entry's namespace and tag from the statement, in pg_dump's conventions. */
    public static Name of(Statement s) {
        String ns = null;
        String tag;
        String kind = s.kind();
        if (s.creates() != null) {
            String id = s.creates().identity();
            ObjectNames.Chain c = ObjectNames.chain(id, 0);
            String type = s.creates().objectType();
            if (c.size() == 0) {
                tag = id;
            } else if (type.equals("SCHEMA") || type.equals("EXTENSION") || c.size() == 1) {
                tag = c.parts().get(0);
            } else {
                ns = c.parts().get(0);
                tag = c.parts().get(1) + id.substring(c.end());
            }
        } else if (kind.equals("COMMENT") || kind.equals("ACL") || kind.equals("OWNER") || kind.equals("SECURITY LABEL")) {
            String prefix = ObjectNames.prefix(s.name());
            String rest = s.name().substring(Math.min(s.name().length(), prefix.length() + 1));
            ObjectNames.Chain c = ObjectNames.chain(rest, 0);
            int on = rest.lastIndexOf(" ON ");
            if (c.size() < 2 && on > 0 && !GLOBAL_TYPES.contains(prefix)) {
                // CONSTRAINT c ON DOMAIN app.d, TRIGGER t ON app.t: the schema is the parent's
                String after = rest.substring(on + 4);
                String parentType = ObjectNames.prefix(after);
                String parent = after.substring(Math.min(after.length(), parentType.isEmpty() ? 0 : parentType.length() + 1));
                ObjectNames.Chain p = ObjectNames.chain(parent, 0);
                if (p.size() >= 2) {
                    ns = p.parts().get(0);
                    tag = kind.equals("OWNER") ? s.name() : prefix + " " + ObjectNames.unquoted(rest.substring(0, on))
                            + " ON " + (parentType.isEmpty() ? "" : parentType + " ")
                            + String.join(".", p.parts().subList(1, p.size()));
                    return new Name(ns, tag);
                }
            }
            if (prefix.isEmpty() || GLOBAL_TYPES.contains(prefix) || c.size() < 2) {
                tag = kind.equals("OWNER") ? s.name() : (prefix + " " + ObjectNames.unquoted(rest)).strip();
            } else {
                ns = c.parts().get(0);
                String tail = String.join(".", c.parts().subList(1, c.size())) + rest.substring(c.end());
                tag = kind.equals("OWNER") ? s.name() : prefix + " " + tail;
            }
        } else {
            ObjectNames.Chain c = ObjectNames.chain(s.name(), 0);
            if (c.size() >= 2) {
                ns = c.parts().get(0);
                String rest = s.name().substring(c.end()).strip();
                tag = String.join(" ", c.parts().subList(1, c.size()))
                        + (rest.isEmpty() ? "" : " " + ObjectNames.unquoted(rest));
            } else {
                tag = s.name();
            }
        }
        return new Name(ns, tag);
    }

}
