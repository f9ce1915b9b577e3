package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Schemas, extensions, types, functions, aggregates, sequences, views and materialized views of the
 * source, as immutable records. Objects in system schemas, made by initdb (OID below 16384) or
 * belonging to an extension are left out.
 */
public record SchemaObjects(List<Schema> schemas, List<Extension> extensions, List<EnumType> enums,
                            List<DomainType> domains, List<CompositeType> composites, List<RangeType> ranges,
                            List<Function> functions, List<Aggregate> aggregates, List<Sequence> sequences,
                            List<View> views, List<BaseType> baseTypes) {

    public SchemaObjects {
        schemas = List.copyOf(schemas);
        extensions = List.copyOf(extensions);
        enums = List.copyOf(enums);
        domains = List.copyOf(domains);
        composites = List.copyOf(composites);
        ranges = List.copyOf(ranges);
        functions = List.copyOf(functions);
        aggregates = List.copyOf(aggregates);
        sequences = List.copyOf(sequences);
        views = List.copyOf(views);
        baseTypes = List.copyOf(baseTypes);
    }

    public static SchemaObjects empty() {
        return new SchemaObjects(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of());
    }

    /**
     * Reads everything with an empty search_path, so that the server's deparsers (format_type,
     * pg_get_viewdef, pg_get_functiondef, regproc output) qualify every name outside pg_catalog and
     * the text runs the same on a target whatever its search_path. The setting is put back after.
     */
    public static SchemaObjects read(Connection c, ServerInfo server) throws SQLException {
        return EmptySearchPath.during(c, () -> new SchemaObjects(Schema.read(c, server), Extension.read(c, server),
                EnumType.read(c, server), DomainType.read(c, server), CompositeType.read(c, server),
                RangeType.read(c, server), Function.read(c, server), Aggregate.read(c, server),
                Sequence.read(c, server), View.read(c, server), BaseType.read(c, server)));
    }
}
