package io.pgbarge.schemaobjects;

import io.pgbarge.TestDb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A database's schema objects as lines of text, by name and never by OID, so that a source and a
 * target can be compared. Deparsed with an empty search_path, as pg_dump does.
 */
final class CatalogDescription {
    private CatalogDescription() {
    }

    private static final String USER_NSP = "n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

    private static String notExt(String catalog, String oid) {
        return "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '" + catalog + "'::regclass"
                + " AND e.objid = " + oid + " AND e.deptype = 'e')";
    }

    /**
     * MAINTAIN (17+) is granted to owners by default; pg_database_owner (14+) owns public on 15+, the
     * bootstrap superuser before.
     */
    private static String acrossVersions(String line) {
        return line.replace("=arwdDxtm/", "=arwdDxt/").replace("pg_database_owner", "postgres");
    }

    /**
     * @param common the oldest major version of the two compared: features newer than that are not described
     * @param across source and target differ in version: deparsed view and function text, which newer
     *               servers write differently, is left out, and MAINTAIN (17+) is not compared
     */
    static List<String> of(TestDb db, int common, boolean across) throws SQLException {
        List<String> q = new ArrayList<>();
        q.add("SELECT 'schema', nspname, pg_get_userbyid(nspowner), nspacl, obj_description(n.oid, 'pg_namespace')"
                + " FROM pg_namespace n WHERE " + USER_NSP + " ORDER BY 2");
        q.add("SELECT 'extension', extname, extnamespace::regnamespace, obj_description(oid, 'pg_extension')"
                + " FROM pg_extension ORDER BY 2");
        q.add("SELECT 'type', t.oid::regtype, t.typtype, pg_get_userbyid(t.typowner), t.typacl,"
                + " obj_description(t.oid, 'pg_type'), t.typnotnull, t.typbasetype::regtype, t.typtypmod,"
                + " t.typcollation::regcollation, pg_get_expr(t.typdefaultbin, 0), t.typarray::regtype,"
                + " (SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = t.oid)"
                + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                + " WHERE " + USER_NSP + " AND " + notExt("pg_type", "t.oid")
                + " AND t.typtype IN ('e', 'd', 'c', 'r') AND (t.typrelid = 0 OR"
                + " (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c') ORDER BY 2");
        q.add("SELECT 'domain constraint', c.contypid::regtype, c.conname, c.contype, pg_get_constraintdef(c.oid),"
                + " c.convalidated, obj_description(c.oid, 'pg_constraint')"
                + " FROM pg_constraint c JOIN pg_type t ON t.oid = c.contypid JOIN pg_namespace n ON n.oid = t.typnamespace"
                + " WHERE " + USER_NSP + (common >= 17 ? "" : " AND c.contype <> 'n'") + " ORDER BY 2, 3");
        q.add("SELECT 'attribute', a.attrelid::regclass, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod),"
                + " a.attcollation::regcollation, col_description(a.attrelid, a.attnum), a.attacl,"
                + " pg_get_expr(d.adbin, d.adrelid)"
                + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " WHERE " + USER_NSP + " AND c.relkind IN ('c', 'v', 'm') AND a.attnum > 0 AND NOT a.attisdropped"
                + " AND " + notExt("pg_class", "c.oid") + " ORDER BY 2, 3");
        q.add("SELECT 'range', r.rngtypid::regtype, r.rngsubtype::regtype, opc.opcname, r.rngcollation::regcollation,"
                + " r.rngcanonical, r.rngsubdiff" + (common >= 14 ? ", r.rngmultitypid::regtype" : "")
                + " FROM pg_range r JOIN pg_opclass opc ON opc.oid = r.rngsubopc"
                + " JOIN pg_type t ON t.oid = r.rngtypid JOIN pg_namespace n ON n.oid = t.typnamespace"
                + " WHERE " + USER_NSP + " AND " + notExt("pg_type", "t.oid") + " ORDER BY 2");
        q.add("SELECT 'function', p.oid::regprocedure, p.prokind, pg_get_userbyid(p.proowner), p.proacl,"
                + " obj_description(p.oid, 'pg_proc'), "
                + (across ? "p.prosrc, pg_get_function_result(p.oid), p.proconfig, p.provolatile, p.proisstrict"
                : "CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END, pg_get_function_arguments(p.oid)")
                + ", p.proparallel"
                + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                + " WHERE " + USER_NSP + " AND " + notExt("pg_proc", "p.oid")
                + " AND NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.objid = p.oid AND i.deptype = 'i') ORDER BY 2");
        q.add("SELECT 'aggregate', a.aggfnoid::regprocedure, a.aggkind, a.aggnumdirectargs, a.aggtransfn, a.aggfinalfn,"
                + " a.aggcombinefn, a.aggserialfn, a.aggdeserialfn, a.aggmtransfn, a.aggminvtransfn, a.aggmfinalfn,"
                + " a.aggfinalextra, a.aggmfinalextra, a.aggfinalmodify, a.aggmfinalmodify, a.aggsortop::regoperator,"
                + " a.aggtranstype::regtype, a.aggtransspace, a.aggmtranstype::regtype, a.aggmtransspace,"
                + " a.agginitval, a.aggminitval"
                + " FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid JOIN pg_namespace n ON n.oid = p.pronamespace"
                + " WHERE " + USER_NSP + " AND " + notExt("pg_proc", "p.oid") + " ORDER BY 2");
        q.add("SELECT 'sequence', s.schemaname, s.sequencename, s.sequenceowner, s.data_type::regtype, s.start_value,"
                + " s.min_value, s.max_value, s.increment_by, s.cycle, s.cache_size, s.last_value, c.relacl,"
                + " obj_description(c.oid, 'pg_class'), c.relpersistence,"
                + " (SELECT d.refobjid::regclass || '.' || d.refobjsubid FROM pg_depend d WHERE d.objid = c.oid"
                + "  AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a')"
                + " FROM pg_sequences s JOIN pg_class c ON c.oid = format('%I.%I', s.schemaname, s.sequencename)::regclass"
                + " WHERE NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.objid = c.oid AND i.deptype = 'i')"
                + " ORDER BY 2, 3");
        q.add("SELECT 'view', c.oid::regclass, c.relkind, pg_get_userbyid(c.relowner), c.relacl,"
                + " obj_description(c.oid, 'pg_class'), c.reloptions, c.relispopulated, "
                + (across ? "NULL" : "pg_get_viewdef(c.oid)") + ","
                + " (SELECT amname FROM pg_am WHERE oid = c.relam)"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE " + USER_NSP + " AND c.relkind IN ('v', 'm') ORDER BY 2");
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("SET search_path = ''");
            for (String sql : q) {
                try (ResultSet rs = st.executeQuery(sql)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder line = new StringBuilder();
                        for (int i = 1; i <= n; i++) {
                            line.append(i == 1 ? "" : " | ").append(rs.getString(i));
                        }
                        out.add(across ? acrossVersions(line.toString()) : line.toString());
                    }
                }
            }
        }
        // queries order by name but regtype/regclass columns sort by OID, which differ: sort the text
        java.util.Collections.sort(out);
        return out;
    }
}
