package io.pgbarge.catalog;

import io.pgbarge.ddl.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Reads the rules on the user's tables and views. */
final class RuleReader {
    private RuleReader() {
    }

    static List<Rule> read(Connection c) throws SQLException {
        String sql = "SELECT r.oid, r.ev_class, n.nspname, cl.relname, cl.relkind, r.rulename,"
                + " pg_catalog.pg_get_ruledef(r.oid) AS def, r.ev_enabled,"
                + " pg_catalog.obj_description(r.oid, 'pg_rewrite') AS comment"
                + " FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class cl ON cl.oid = r.ev_class"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = cl.relnamespace"
                + " WHERE r.rulename <> '_RETURN' AND r.ev_class IN (" + TableScope.relations("'r', 'p', 'v'") + ")"
                + " ORDER BY r.ev_class, r.rulename";
        return CatalogQuery.list(c, sql, rs -> new Rule(rs.getLong("oid"), rs.getLong("ev_class"),
                Sql.qualified(rs.getString("nspname"), rs.getString("relname")), TableScope.ch(rs, "relkind"),
                rs.getString("rulename"), withoutSemicolon(rs.getString("def")), TableScope.ch(rs, "ev_enabled"),
                rs.getString("comment")));
    }

    /** pg_get_ruledef ends the statement with a semicolon; statements are kept without one. */
    static String withoutSemicolon(String def) {
        String s = def.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1) : s;
    }
}
