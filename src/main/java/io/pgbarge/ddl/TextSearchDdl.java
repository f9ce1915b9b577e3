package io.pgbarge.ddl;

import io.pgbarge.catalog.ObjectHeader;
import io.pgbarge.catalog.TextSearchConfig;
import io.pgbarge.catalog.TextSearchDictionary;
import io.pgbarge.catalog.TextSearchParser;
import io.pgbarge.catalog.TextSearchTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Text search parsers, templates, dictionaries and configurations. A configuration is created empty
 * from its parser, then given its mappings by ALTER … ADD MAPPING, as pg_dump does; token types that
 * go through the same dictionaries share one statement.
 */
public final class TextSearchDdl {
    private TextSearchDdl() {
    }

    public static List<Statement> parser(TextSearchParser p, DdlContext ctx) {
        ObjectHeader h = p.header();
        List<String> opts = new ArrayList<>(List.of("START = " + p.start(), "GETTOKEN = " + p.getToken(),
                "END = " + p.end(), "LEXTYPES = " + p.lexTypes()));
        if (p.headline() != null) {
            opts.add("HEADLINE = " + p.headline());
        }
        Set<String> requires = TypeSystemObjectsDdl.keys("pg_proc", p.functionOids().stream().mapToLong(Long::longValue).toArray());
        return object("TEXT SEARCH PARSER", "pg_ts_parser", "prsname", "prsnamespace", h, opts, requires);
    }

    public static List<Statement> template(TextSearchTemplate t, DdlContext ctx) {
        List<String> opts = new ArrayList<>();
        if (t.init() != null) {
            opts.add("INIT = " + t.init());
        }
        opts.add("LEXIZE = " + t.lexize());
        return object("TEXT SEARCH TEMPLATE", "pg_ts_template", "tmplname", "tmplnamespace", t.header(), opts,
                TypeSystemObjectsDdl.keys("pg_proc", t.initOid(), t.lexizeOid()));
    }

    /** dictinitoption is already a list of {@code name = 'value'} pairs, as the options clause takes them. */
    public static List<Statement> dictionary(TextSearchDictionary d, DdlContext ctx) {
        List<String> opts = new ArrayList<>();
        opts.add("TEMPLATE = " + Sql.qualified(d.template().schema(), d.template().name()));
        if (d.options() != null && !d.options().isBlank()) {
            opts.add(d.options());
        }
        return object("TEXT SEARCH DICTIONARY", "pg_ts_dict", "dictname", "dictnamespace", d.header(), opts,
                TypeSystemObjectsDdl.keys("pg_ts_template", d.template().oid()));
    }

    public static List<Statement> configuration(TextSearchConfig c, DdlContext ctx) {
        ObjectHeader h = c.header();
        String q = Sql.qualified(h.schema(), h.name());
        String key = Keys.of("pg_ts_config", h.oid());
        List<String> opts = List.of("PARSER = " + Sql.qualified(c.parser().schema(), c.parser().name()));
        List<Statement> out = new ArrayList<>(object("TEXT SEARCH CONFIGURATION", "pg_ts_config", "cfgname",
                "cfgnamespace", h, opts, TypeSystemObjectsDdl.keys("pg_ts_parser", c.parser().oid())));
        // mappings run right after the CREATE, before owner and comment, as in pg_dump's output
        Map<List<String>, List<TextSearchConfig.Mapping>> byDictionaries = new LinkedHashMap<>();
        for (TextSearchConfig.Mapping m : c.mappings()) {
            byDictionaries.computeIfAbsent(m.dictionaries(), k -> new ArrayList<>()).add(m);
        }
        int at = 1;
        for (Map.Entry<List<String>, List<TextSearchConfig.Mapping>> e : byDictionaries.entrySet()) {
            String tokens = e.getValue().stream().map(m -> Sql.ident(m.token())).collect(Collectors.joining(", "));
            Set<String> requires = new LinkedHashSet<>(Set.of(key));
            for (long dict : e.getValue().get(0).dictionaryOids()) {
                requires.add(Keys.of("pg_ts_dict", dict));
            }
            out.add(at++, new Statement("TEXT SEARCH MAPPING", q + " " + tokens, Section.PRE_DATA,
                    "ALTER TEXT SEARCH CONFIGURATION " + q + " ADD MAPPING FOR " + tokens + " WITH "
                            + String.join(", ", e.getKey()), Set.of(), requires, Set.of(), null));
        }
        return out;
    }

    private static List<Statement> object(String objectType, String catalog, String nameCol, String schemaCol,
                                          ObjectHeader h, List<String> opts, Set<String> requires) {
        String q = Sql.qualified(h.schema(), h.name());
        String key = Keys.of(catalog, h.oid());
        List<Statement> out = new ArrayList<>();
        out.add(TypeSystemObjectsDdl.create(objectType, q, "CREATE " + objectType + " " + q + " ("
                        + String.join(", ", opts) + ")", Set.of(key), requires,
                TypeSystemObjectsDdl.lookup(catalog, nameCol, schemaCol, h.schema(), h.name(), null)));
        out.addAll(Decorations.all(objectType, q, h.owner(), h.comment(), null, null, objectType, key));
        return out;
    }
}
