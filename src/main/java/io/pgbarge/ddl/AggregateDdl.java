package io.pgbarge.ddl;

import io.pgbarge.catalog.Aggregate;
import io.pgbarge.catalog.ObjectHeader;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** CREATE AGGREGATE from pg_aggregate, written out by hand: the server has no deparser for it. */
public final class AggregateDdl {
    private AggregateDdl() {
    }

    public static List<Statement> statements(Aggregate a, DdlContext ctx) {
        ObjectHeader h = a.header();
        String q = Sql.qualified(h.schema(), h.name());
        String identity = q + "(" + (a.identityArgs().isEmpty() ? "*" : a.identityArgs()) + ")";
        String key = Keys.proc(h.oid());
        String sql = "CREATE AGGREGATE " + q + "(" + (a.arguments().isEmpty() ? "*" : a.arguments()) + ") (\n    "
                + String.join(",\n    ", options(a)) + "\n)";
        List<Statement> out = new ArrayList<>();
        out.add(new Statement("AGGREGATE", identity, Section.PRE_DATA, sql, Set.of(key), Set.of(), Set.of(),
                new Statement.Created("AGGREGATE", identity, FunctionDdl.lookup(h, a.argTypes()))));
        out.addAll(Decorations.all("AGGREGATE", identity, h.owner(), h.comment(), null, null, null, key));
        // GRANT has no AGGREGATE form: aggregates are granted as functions, by input types
        out.addAll(Acl.statements("FUNCTION", q + "(" + a.argTypes() + ")", null, h.acl(), h.defaultAcl(), key));
        return out;
    }

    static List<String> options(Aggregate a) {
        List<String> o = new ArrayList<>();
        o.add("SFUNC = " + a.sfunc());
        o.add("STYPE = " + a.stype());
        if (a.sspace() != 0) {
            o.add("SSPACE = " + a.sspace());
        }
        if (a.finalFunc() != null) {
            o.add("FINALFUNC = " + a.finalFunc());
        }
        if (a.finalExtra()) {
            o.add("FINALFUNC_EXTRA");
        }
        // CREATE AGGREGATE's default: READ_ONLY for plain aggregates, READ_WRITE for ordered-set ones
        char defaultModify = a.aggKind() == 'n' ? 'r' : 'w';
        if (a.finalModify() != defaultModify) {
            o.add("FINALFUNC_MODIFY = " + modify(a.finalModify()));
        }
        if (a.combineFunc() != null) {
            o.add("COMBINEFUNC = " + a.combineFunc());
        }
        if (a.serialFunc() != null) {
            o.add("SERIALFUNC = " + a.serialFunc());
        }
        if (a.deserialFunc() != null) {
            o.add("DESERIALFUNC = " + a.deserialFunc());
        }
        if (a.initCond() != null) {
            o.add("INITCOND = " + Sql.literal(a.initCond()));
        }
        if (a.msfunc() != null) {
            o.add("MSFUNC = " + a.msfunc());
            o.add("MINVFUNC = " + a.minvfunc());
            o.add("MSTYPE = " + a.mstype());
            if (a.msspace() != 0) {
                o.add("MSSPACE = " + a.msspace());
            }
            if (a.mfinalFunc() != null) {
                o.add("MFINALFUNC = " + a.mfinalFunc());
            }
            if (a.mfinalExtra()) {
                o.add("MFINALFUNC_EXTRA");
            }
            if (a.mfinalModify() != defaultModify) {
                o.add("MFINALFUNC_MODIFY = " + modify(a.mfinalModify()));
            }
            if (a.minitCond() != null) {
                o.add("MINITCOND = " + Sql.literal(a.minitCond()));
            }
        }
        if (a.sortOp() != null) {
            o.add("SORTOP = " + a.sortOp());
        }
        if (a.parallel() == 's') {
            o.add("PARALLEL = SAFE");
        } else if (a.parallel() == 'r') {
            o.add("PARALLEL = RESTRICTED");
        }
        if (a.aggKind() == 'h') {
            o.add("HYPOTHETICAL");
        }
        return o;
    }

    private static String modify(char m) {
        return switch (m) {
            case 'r' -> "READ_ONLY";
            case 's' -> "SHAREABLE";
            case 'w' -> "READ_WRITE";
            default -> throw new IllegalArgumentException("unknown aggfinalmodify " + m);
        };
    }
}
