package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A function, procedure or window function (not an aggregate: see {@link Aggregate}).
 *
 * @param kind         prokind: 'f' function, 'p' procedure, 'w' window function
 * @param identityArgs pg_get_function_identity_arguments, for ALTER/COMMENT/DROP
 * @param argTypes     input argument types only, comma-separated, for regprocedure lookups and GRANT
 * @param definition   pg_get_functiondef: a complete CREATE OR REPLACE statement
 */
public record Function(ObjectHeader header, char kind, String identityArgs, String argTypes, String definition) {

    public boolean isProcedure() {
        return kind == 'p';
    }

    static List<Function> read(Connection c, ServerInfo server) throws SQLException {
        String sql = "SELECT " + FunctionQuery.HEADER + ", p.prokind, " + FunctionQuery.ARGS + ","
                + " pg_catalog.pg_get_functiondef(p.oid) AS def"
                + " FROM " + FunctionQuery.FROM
                + " WHERE p.prokind IN ('f', 'p', 'w') AND " + FunctionQuery.WHERE
                + " ORDER BY n.nspname, p.proname, p.oid";
        return CatalogQuery.list(c, sql, rs -> new Function(ObjectHeader.from(rs), rs.getString("prokind").charAt(0),
                rs.getString("identity_args"), nullToEmpty(rs.getString("arg_types")), rs.getString("def")));
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
