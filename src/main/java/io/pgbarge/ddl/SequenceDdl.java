package io.pgbarge.ddl;

import io.pgbarge.catalog.ObjectHeader;
import io.pgbarge.catalog.Sequence;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** CREATE SEQUENCE, its owner/comment/grants, OWNED BY, and its current value (setval, in the data section). */
public final class SequenceDdl {
    private SequenceDdl() {
    }

    public static List<Statement> statements(Sequence s, DdlContext ctx) {
        ObjectHeader h = s.header();
        String q = s.qualifiedName();
        String key = Keys.rel(h.oid());
        List<Statement> out = new ArrayList<>();
        out.add(new Statement("SEQUENCE", q, Section.PRE_DATA, createSql(s, ctx), Set.of(key), Set.of(), Set.of(),
                new Statement.Created("SEQUENCE", q, "pg_catalog.to_regclass(" + Sql.literal(q) + ")")));
        out.addAll(Decorations.all("SEQUENCE", q, h.owner(), h.comment(), h.acl(), h.defaultAcl(), "SEQUENCE", key));
        if (s.ownedBy() != null) {
            out.add(ownedBy(s, key));
        }
        out.add(new Statement("SEQUENCE SET", q, Section.DATA,
                "SELECT pg_catalog.setval(" + Sql.literal(q) + "::pg_catalog.regclass, " + s.lastValue() + ", "
                        + s.isCalled() + ")",
                Set.of(), Set.of(key), Set.of(), null));
        return out;
    }

    static String createSql(Sequence s, DdlContext ctx) {
        // UNLOGGED sequences exist from 15 on; an older target gets a logged one
        boolean unlogged = s.unlogged() && ctx.target().atLeast(15);
        return "CREATE " + (unlogged ? "UNLOGGED " : "") + "SEQUENCE " + s.qualifiedName()
                + "\n    AS " + s.type()
                + "\n    START WITH " + s.start()
                + "\n    INCREMENT BY " + s.increment()
                + "\n    MINVALUE " + s.min()
                + "\n    MAXVALUE " + s.max()
                + "\n    CACHE " + s.cache()
                + (s.cycle() ? "\n    CYCLE" : "");
    }

    /**
     * OWNED BY needs the sequence and the table to have one owner, and a sequence that is OWNED BY
     * can no longer change owner; so it runs in post-data, after every OWNER statement of pre-data.
     */
    private static Statement ownedBy(Sequence s, String key) {
        Sequence.OwnedBy o = s.ownedBy();
        String column = Sql.qualified(o.schema(), o.table()) + "." + Sql.ident(o.column());
        return new Statement("SEQUENCE OWNED BY", s.qualifiedName(), Section.POST_DATA,
                "ALTER SEQUENCE " + s.qualifiedName() + " OWNED BY " + column,
                Set.of(), Set.of(key, Keys.rel(o.tableOid())), Set.of(), null);
    }
}
