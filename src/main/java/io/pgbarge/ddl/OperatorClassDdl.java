package io.pgbarge.ddl;

import io.pgbarge.catalog.ObjectHeader;
import io.pgbarge.catalog.OperatorClass;
import io.pgbarge.catalog.OperatorFamily;
import io.pgbarge.catalog.OperatorMember;
import io.pgbarge.catalog.QualifiedName;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Operator families and classes as pg_dump makes them: every family by CREATE OPERATOR FAMILY (also
 * the one a class made for itself: CREATE OPERATOR CLASS finds it by name), its loose members by
 * ALTER OPERATOR FAMILY … ADD, then each class with FAMILY named and its own members. Members are
 * written with their types, so the target does not have to infer them.
 */
public final class OperatorClassDdl {
    private OperatorClassDdl() {
    }

    public static List<Statement> family(OperatorFamily f, DdlContext ctx) {
        ObjectHeader h = f.header();
        String identity = Sql.qualified(h.schema(), h.name()) + " USING " + Sql.ident(f.accessMethod());
        String key = Keys.of("pg_opfamily", h.oid());
        List<Statement> out = new ArrayList<>();
        out.add(TypeSystemObjectsDdl.create("OPERATOR FAMILY", identity, "CREATE OPERATOR FAMILY " + identity,
                Set.of(key), Set.of(Keys.of("pg_am", f.accessMethodOid())),
                TypeSystemObjectsDdl.lookup("pg_opfamily", "opfname", "opfnamespace", h.schema(), h.name(),
                        methodIs("o.opfmethod", f.accessMethod()))));
        if (!f.looseMembers().isEmpty()) {
            Set<String> provides = new LinkedHashSet<>();
            Set<String> requires = new LinkedHashSet<>(Set.of(key));
            String members = members(f.looseMembers(), provides, requires);
            out.add(new Statement("OPERATOR FAMILY MEMBERS", identity, Section.PRE_DATA,
                    "ALTER OPERATOR FAMILY " + identity + " ADD" + members, provides, requires, Set.of(), null));
        }
        out.addAll(Decorations.all("OPERATOR FAMILY", identity, h.owner(), h.comment(), null, null, "OPERATOR FAMILY", key));
        return out;
    }

    public static List<Statement> operatorClass(OperatorClass c, DdlContext ctx) {
        ObjectHeader h = c.header();
        String q = Sql.qualified(h.schema(), h.name());
        String am = Sql.ident(c.accessMethod());
        String identity = q + " USING " + am;
        String key = Keys.of("pg_opclass", h.oid());
        Set<String> provides = new LinkedHashSet<>(Set.of(key));
        Set<String> requires = new LinkedHashSet<>();
        requires.add(Keys.of("pg_am", c.accessMethodOid()));
        requires.add(Keys.of("pg_opfamily", c.family().oid()));
        requires.addAll(TypeSystemObjectsDdl.keys("pg_type", c.typeOid()));
        String members = members(c.members(), provides, requires);
        if (c.storage() != null) {
            members += (members.isEmpty() ? "" : ",") + "\n    STORAGE " + c.storage();
        }
        if (members.isEmpty()) {
            // the grammar wants at least one item; STORAGE of the input type itself changes nothing (pg_dump does the same)
            members = "\n    STORAGE " + c.type();
        }
        String sql = "CREATE OPERATOR CLASS " + q + (c.isDefault() ? " DEFAULT" : "") + " FOR TYPE " + c.type()
                + " USING " + am + " FAMILY " + qualified(c.family()) + " AS" + members;
        List<Statement> out = new ArrayList<>();
        out.add(TypeSystemObjectsDdl.create("OPERATOR CLASS", identity, sql, provides, requires,
                TypeSystemObjectsDdl.lookup("pg_opclass", "opcname", "opcnamespace", h.schema(), h.name(),
                        methodIs("o.opcmethod", c.accessMethod()))));
        out.addAll(Decorations.all("OPERATOR CLASS", identity, h.owner(), h.comment(), null, null, "OPERATOR CLASS", key));
        return out;
    }

    /**
     * The member list, each on its own line after a comma; adds the pg_amop/pg_amproc keys the
     * statement makes (pg_depend orders them after their operators and functions) and what they name.
     */
    private static String members(List<OperatorMember> members, Set<String> provides, Set<String> requires) {
        List<String> items = new ArrayList<>();
        for (OperatorMember m : members) {
            if (m.isOperator()) {
                String item = "OPERATOR " + m.number() + " " + m.reference();
                if (m.sortFamily() != null) {
                    item += " FOR ORDER BY " + qualified(m.sortFamily());
                    requires.add(Keys.of("pg_opfamily", m.sortFamily().oid()));
                }
                items.add(item);
                provides.add(Keys.of("pg_amop", m.oid()));
                requires.add(Keys.of("pg_operator", m.referenceOid()));
            } else {
                items.add("FUNCTION " + m.number() + " (" + m.leftType() + ", " + m.rightType() + ") " + m.reference());
                provides.add(Keys.of("pg_amproc", m.oid()));
                requires.add(Keys.proc(m.referenceOid()));
            }
        }
        return items.isEmpty() ? "" : "\n    " + String.join(",\n    ", items);
    }

    private static String qualified(QualifiedName n) {
        return Sql.qualified(n.schema(), n.name());
    }

    private static String methodIs(String column, String accessMethod) {
        return column + " = (SELECT a.oid FROM pg_catalog.pg_am a WHERE a.amname = " + Sql.literal(accessMethod) + ")";
    }
}
