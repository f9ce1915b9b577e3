package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A base type defined with CREATE TYPE … (INPUT = …, OUTPUT = …): it needs its I/O functions, which
 * need the type — a cycle the server breaks with a shell type, as pg_dump does.
 *
 * @param options          the CREATE TYPE options in pg_dump's order, each {@code NAME = value}
 * @param supportFunctions OIDs of the functions the options name (input, output, receive, …)
 */
public record BaseType(ObjectHeader header, long arrayOid, List<String> options, List<Long> supportFunctions) {

    static List<BaseType> read(Connection c, ServerInfo server) throws SQLException {
        // typsubscript exists from 14 on; array types made for a type (typelem's typarray) are not listed
        String subscript = server.atLeast(14) ? "t.typsubscript" : "0::pg_catalog.regproc";
        String sql = "SELECT " + TypeQuery.HEADER + ", t.typarray,"
                + " t.typinput::pg_catalog.oid AS typinput, t.typoutput::pg_catalog.oid AS typoutput,"
                + " t.typreceive::pg_catalog.oid AS typreceive, t.typsend::pg_catalog.oid AS typsend,"
                + " t.typmodin::pg_catalog.oid AS typmodin, t.typmodout::pg_catalog.oid AS typmodout,"
                + " t.typanalyze::pg_catalog.oid AS typanalyze, " + subscript + "::pg_catalog.oid AS typsubscript,"
                + " t.typinput::pg_catalog.regproc::text AS input, t.typoutput::pg_catalog.regproc::text AS output,"
                + " t.typreceive::pg_catalog.regproc::text AS receive, t.typsend::pg_catalog.regproc::text AS send,"
                + " t.typmodin::pg_catalog.regproc::text AS modin, t.typmodout::pg_catalog.regproc::text AS modout,"
                + " t.typanalyze::pg_catalog.regproc::text AS analyze, " + subscript + "::pg_catalog.regproc::text AS sub,"
                + " t.typlen, t.typbyval, t.typalign, t.typstorage, t.typcategory, t.typispreferred,"
                + " t.typdefault, t.typdelim, t.typcollation <> 0 AS collatable,"
                + " CASE WHEN t.typelem <> 0 THEN pg_catalog.format_type(t.typelem, NULL) END AS element"
                + " FROM " + TypeQuery.FROM
                + " WHERE t.typtype = 'b' AND " + TypeQuery.WHERE
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type e WHERE e.oid = t.typelem AND e.typarray = t.oid)"
                + " ORDER BY n.nspname, t.typname";
        return CatalogQuery.list(c, sql, rs -> {
            List<String> o = new ArrayList<>();
            List<Long> funcs = new ArrayList<>();
            o.add("INTERNALLENGTH = " + (rs.getInt("typlen") == -1 ? "variable" : rs.getInt("typlen")));
            function(o, funcs, "INPUT", rs.getString("input"), rs.getLong("typinput"));
            function(o, funcs, "OUTPUT", rs.getString("output"), rs.getLong("typoutput"));
            function(o, funcs, "RECEIVE", rs.getString("receive"), rs.getLong("typreceive"));
            function(o, funcs, "SEND", rs.getString("send"), rs.getLong("typsend"));
            function(o, funcs, "TYPMOD_IN", rs.getString("modin"), rs.getLong("typmodin"));
            function(o, funcs, "TYPMOD_OUT", rs.getString("modout"), rs.getLong("typmodout"));
            function(o, funcs, "ANALYZE", rs.getString("analyze"), rs.getLong("typanalyze"));
            function(o, funcs, "SUBSCRIPT", rs.getString("sub"), rs.getLong("typsubscript"));
            if (rs.getBoolean("collatable")) {
                o.add("COLLATABLE = true");
            }
            if (rs.getString("typdefault") != null) {
                o.add("DEFAULT = " + io.pgbarge.ddl.Sql.literal(rs.getString("typdefault")));
            }
            if (rs.getBoolean("typbyval")) {
                o.add("PASSEDBYVALUE");
            }
            o.add("ALIGNMENT = " + switch (rs.getString("typalign")) {
                case "c" -> "char";
                case "s" -> "int2";
                case "d" -> "double";
                default -> "int4";
            });
            o.add("STORAGE = " + switch (rs.getString("typstorage")) {
                case "p" -> "plain";
                case "e" -> "external";
                case "m" -> "main";
                default -> "extended";
            });
            o.add("CATEGORY = " + io.pgbarge.ddl.Sql.literal(rs.getString("typcategory")));
            if (rs.getBoolean("typispreferred")) {
                o.add("PREFERRED = true");
            }
            if (rs.getString("element") != null) {
                o.add("ELEMENT = " + rs.getString("element"));
            }
            if (!",".equals(rs.getString("typdelim"))) {
                o.add("DELIMITER = " + io.pgbarge.ddl.Sql.literal(rs.getString("typdelim")));
            }
            return new BaseType(ObjectHeader.from(rs), rs.getLong("typarray"), List.copyOf(o), List.copyOf(funcs));
        });
    }

    private static void function(List<String> options, List<Long> funcs, String option, String name, long oid) {
        if (oid != 0) {
            options.add(option + " = " + name);
            funcs.add(oid);
        }
    }
}
