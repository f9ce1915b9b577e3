package io.pgbarge.catalog;

import io.pgbarge.ddl.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A view or materialized view.
 *
 * @param materialized relkind 'm'
 * @param ruleOid      its _RETURN rule: pg_depend records the view's dependencies on the rule
 * @param typeOid      its row type (reltype), 0 if none
 * @param arrayTypeOid the row type's array type, 0 if none
 * @param definition   pg_get_viewdef without the trailing semicolon
 * @param reloptions   e.g. {@code security_barrier=true}, {@code check_option=local}
 * @param accessMethod table access method of a materialized view, null for views
 * @param populated    relispopulated (materialized views: false after WITH NO DATA)
 * @param columns      columns that carry a default, a comment or privileges
 * @param stubColumns  for a view whose query calls user functions: its columns as a SELECT list of typed
 *                     NULLs ({@code NULL::integer AS a, …}), so that a stand-in can be created first when
 *                     a function needs the view's row type (a dependency cycle); null otherwise
 */
public record View(ObjectHeader header, boolean materialized, long ruleOid, long typeOid, long arrayTypeOid,
                   String definition, List<String> reloptions, String accessMethod, boolean populated,
                   List<ViewColumn> columns, String stubColumns) {

    /** @param defaultExpr pg_get_expr of the column default (views only), or null */
    public record ViewColumn(String name, String defaultExpr, String comment, String acl) {
    }

    public String qualifiedName() {
        return Sql.qualified(header.schema(), header.name());
    }

    static List<View> read(Connection c, ServerInfo server) throws SQLException {
        Map<Long, List<ViewColumn>> columns = new LinkedHashMap<>();
        CatalogQuery.list(c, "SELECT a.attrelid, a.attname, pg_catalog.pg_get_expr(d.adbin, d.adrelid),"
                        + " pg_catalog.col_description(a.attrelid, a.attnum), a.attacl::text"
                        + " FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class r ON r.oid = a.attrelid"
                        + " LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                        + " WHERE r.relkind IN ('v', 'm') AND a.attnum > 0 AND NOT a.attisdropped"
                        + " AND (d.adbin IS NOT NULL OR a.attacl IS NOT NULL"
                        + " OR pg_catalog.col_description(a.attrelid, a.attnum) IS NOT NULL)"
                        + " ORDER BY a.attrelid, a.attnum",
                rs -> columns.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new ViewColumn(
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5))));
        String sql = "SELECT " + ObjectHeader.columns("c.oid", "n.nspname", "c.relname", "c.relowner", "pg_class",
                "c.relacl", 'r') + ","
                + " c.relkind, r.oid AS rule_oid, c.reltype, t.typarray, pg_catalog.pg_get_viewdef(c.oid) AS def,"
                + " c.reloptions, am.amname, c.relispopulated,"
                + " CASE WHEN c.relkind = 'v' AND EXISTS (SELECT 1 FROM pg_catalog.pg_depend d"
                + "   WHERE d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND d.objid = r.oid"
                + "   AND d.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.refobjid >= 16384)"
                + " THEN (SELECT pg_catalog.string_agg(pg_catalog.format('NULL::%s%s AS %I',"
                + "   pg_catalog.format_type(a.atttypid, a.atttypmod),"
                + "   CASE WHEN a.attcollation <> 0 AND a.attcollation <> at.typcollation"
                + "     THEN ' COLLATE ' || a.attcollation::pg_catalog.regcollation::text ELSE '' END, a.attname),"
                + "   ', ' ORDER BY a.attnum) FROM pg_catalog.pg_attribute a"
                + "   JOIN pg_catalog.pg_type at ON at.oid = a.atttypid"
                + "   WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) END AS stub"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN pg_catalog.pg_rewrite r ON r.ev_class = c.oid AND r.rulename = '_RETURN'"
                + " LEFT JOIN pg_catalog.pg_type t ON t.oid = c.reltype"
                + " LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam"
                + " WHERE c.relkind IN ('v', 'm') AND " + CatalogQuery.userSchema("n")
                + " AND " + CatalogQuery.userObject("pg_class", "c.oid")
                + " ORDER BY n.nspname, c.relname";
        return CatalogQuery.list(c, sql, rs -> {
            ObjectHeader h = ObjectHeader.from(rs);
            java.sql.Array opts = rs.getArray("reloptions");
            List<String> reloptions = opts == null ? List.of() : Arrays.asList((String[]) opts.getArray());
            boolean mat = "m".equals(rs.getString("relkind"));
            return new View(h, mat, rs.getLong("rule_oid"), rs.getLong("reltype"), rs.getLong("typarray"),
                    stripSemicolon(rs.getString("def")), List.copyOf(reloptions), mat ? rs.getString("amname") : null,
                    rs.getBoolean("relispopulated"), List.copyOf(columns.getOrDefault(h.oid(), List.of())),
                    rs.getString("stub"));
        });
    }

    private static String stripSemicolon(String def) {
        String s = def.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1) : s;
    }
}
