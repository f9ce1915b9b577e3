package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A text search configuration and its mappings.
 *
 * @param parser   the parser it uses
 * @param mappings for each token type, in token type order, the dictionaries it goes through
 */
public record TextSearchConfig(ObjectHeader header, QualifiedName parser, List<Mapping> mappings) {

    public TextSearchConfig {
        mappings = List.copyOf(mappings);
    }

    /**
     * @param token        the token type's alias from ts_token_type, e.g. asciiword
     * @param dictionaries regdictionary text of each, in the order they are consulted
     */
    public record Mapping(String token, List<String> dictionaries, List<Long> dictionaryOids) {
        public Mapping {
            dictionaries = List.copyOf(dictionaries);
            dictionaryOids = List.copyOf(dictionaryOids);
        }
    }

    static List<TextSearchConfig> read(Connection c, ServerInfo server) throws SQLException {
        String where = CatalogQuery.userSchema("n") + " AND " + CatalogQuery.userObject("pg_ts_config", "cf.oid");
        String mapSql = "SELECT m.mapcfg, (SELECT t.alias FROM pg_catalog.ts_token_type(cf.cfgparser) t"
                + " WHERE t.tokid = m.maptokentype) AS token,"
                + " pg_catalog.array_agg(m.mapdict::pg_catalog.regdictionary::pg_catalog.text ORDER BY m.mapseqno) AS dicts,"
                + " pg_catalog.array_agg(m.mapdict::pg_catalog.oid::pg_catalog.int8 ORDER BY m.mapseqno) AS dict_oids"
                + " FROM pg_catalog.pg_ts_config_map m JOIN pg_catalog.pg_ts_config cf ON cf.oid = m.mapcfg"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = cf.cfgnamespace"
                + " WHERE " + where
                + " GROUP BY m.mapcfg, cf.cfgparser, m.maptokentype ORDER BY m.mapcfg, m.maptokentype";
        record Owned(long config, Mapping mapping) {
        }
        Map<Long, List<Mapping>> maps = CatalogQuery.list(c, mapSql, rs -> new Owned(rs.getLong("mapcfg"),
                        new Mapping(rs.getString("token"), List.of((String[]) rs.getArray("dicts").getArray()),
                                List.of((Long[]) rs.getArray("dict_oids").getArray()))))
                .stream().collect(Collectors.groupingBy(Owned::config, LinkedHashMap::new,
                        Collectors.mapping(Owned::mapping, Collectors.toList())));
        String sql = "SELECT " + TypeSystemObjects.header("cf.oid", "n.nspname", "cf.cfgname", "cf.cfgowner", "pg_ts_config")
                + ", pn.nspname AS prs_schema, p.prsname, p.oid AS prs_oid"
                + " FROM pg_catalog.pg_ts_config cf JOIN pg_catalog.pg_namespace n ON n.oid = cf.cfgnamespace"
                + " JOIN pg_catalog.pg_ts_parser p ON p.oid = cf.cfgparser"
                + " JOIN pg_catalog.pg_namespace pn ON pn.oid = p.prsnamespace"
                + " WHERE " + where + " ORDER BY n.nspname, cf.cfgname";
        return CatalogQuery.list(c, sql, rs -> {
            ObjectHeader h = ObjectHeader.from(rs);
            return new TextSearchConfig(h,
                    new QualifiedName(rs.getString("prs_schema"), rs.getString("prsname"), rs.getLong("prs_oid")),
                    maps.getOrDefault(h.oid(), List.of()));
        });
    }
}
