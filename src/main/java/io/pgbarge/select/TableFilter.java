package io.pgbarge.select;

import java.util.List;

/**
 * pg_dump's object selection: {@code -n}/{@code -N} schemas, {@code -t}/{@code -T} tables (also views,
 * materialized views, sequences and foreign tables), {@code --exclude-table-data}.
 *
 * <ul>
 *   <li>With {@code -t}, only the matching relations (and what belongs to them: indexes, constraints,
 *       triggers, rules, policies, defaults, comments, grants, owned sequences) are dumped; {@code -n}
 *       and {@code -N} then have no effect, and no other objects are dumped.</li>
 *   <li>With {@code -n}, only objects in the matching schemas (and those schemas) are dumped.</li>
 *   <li>Either way, database-wide objects (extensions, casts, event triggers, large objects…) are only
 *       dumped when neither {@code -n} nor {@code -t} is given.</li>
 *   <li>{@code -N} and {@code -T} exclude; {@code --exclude-table-data} keeps a table but not its rows.</li>
 *   <li>An unqualified {@code -t} name matches relations visible on the source's default search_path.</li>
 * </ul>
 */
public record TableFilter(List<NamePattern> includeSchemas, List<NamePattern> excludeSchemas,
                          List<NamePattern> includeTables, List<NamePattern> excludeTables,
                          List<NamePattern> excludeTableData) {

    public static final TableFilter ALL = new TableFilter(List.of(), List.of(), List.of(), List.of(), List.of());

    public TableFilter {
        includeSchemas = List.copyOf(includeSchemas);
        excludeSchemas = List.copyOf(excludeSchemas);
        includeTables = List.copyOf(includeTables);
        excludeTables = List.copyOf(excludeTables);
        excludeTableData = List.copyOf(excludeTableData);
    }

    /** From the patterns as given on the command line. */
    public static TableFilter of(List<String> n, List<String> bigN, List<String> t, List<String> bigT,
                                 List<String> excludeData) {
        return new TableFilter(n.stream().map(NamePattern::schema).toList(),
                bigN.stream().map(NamePattern::schema).toList(),
                t.stream().map(NamePattern::table).toList(),
                bigT.stream().map(NamePattern::table).toList(),
                excludeData.stream().map(NamePattern::table).toList());
    }

    /** A relation as the filter sees it. */
    public record Relation(long oid, String schema, String name, char relkind, boolean visible) {
    }

    /** Neither -n nor -t: the whole database, with its database-wide objects. */
    public boolean includeEverything() {
        return includeSchemas.isEmpty() && includeTables.isEmpty();
    }

    /** Whether non-table objects of this schema (and the schema itself) are dumped. */
    public boolean schemaSelected(String schema) {
        if (!includeTables.isEmpty()) {
            return false;
        }
        if (!includeSchemas.isEmpty() && includeSchemas.stream().noneMatch(p -> p.matchesSchema(schema))) {
            return false;
        }
        return excludeSchemas.stream().noneMatch(p -> p.matchesSchema(schema));
    }

    /** Whether a relation is dumped (its owned sequences follow it: the caller handles that). */
    public boolean relationSelected(Relation r) {
        if (!includeTables.isEmpty()) {
            if (includeTables.stream().noneMatch(p -> p.matchesRelation(r.schema(), r.name(), r.visible()))) {
                return false;
            }
        } else if (!schemaSelected(r.schema())) {
            return false;
        }
        return !matchesAny(excludeTables, r);
    }

    /** Whether --exclude-table-data names this table. */
    public boolean dataExcluded(Relation r) {
        return matchesAny(excludeTableData, r);
    }

    /** pg_dump's refusals when include patterns match nothing at all; null when fine. */
    public String checkMatches(List<Relation> relations, List<String> schemas) {
        if (!includeSchemas.isEmpty() && schemas.stream().noneMatch(s -> includeSchemas.stream().anyMatch(p -> p.matchesSchema(s)))) {
            return "no matching schemas were found for " + texts(includeSchemas);
        }
        if (!includeTables.isEmpty() && relations.stream().noneMatch(r -> includeTables.stream()
                .anyMatch(p -> p.matchesRelation(r.schema(), r.name(), r.visible())))) {
            return "no matching tables were found for " + texts(includeTables);
        }
        return null;
    }

    private static boolean matchesAny(List<NamePattern> patterns, Relation r) {
        return patterns.stream().anyMatch(p -> p.matchesRelation(r.schema(), r.name(), r.visible()));
    }

    private static String texts(List<NamePattern> patterns) {
        return String.join(", ", patterns.stream().map(NamePattern::text).toList());
    }
}
