package io.pgbarge.ddl;

import io.pgbarge.catalog.CompositeType;
import io.pgbarge.catalog.DomainType;
import io.pgbarge.catalog.EnumType;
import io.pgbarge.catalog.ObjectHeader;
import io.pgbarge.catalog.RangeType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CREATE TYPE for enums, composites and ranges, and CREATE DOMAIN. The creating statement provides
 * the type and its array type (and a range's multirange), since columns and functions may use either.
 */
public final class TypeDdl {
    private TypeDdl() {
    }

    public static List<Statement> enumType(EnumType t, DdlContext ctx) {
        String q = qualified(t.header());
        String labels = t.labels().stream().map(Sql::literal).collect(Collectors.joining(", "));
        List<Statement> out = new ArrayList<>();
        out.add(create("TYPE", t.header(), "CREATE TYPE " + q + " AS ENUM (" + labels + ")",
                keys(t.header().oid(), t.arrayOid())));
        out.addAll(decorations("TYPE", t.header()));
        return out;
    }

    public static List<Statement> composite(CompositeType t, DdlContext ctx) {
        String q = qualified(t.header());
        String attrs = t.attributes().stream()
                .map(a -> "\n    " + Sql.ident(a.name()) + " " + a.type() + (a.collation() == null ? "" : " COLLATE " + a.collation()))
                .collect(Collectors.joining(","));
        Set<String> provides = keys(t.header().oid(), t.arrayOid());
        // pg_depend records the attributes' dependencies on their types from the type's pg_class entry
        provides.add(Keys.rel(t.relid()));
        List<Statement> out = new ArrayList<>();
        out.add(create("TYPE", t.header(), "CREATE TYPE " + q + " AS (" + attrs + (attrs.isEmpty() ? "" : "\n") + ")",
                provides));
        out.addAll(decorations("TYPE", t.header()));
        String key = Keys.type(t.header().oid());
        for (CompositeType.Attribute a : t.attributes()) {
            out.addAll(Decorations.comment("COLUMN", q + "." + Sql.ident(a.name()), a.comment(), key));
        }
        return out;
    }

    /**
     * CREATE DOMAIN with its validated constraints inline; a NOT VALID check is added after by ALTER
     * DOMAIN (CREATE DOMAIN cannot make one), as pg_dump does.
     */
    public static List<Statement> domain(DomainType d, DdlContext ctx) {
        String q = qualified(d.header());
        String key = Keys.type(d.header().oid());
        StringBuilder sql = new StringBuilder("CREATE DOMAIN " + q + " AS " + d.baseType());
        if (d.collation() != null) {
            sql.append(" COLLATE ").append(d.collation());
        }
        if (d.defaultExpr() != null) {
            sql.append(" DEFAULT ").append(d.defaultExpr());
        }
        boolean namedNotNull = d.constraints().stream().anyMatch(c -> c.kind() == 'n');
        if (d.notNull() && !namedNotNull) {
            sql.append(" NOT NULL");
        }
        Set<String> provides = keys(d.header().oid(), d.arrayOid());
        List<DomainType.Constraint> later = new ArrayList<>();
        for (DomainType.Constraint c : d.constraints()) {
            if (c.validated()) {
                sql.append("\n    CONSTRAINT ").append(Sql.ident(c.name())).append(' ').append(c.definition());
                // so that the domain waits for the functions its checks call (pg_depend names the constraint)
                provides.add(Keys.constraint(c.oid()));
            } else {
                later.add(c);
            }
        }
        List<Statement> out = new ArrayList<>();
        out.add(create("DOMAIN", d.header(), sql.toString(), provides));
        for (DomainType.Constraint c : later) {
            out.add(new Statement("CHECK CONSTRAINT", q + " " + Sql.ident(c.name()), Section.PRE_DATA,
                    "ALTER DOMAIN " + q + " ADD CONSTRAINT " + Sql.ident(c.name()) + " " + c.definition(),
                    Set.of(Keys.constraint(c.oid())), Set.of(key), Set.of(), null));
        }
        out.addAll(decorations("DOMAIN", d.header()));
        for (DomainType.Constraint c : d.constraints()) {
            String on = Sql.ident(c.name()) + " ON DOMAIN " + q;
            out.addAll(Decorations.comment("CONSTRAINT", on, c.comment(), key));
        }
        return out;
    }

    public static List<Statement> range(RangeType r, DdlContext ctx) {
        String q = qualified(r.header());
        List<String> opts = new ArrayList<>();
        opts.add("subtype = " + r.subtype());
        if (r.opclass() != null) {
            opts.add("subtype_opclass = " + r.opclass());
        }
        if (r.collation() != null) {
            opts.add("collation = " + r.collation());
        }
        if (r.canonical() != null) {
            opts.add("canonical = " + r.canonical());
        }
        if (r.subtypeDiff() != null) {
            opts.add("subtype_diff = " + r.subtypeDiff());
        }
        if (r.multirangeName() != null && ctx.target().atLeast(14) && !isDefaultMultirangeName(r)) {
            opts.add("multirange_type_name = " + Sql.qualified(r.multirangeSchema(), r.multirangeName()));
        }
        Set<String> provides = keys(r.header().oid(), r.arrayOid());
        if (r.multirangeOid() != 0) {
            provides.addAll(keys(r.multirangeOid(), r.multirangeArrayOid()));
        }
        List<Statement> out = new ArrayList<>();
        out.add(create("TYPE", r.header(), "CREATE TYPE " + q + " AS RANGE (\n    "
                + String.join(",\n    ", opts) + "\n)", provides));
        out.addAll(decorations("TYPE", r.header()));
        return out;
    }

    /**
     * The name CREATE TYPE … AS RANGE gives the multirange by itself: the first "range" in the
     * range's name becomes "multirange", else "_multirange" is appended, in the range's schema.
     */
    static boolean isDefaultMultirangeName(RangeType r) {
        String name = r.header().name();
        int at = name.indexOf("range");
        String dflt = at >= 0 ? name.substring(0, at) + "multi" + name.substring(at) : name + "_multirange";
        // longer names are clipped to NAMEDATALEN - 1 bytes; naming it explicitly is always right then
        return dflt.getBytes(StandardCharsets.UTF_8).length <= 63
                && dflt.equals(r.multirangeName()) && r.header().schema().equals(r.multirangeSchema());
    }

    private static String qualified(ObjectHeader h) {
        return Sql.qualified(h.schema(), h.name());
    }

    private static Set<String> keys(long typeOid, long arrayOid) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(Keys.type(typeOid));
        if (arrayOid != 0) {
            keys.add(Keys.type(arrayOid));
        }
        return keys;
    }

    private static Statement create(String objectType, ObjectHeader h, String sql, Set<String> provides) {
        String q = qualified(h);
        return new Statement(objectType, q, Section.PRE_DATA, sql, provides, Set.of(), Set.of(),
                new Statement.Created(objectType, q, "pg_catalog.to_regtype(" + Sql.literal(q) + ")"));
    }

    private static List<Statement> decorations(String objectType, ObjectHeader h) {
        return Decorations.all(objectType, qualified(h), h.owner(), h.comment(), h.acl(), h.defaultAcl(),
                objectType, Keys.type(h.oid()));
    }
}
