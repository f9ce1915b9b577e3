package io.pgbarge.ddl;

import io.pgbarge.catalog.BaseType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A base type in three steps, as pg_dump does: a shell type (so its I/O functions can name it), the
 * functions (they require the shell), then the full CREATE TYPE (it requires the functions).
 */
public final class BaseTypeDdl {
    private BaseTypeDdl() {
    }

    public static String shellKey(long typeOid) {
        return "shell:" + typeOid;
    }

    public static List<Statement> statements(BaseType t) {
        String q = Sql.qualified(t.header().schema(), t.header().name());
        List<Statement> out = new ArrayList<>();
        out.add(new Statement("SHELL TYPE", q, Section.PRE_DATA, "CREATE TYPE " + q, Set.of(shellKey(t.header().oid())),
                Set.of(), Set.of(), new Statement.Created("TYPE", q, "pg_catalog.to_regtype(" + Sql.literal(q) + ")")));
        Set<String> provides = new LinkedHashSet<>();
        provides.add(Keys.type(t.header().oid()));
        if (t.arrayOid() != 0) {
            provides.add(Keys.type(t.arrayOid()));
        }
        Set<String> requires = new LinkedHashSet<>();
        requires.add(shellKey(t.header().oid()));
        t.supportFunctions().forEach(f -> requires.add(Keys.proc(f)));
        out.add(new Statement("TYPE", q, Section.PRE_DATA,
                "CREATE TYPE " + q + " (\n    " + String.join(",\n    ", t.options()) + "\n)",
                provides, requires, Set.of(), null));
        out.addAll(Decorations.all("TYPE", q, t.header().owner(), t.header().comment(), t.header().acl(),
                t.header().defaultAcl(), "TYPE", Keys.type(t.header().oid())));
        return out;
    }

    /** The support functions wait for their type's shell (pg_depend's edges between them are dropped). */
    public static List<Statement> waitForShells(List<Statement> statements, List<BaseType> types) {
        Map<String, String> shellOf = new HashMap<>();
        for (BaseType t : types) {
            t.supportFunctions().forEach(f -> shellOf.put(Keys.proc(f), shellKey(t.header().oid())));
        }
        if (shellOf.isEmpty()) {
            return statements;
        }
        List<Statement> out = new ArrayList<>(statements.size());
        for (Statement s : statements) {
            Set<String> extra = new HashSet<>();
            s.provides().forEach(k -> {
                if (shellOf.containsKey(k)) {
                    extra.add(shellOf.get(k));
                }
            });
            if (extra.isEmpty()) {
                out.add(s);
            } else {
                extra.addAll(s.requires());
                out.add(new Statement(s.kind(), s.name(), s.section(), s.sql(), s.provides(), extra, s.roles(), s.creates()));
            }
        }
        return out;
    }
}
