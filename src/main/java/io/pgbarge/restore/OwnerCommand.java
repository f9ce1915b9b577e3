package io.pgbarge.restore;

import io.pgbarge.archive.TocEntry;
import io.pgbarge.ddl.Sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ALTER … OWNER TO} statements pg_restore issues after creating an entry that has an owner
 * (without --no-owner): the object is named by its kind plus schema and tag, by its DROP statement for
 * kinds whose identity includes argument types, or by OID for large objects.
 */
final class OwnerCommand {
    /** Kinds named by kind, schema and tag. */
    private static final Set<String> PLAIN = Set.of("COLLATION", "CONVERSION", "DOMAIN", "FOREIGN TABLE",
            "MATERIALIZED VIEW", "SEQUENCE", "STATISTICS", "TABLE", "TEXT SEARCH DICTIONARY",
            "TEXT SEARCH CONFIGURATION", "TYPE", "VIEW", "DATABASE", "PROCEDURAL LANGUAGE", "SCHEMA",
            "EVENT TRIGGER", "FOREIGN DATA WRAPPER", "SERVER", "PUBLICATION", "SUBSCRIPTION");
    /** Kinds whose identity (with argument types) is what follows DROP in their drop statement. */
    private static final Set<String> BY_DROP = Set.of("AGGREGATE", "FUNCTION", "OPERATOR", "OPERATOR CLASS",
            "OPERATOR FAMILY", "PROCEDURE");
    private static final Pattern LO_CREATE = Pattern.compile("lo_create\\('?(\\d+)'?\\)");

    private OwnerCommand() {
    }

    /** The statements, without trailing semicolons; empty when the entry sets no owner. */
    static List<String> of(TocEntry e) {
        String owner = e.owner();
        String drop = e.dropStmt();
        if (owner == null || owner.isEmpty() || drop == null || drop.isEmpty()) {
            return List.of();
        }
        String to = " OWNER TO " + Sql.ident(owner);
        String desc = e.desc();
        if (desc.equals("BLOB")) {
            return List.of("ALTER LARGE OBJECT " + e.tag() + to);
        }
        if (desc.equals("BLOB METADATA")) {
            List<String> out = new ArrayList<>();
            Matcher m = LO_CREATE.matcher(e.defn() == null ? "" : e.defn());
            while (m.find()) {
                out.add("ALTER LARGE OBJECT " + m.group(1) + to);
            }
            return out;
        }
        if (PLAIN.contains(desc)) {
            String ns = e.namespace() == null || e.namespace().isEmpty() ? "" : Sql.ident(e.namespace()) + ".";
            String type = desc.equals("PROCEDURAL LANGUAGE") ? "LANGUAGE" : desc;
            return List.of("ALTER " + type + " " + ns + Sql.ident(e.tag()) + to);
        }
        if (BY_DROP.contains(desc) && drop.startsWith("DROP ")) {
            String identity = drop.substring(5).strip();
            while (identity.endsWith(";")) {
                identity = identity.substring(0, identity.length() - 1).strip();
            }
            return List.of("ALTER " + identity + to);
        }
        // constraints, indexes, triggers, rules, policies, defaults, casts…: owned through their parent
        return List.of();
    }
}
