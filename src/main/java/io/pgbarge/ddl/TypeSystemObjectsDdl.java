package io.pgbarge.ddl;

import io.pgbarge.catalog.AccessMethod;
import io.pgbarge.catalog.Cast;
import io.pgbarge.catalog.Collation;
import io.pgbarge.catalog.Conversion;
import io.pgbarge.catalog.Operator;
import io.pgbarge.catalog.OperatorClass;
import io.pgbarge.catalog.OperatorFamily;
import io.pgbarge.catalog.ProceduralLanguage;
import io.pgbarge.catalog.TextSearchConfig;
import io.pgbarge.catalog.TextSearchDictionary;
import io.pgbarge.catalog.TextSearchParser;
import io.pgbarge.catalog.TextSearchTemplate;
import io.pgbarge.catalog.Transform;
import io.pgbarge.catalog.TypeSystemObjects;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Statements for the objects of {@link TypeSystemObjects}, kind by kind; the planner orders them
 * for real by their keys and pg_depend. Everything here is pre-data.
 */
public final class TypeSystemObjectsDdl {
    private TypeSystemObjectsDdl() {
    }

    public static List<Statement> statements(TypeSystemObjects objects, DdlContext ctx) {
        List<Statement> out = new ArrayList<>();
        for (ProceduralLanguage l : objects.languages()) {
            out.addAll(LanguageDdl.statements(l, ctx));
        }
        for (Collation c : objects.collations()) {
            out.addAll(CollationDdl.statements(c, ctx));
        }
        for (Conversion c : objects.conversions()) {
            out.addAll(ConversionDdl.statements(c, ctx));
        }
        for (AccessMethod a : objects.accessMethods()) {
            out.addAll(AccessMethodDdl.statements(a, ctx));
        }
        for (Operator o : objects.operators()) {
            out.addAll(OperatorDdl.statements(o, ctx));
        }
        for (OperatorFamily f : objects.operatorFamilies()) {
            out.addAll(OperatorClassDdl.family(f, ctx));
        }
        for (OperatorClass c : objects.operatorClasses()) {
            out.addAll(OperatorClassDdl.operatorClass(c, ctx));
        }
        for (Cast c : objects.casts()) {
            out.addAll(CastDdl.statements(c, ctx));
        }
        for (Transform t : objects.transforms()) {
            out.addAll(TransformDdl.statements(t, ctx));
        }
        for (TextSearchParser p : objects.textSearchParsers()) {
            out.addAll(TextSearchDdl.parser(p, ctx));
        }
        for (TextSearchTemplate t : objects.textSearchTemplates()) {
            out.addAll(TextSearchDdl.template(t, ctx));
        }
        for (TextSearchDictionary d : objects.textSearchDictionaries()) {
            out.addAll(TextSearchDdl.dictionary(d, ctx));
        }
        for (TextSearchConfig c : objects.textSearchConfigs()) {
            out.addAll(TextSearchDdl.configuration(c, ctx));
        }
        return out;
    }

    /** The creating statement of a named object; {@code objectType} is also the kind. */
    static Statement create(String objectType, String identity, String sql, Set<String> provides,
                            Set<String> requires, String lookup) {
        return new Statement(objectType, identity, Section.PRE_DATA, sql, provides, requires, Set.of(),
                new Statement.Created(objectType, identity, lookup));
    }

    /**
     * A lookup of a schema-qualified object in its catalog by name, for the kinds without a to_reg…
     * function; {@code extra} is a further condition on the row (alias o), or null.
     */
    static String lookup(String catalog, String nameCol, String schemaCol, String schema, String name, String extra) {
        return "SELECT o.oid FROM pg_catalog." + catalog + " o WHERE o." + nameCol + " = " + Sql.literal(name)
                + " AND o." + schemaCol + " = pg_catalog.to_regnamespace(" + Sql.literal(Sql.ident(schema)) + ")"
                + (extra == null ? "" : " AND " + extra);
    }

    /** The keys of these OIDs in a catalog, leaving out 0 (no object). */
    static Set<String> keys(String catalog, long... oids) {
        Set<String> out = new LinkedHashSet<>();
        for (long oid : oids) {
            if (oid != 0) {
                out.add(Keys.of(catalog, oid));
            }
        }
        return out;
    }
}
