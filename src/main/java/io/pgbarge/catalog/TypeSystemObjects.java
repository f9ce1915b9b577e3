package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Collations, conversions, casts, operators, operator classes and families, access methods,
 * transforms, procedural languages and text search objects of the source. Objects in system schemas,
 * made by initdb (OID below 16384) or belonging to an extension are left out, as pg_dump leaves them.
 */
public record TypeSystemObjects(List<Collation> collations, List<Conversion> conversions, List<Cast> casts,
                                List<Operator> operators, List<OperatorFamily> operatorFamilies,
                                List<OperatorClass> operatorClasses, List<AccessMethod> accessMethods,
                                List<Transform> transforms, List<ProceduralLanguage> languages,
                                List<TextSearchParser> textSearchParsers, List<TextSearchTemplate> textSearchTemplates,
                                List<TextSearchDictionary> textSearchDictionaries,
                                List<TextSearchConfig> textSearchConfigs) {

    public TypeSystemObjects {
        collations = List.copyOf(collations);
        conversions = List.copyOf(conversions);
        casts = List.copyOf(casts);
        operators = List.copyOf(operators);
        operatorFamilies = List.copyOf(operatorFamilies);
        operatorClasses = List.copyOf(operatorClasses);
        accessMethods = List.copyOf(accessMethods);
        transforms = List.copyOf(transforms);
        languages = List.copyOf(languages);
        textSearchParsers = List.copyOf(textSearchParsers);
        textSearchTemplates = List.copyOf(textSearchTemplates);
        textSearchDictionaries = List.copyOf(textSearchDictionaries);
        textSearchConfigs = List.copyOf(textSearchConfigs);
    }

    public static TypeSystemObjects empty() {
        return new TypeSystemObjects(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /**
     * Reads everything with an empty search_path, so that regproc, regoperator, regdictionary and
     * format_type output names every object outside pg_catalog with its schema; the setting is put
     * back after.
     */
    public static TypeSystemObjects read(Connection c, ServerInfo server) throws SQLException {
        return EmptySearchPath.during(c, () -> new TypeSystemObjects(Collation.read(c, server), Conversion.read(c, server),
                Cast.read(c, server), Operator.read(c, server), OperatorFamily.read(c, server),
                OperatorClass.read(c, server), AccessMethod.read(c, server), Transform.read(c, server),
                ProceduralLanguage.read(c, server), TextSearchParser.read(c, server),
                TextSearchTemplate.read(c, server), TextSearchDictionary.read(c, server),
                TextSearchConfig.read(c, server)));
    }

    /**
     * The {@link ObjectHeader} select-list for objects that have no privileges (all of these but
     * languages); {@code ownerCol} null for the kinds without an owner (parsers, templates).
     */
    static String header(String oidCol, String schemaCol, String nameCol, String ownerCol, String catalog) {
        String owner = ownerCol == null ? "NULL::pg_catalog.text" : "pg_catalog.pg_get_userbyid(" + ownerCol + ")";
        return oidCol + " AS h_oid, " + schemaCol + " AS h_schema, " + nameCol + " AS h_name, "
                + owner + " AS h_owner, "
                + "pg_catalog.obj_description(" + oidCol + ", '" + catalog + "') AS h_comment, "
                + "NULL::pg_catalog.text AS h_acl, NULL::pg_catalog.text AS h_defacl";
    }

}
