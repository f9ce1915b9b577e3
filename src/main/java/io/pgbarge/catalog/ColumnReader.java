package io.pgbarge.catalog;

import io.pgbarge.ddl.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the columns of the user's tables from pg_attribute, keyed by table oid, in attnum order. */
final class ColumnReader {
    private ColumnReader() {
    }

    private record Key(long table, int attnum) {
    }

    private record NotNull(String name, boolean noInherit) {
    }

    static Map<Long, List<Column>> read(Connection c, ServerInfo server) throws SQLException {
        Map<Long, Long> domainBase = domainBases(c);
        Map<Key, NotNull> notNulls = notNullConstraints(c, server);
        Map<Key, IdentitySequence> identities = IdentitySequenceReader.read(c);
        // attcompression exists since 14. attstattarget is -1 for "default" up to 16 and NULL from 17.
        String compression = server.atLeast(14) ? "a.attcompression" : "NULL::\"char\"";
        String sql = "SELECT a.attrelid, a.attnum, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,"
                + " a.atttypid, a.attnotnull, a.attgenerated, a.attidentity, a.attislocal, a.attinhcount,"
                + " CASE WHEN a.attgenerated <> '' THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END AS genexpr,"
                + " CASE WHEN a.attcollation <> t.typcollation THEN co.collname END AS collname, cn.nspname AS collschema,"
                + " pg_catalog.col_description(a.attrelid, a.attnum) AS comment, a.attacl::text AS acl,"
                + " CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage END AS storage,"
                + " " + compression + " AS compression,"
                + " CASE WHEN a.attstattarget >= 0 THEN a.attstattarget END AS stattarget, a.attoptions, a.attfdwoptions"
                + " FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
                + " LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation"
                + " LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace"
                + " WHERE a.attrelid IN (" + TableScope.TABLES + ") AND a.attnum > 0 AND NOT a.attisdropped"
                + " ORDER BY a.attrelid, a.attnum";
        Map<Long, List<Column>> out = new HashMap<>();
        for (Object[] row : CatalogQuery.list(c, sql, rs -> new Object[] {rs.getLong("attrelid"),
                column(rs, domainBase, notNulls, identities)})) {
            out.computeIfAbsent((Long) row[0], k -> new ArrayList<>()).add((Column) row[1]);
        }
        return out;
    }

    private static Column column(ResultSet rs, Map<Long, Long> domainBase, Map<Key, NotNull> notNulls,
                                 Map<Key, IdentitySequence> identities) throws SQLException {
        long table = rs.getLong("attrelid");
        int attnum = rs.getInt("attnum");
        long typeOid = rs.getLong("atttypid");
        String collation = rs.getString("collname") == null ? null
                : Sql.qualified(rs.getString("collschema"), rs.getString("collname"));
        int stat = rs.getInt("stattarget");
        Integer statisticsTarget = rs.wasNull() ? null : stat;
        Column.Settings settings = new Column.Settings(storage(TableScope.ch(rs, "storage")),
                compression(TableScope.ch(rs, "compression")), statisticsTarget, TableScope.textArray(rs, "attoptions"),
                TableScope.textArray(rs, "attfdwoptions"));
        NotNull nn = notNulls.get(new Key(table, attnum));
        return new Column(attnum, rs.getString("attname"), rs.getString("type"), typeOid,
                binarySafe(typeOid, domainBase), rs.getBoolean("attnotnull"), nn == null ? null : nn.name(),
                nn != null && nn.noInherit(), TableScope.ch(rs, "attgenerated"), rs.getString("genexpr"),
                TableScope.ch(rs, "attidentity"), identities.get(new Key(table, attnum)), collation,
                rs.getBoolean("attislocal"), rs.getInt("attinhcount"), rs.getString("comment"), rs.getString("acl"),
                settings);
    }

