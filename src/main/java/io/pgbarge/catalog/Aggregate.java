package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * An aggregate: pg_proc (prokind 'a') joined with pg_aggregate. Function names are regproc text
 * (qualified when not visible), types are format_type; absent parts are null.
 *
 * @param aggKind      'n' normal, 'o' ordered-set, 'h' hypothetical-set
 * @param arguments    pg_get_function_arguments, with ORDER BY for ordered-set aggregates; empty for (*)
 * @param identityArgs pg_get_function_identity_arguments, for ALTER/COMMENT/DROP
 * @param argTypes     input types only, for regprocedure lookups and GRANT
 * @param finalModify  'r' read_only, 's' shareable, 'w' read_write (aggfinalmodify)
 * @param sortOp       {@code OPERATOR(schema.op)}, or null
 * @param parallel     proparallel: 's', 'r' or 'u'
 */
public record Aggregate(ObjectHeader header, char aggKind, String arguments, String identityArgs, String argTypes,
                        String sfunc, String stype, int sspace, String finalFunc, boolean finalExtra,
                        char finalModify, String combineFunc, String serialFunc, String deserialFunc,
                        String initCond, String msfunc, String minvfunc, String mstype, int msspace,
                        String mfinalFunc, boolean mfinalExtra, char mfinalModify, String minitCond,
                        String sortOp, char parallel) {

    static List<Aggregate> read(Connection c, ServerInfo server) throws SQLException {
        String sql = "SELECT " + FunctionQuery.HEADER + ", " + FunctionQuery.ARGS + ","
                + " pg_catalog.pg_get_function_arguments(p.oid) AS args, a.aggkind,"
                + " a.aggtransfn::text AS sfunc, pg_catalog.format_type(a.aggtranstype, NULL) AS stype,"
                + " a.aggtransspace, NULLIF(a.aggfinalfn::text, '-') AS finalfn, a.aggfinalextra,"
                + " a.aggfinalmodify, NULLIF(a.aggcombinefn::text, '-') AS combinefn,"
                + " NULLIF(a.aggserialfn::text, '-') AS serialfn, NULLIF(a.aggdeserialfn::text, '-') AS deserialfn,"
                + " a.agginitval, NULLIF(a.aggmtransfn::text, '-') AS msfunc,"
                + " NULLIF(a.aggminvtransfn::text, '-') AS minvfunc,"
                + " CASE WHEN a.aggmtranstype <> 0 THEN pg_catalog.format_type(a.aggmtranstype, NULL) END AS mstype,"
                + " a.aggmtransspace, NULLIF(a.aggmfinalfn::text, '-') AS mfinalfn, a.aggmfinalextra,"
                + " a.aggmfinalmodify, a.aggminitval,"
                + " (SELECT 'OPERATOR(' || pg_catalog.quote_ident(opn.nspname) || '.' || o.oprname || ')'"
                + " FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace opn ON opn.oid = o.oprnamespace"
                + " WHERE o.oid = a.aggsortop) AS sortop, p.proparallel"
                + " FROM " + FunctionQuery.FROM + " JOIN pg_catalog.pg_aggregate a ON a.aggfnoid = p.oid"
                + " WHERE p.prokind = 'a' AND " + FunctionQuery.WHERE
                + " ORDER BY n.nspname, p.proname, p.oid";
        return CatalogQuery.list(c, sql, rs -> new Aggregate(ObjectHeader.from(rs), ch(rs.getString("aggkind")),
                rs.getString("args"), rs.getString("identity_args"), Function.nullToEmpty(rs.getString("arg_types")),
                rs.getString("sfunc"), rs.getString("stype"), rs.getInt("aggtransspace"), rs.getString("finalfn"),
                rs.getBoolean("aggfinalextra"), ch(rs.getString("aggfinalmodify")), rs.getString("combinefn"),
                rs.getString("serialfn"), rs.getString("deserialfn"), rs.getString("agginitval"),
                rs.getString("msfunc"), rs.getString("minvfunc"), rs.getString("mstype"),
                rs.getInt("aggmtransspace"), rs.getString("mfinalfn"), rs.getBoolean("aggmfinalextra"),
                ch(rs.getString("aggmfinalmodify")), rs.getString("aggminitval"), rs.getString("sortop"),
                ch(rs.getString("proparallel"))));
    }

    private static char ch(String s) {
        return s.charAt(0);
    }
}
