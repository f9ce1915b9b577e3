package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A logical replication publication (not one an extension made) with the tables and schemas it
 * publishes.
 *
 * @param publish          the operations published, in CREATE PUBLICATION's words: insert, update, delete, truncate
 * @param viaRoot          publish_via_partition_root
 * @param generatedColumns publish_generated_columns (18+): 'n' none, 's' stored; 'n' before 18
 * @param tables           FOR TABLE members (each with its column list and row filter, 15+)
 * @param schemas          FOR TABLES IN SCHEMA members (15+)
 */
public record Publication(long oid, String name, String owner, boolean allTables, List<String> publish,
                          boolean viaRoot, char generatedColumns, String comment, List<PublishedTable> tables,
                          List<PublishedSchema> schemas) {

    public Publication {
        publish = List.copyOf(publish);
        tables = List.copyOf(tables);
        schemas = List.copyOf(schemas);
    }

    /**
     * One pg_publication_rel row.
     *
     * @param oid       the row's own OID, the key of ALTER PUBLICATION … ADD TABLE
     * @param columns   the column list, empty when every column is published
     * @param rowFilter the WHERE expression (pg_get_expr), or null
     */
    public record PublishedTable(long oid, long tableOid, String schema, String table, List<String> columns,
                                 String rowFilter) {
        public PublishedTable {
            columns = List.copyOf(columns);
        }
    }

    /** One pg_publication_namespace row (15+). */
    public record PublishedSchema(long oid, long schemaOid, String schema) {
    }

    static List<Publication> read(Connection c, ServerInfo server) throws SQLException {
        boolean v15 = server.atLeast(15);
        Map<Long, List<PublishedTable>> tables = new LinkedHashMap<>();
        CatalogQuery.list(c, "SELECT pr.prpubid, pr.oid, pr.prrelid, n.nspname, cl.relname,"
                        + (v15 ? " (SELECT pg_catalog.array_agg(a.attname ORDER BY a.attnum) FROM pg_catalog.pg_attribute a"
                        + "   WHERE a.attrelid = pr.prrelid AND a.attnum = ANY (pr.prattrs::pg_catalog.int2[])),"
                        + " pg_catalog.pg_get_expr(pr.prqual, pr.prrelid)" : " NULL::text[], NULL::text")
                        + " FROM pg_catalog.pg_publication_rel pr"
                        + " JOIN pg_catalog.pg_class cl ON cl.oid = pr.prrelid"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = cl.relnamespace"
                        + " ORDER BY pr.prpubid, n.nspname, cl.relname",
                rs -> tables.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new PublishedTable(
                        rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        EventTrigger.strings(rs.getArray(6)), rs.getString(7))));
        Map<Long, List<PublishedSchema>> schemas = new LinkedHashMap<>();
        if (v15) {
            CatalogQuery.list(c, "SELECT pn.pnpubid, pn.oid, pn.pnnspid, n.nspname"
                            + " FROM pg_catalog.pg_publication_namespace pn"
                            + " JOIN pg_catalog.pg_namespace n ON n.oid = pn.pnnspid ORDER BY pn.pnpubid, n.nspname",
                    rs -> schemas.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new PublishedSchema(rs.getLong(2), rs.getLong(3), rs.getString(4))));
        }
        String sql = "SELECT p.oid, p.pubname, pg_catalog.pg_get_userbyid(p.pubowner), p.puballtables,"
                + " p.pubinsert, p.pubupdate, p.pubdelete, p.pubtruncate, p.pubviaroot,"
                + (server.atLeast(18) ? " p.pubgencols," : " 'n'::\"char\",")
                + " pg_catalog.obj_description(p.oid, 'pg_publication')"
                + " FROM pg_catalog.pg_publication p WHERE " + CatalogQuery.userObject("pg_publication", "p.oid")
                + " ORDER BY p.pubname";
        return CatalogQuery.list(c, sql, rs -> {
            List<String> publish = new ArrayList<>();
            String[] ops = {"insert", "update", "delete", "truncate"};
            for (int i = 0; i < ops.length; i++) {
                if (rs.getBoolean(5 + i)) {
                    publish.add(ops[i]);
                }
            }
            long oid = rs.getLong(1);
            return new Publication(oid, rs.getString(2), rs.getString(3), rs.getBoolean(4), publish,
                    rs.getBoolean(9), rs.getString(10).charAt(0), rs.getString(11),
                    tables.getOrDefault(oid, List.of()), schemas.getOrDefault(oid, List.of()));
        });
    }
}