    /**
     * Binary COPY embeds type OIDs in arrays and composites; they match between two databases only for
     * built-in types. Domains are sent as their base type, so look through them. A user array type or an
     * array of a domain has an OID of its own from 16384 up, and is not safe.
     */
    static boolean binarySafe(long typeOid, Map<Long, Long> domainBase) {
        long t = typeOid;
        for (int depth = 0; domainBase.containsKey(t) && depth < 100; depth++) {
            t = domainBase.get(t);
        }
        return t < 16384;
    }

    private static Map<Long, Long> domainBases(Connection c) throws SQLException {
        Map<Long, Long> out = new HashMap<>();
        for (long[] e : CatalogQuery.list(c, "SELECT oid, typbasetype FROM pg_catalog.pg_type WHERE typtype = 'd'",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)})) {
            out.put(e[0], e[1]);
        }
        return out;
    }

    /** Since 18, NOT NULL is a named constraint in pg_constraint. */
    private static Map<Key, NotNull> notNullConstraints(Connection c, ServerInfo server) throws SQLException {
        Map<Key, NotNull> out = new HashMap<>();
        if (!server.atLeast(18)) {
            return out;
        }
        String sql = "SELECT conrelid, conkey[1] AS attnum, conname, connoinherit FROM pg_catalog.pg_constraint"
                + " WHERE contype = 'n' AND conrelid IN (" + TableScope.TABLES + ")";
        for (Object[] r : CatalogQuery.list(c, sql, rs -> new Object[] {new Key(rs.getLong(1), rs.getInt(2)),
                new NotNull(rs.getString(3), rs.getBoolean(4))})) {
            out.put((Key) r[0], (NotNull) r[1]);
        }
        return out;
    }

    private static String storage(char s) {
        return switch (s) {
            case 'p' -> "PLAIN";
            case 'e' -> "EXTERNAL";
            case 'm' -> "MAIN";
            case 'x' -> "EXTENDED";
            default -> null;
        };
    }

    private static String compression(char s) {
        return switch (s) {
            case 'p' -> "pglz";
            case 'l' -> "lz4";
            default -> null;
        };
    }

    /** Identity sequences, keyed by the column that owns them. */
    private static final class IdentitySequenceReader {
        static Map<Key, IdentitySequence> read(Connection c) throws SQLException {
            String sql = "SELECT d.refobjid, d.refobjsubid, s.oid, sn.nspname, s.relname, q.seqstart, q.seqincrement,"
                    + " q.seqmin, q.seqmax, q.seqcache, q.seqcycle"
                    + " FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_class s ON s.oid = d.objid AND s.relkind = 'S'"
                    + " JOIN pg_catalog.pg_namespace sn ON sn.oid = s.relnamespace"
                    + " JOIN pg_catalog.pg_sequence q ON q.seqrelid = s.oid"
                    + " WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass"
                    + " AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype = 'i'"
                    + " AND d.refobjid IN (" + TableScope.TABLES + ")";
            List<Object[]> rows = CatalogQuery.list(c, sql, rs -> new Object[] {
                    new Key(rs.getLong(1), rs.getInt(2)), rs.getLong(3), rs.getString(4), rs.getString(5),
                    new long[] {rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10)},
                    rs.getBoolean(11)});
            Map<Key, IdentitySequence> out = new HashMap<>();
            for (Object[] r : rows) {
                String schema = (String) r[2];
                String name = (String) r[3];
                long[] o = (long[]) r[4];
                // The sequence's state lives in the sequence relation itself.
                Object[] state = CatalogQuery.list(c, "SELECT last_value, is_called FROM " + Sql.qualified(schema, name),
                        rs -> new Object[] {rs.getLong(1), rs.getBoolean(2)}).get(0);
                out.put((Key) r[0], new IdentitySequence((Long) r[1], schema, name, o[0], o[1], o[2], o[3], o[4],
                        (Boolean) r[5], (Long) state[0], (Boolean) state[1]));
            }
            return out;
        }
    }
}
