package io.pgbarge.ddl;

import io.pgbarge.catalog.ObjectHeader;
import io.pgbarge.catalog.Operator;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * CREATE OPERATOR, owner and comment. A commutator or negator that does not exist yet is made as a
 * shell by the server and filled in when its own CREATE OPERATOR runs, so the two of a pair can be
 * made in either order: neither requires the other (pg_depend has no edge between them either).
 */
public final class OperatorDdl {
    private OperatorDdl() {
    }

    public static List<Statement> statements(Operator o, DdlContext ctx) {
        ObjectHeader h = o.header();
        String q = name(h.schema(), h.name());
        String args = (o.leftType() == null ? "NONE" : o.leftType()) + ", " + (o.rightType() == null ? "NONE" : o.rightType());
        String identity = q + " (" + args + ")";
        String key = Keys.of("pg_operator", h.oid());
        List<String> opts = new ArrayList<>();
        opts.add("FUNCTION = " + o.function());
        if (o.leftType() != null) {
            opts.add("LEFTARG = " + o.leftType());
        }
        if (o.rightType() != null) {
            opts.add("RIGHTARG = " + o.rightType());
        }
        Set<String> requires = TypeSystemObjectsDdl.keys("pg_proc", o.functionOid(), o.restrictOid(), o.joinOid());
        requires.addAll(TypeSystemObjectsDdl.keys("pg_type", o.leftTypeOid(), o.rightTypeOid()));
        if (o.commutator() != null) {
            opts.add("COMMUTATOR = OPERATOR(" + name(o.commutator().schema(), o.commutator().name()) + ")");
            // the shell the server may make goes in that schema
            requires.add(Keys.namespace(o.commutator().namespaceOid()));
        }
        if (o.negator() != null) {
            opts.add("NEGATOR = OPERATOR(" + name(o.negator().schema(), o.negator().name()) + ")");
            requires.add(Keys.namespace(o.negator().namespaceOid()));
        }
        if (o.restrict() != null) {
            opts.add("RESTRICT = " + o.restrict());
        }
        if (o.join() != null) {
            opts.add("JOIN = " + o.join());
        }
        if (o.hashes()) {
            opts.add("HASHES");
        }
        if (o.merges()) {
            opts.add("MERGES");
        }
        // by name and types rather than to_regoperator, which fails before 16 when a type's schema is missing;
        // a shell made on the target for another operator's commutator is not a conflict: leave it out
        String lookup = TypeSystemObjectsDdl.lookup("pg_operator", "oprname", "oprnamespace", h.schema(), h.name(),
                "o.oprleft = " + typeOid(o.leftType()) + " AND o.oprright = " + typeOid(o.rightType()) + " AND o.oprcode <> 0");
        List<Statement> out = new ArrayList<>();
        out.add(TypeSystemObjectsDdl.create("OPERATOR", identity,
                "CREATE OPERATOR " + q + " (" + String.join(", ", opts) + ")", Set.of(key), requires, lookup));
        out.addAll(Decorations.all("OPERATOR", identity, h.owner(), h.comment(), null, null, "OPERATOR", key));
        return out;
    }

    /** A type's OID on the target, NULL when it is missing there; 0 for no type. */
    private static String typeOid(String type) {
        return type == null ? "0" : "pg_catalog.to_regtype(" + Sql.literal(type) + ")";
    }

    /** An operator's name is not an identifier and is never quoted; its schema is. */
    static String name(String schema, String operator) {
        return Sql.ident(schema) + "." + operator;
    }
}
