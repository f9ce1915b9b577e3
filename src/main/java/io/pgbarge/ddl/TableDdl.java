package io.pgbarge.ddl;

import io.pgbarge.catalog.Column;
import io.pgbarge.catalog.Constraint;
import io.pgbarge.catalog.Table;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CREATE TABLE (or CREATE FOREIGN TABLE, or a typed table's CREATE TABLE … OF) with its columns and
 * inline CHECK constraints, ATTACH PARTITION or ALTER TABLE … INHERIT for a table made standalone,
 * per-column settings, owner, comments, grants, security labels, REPLICA IDENTITY and the state of
 * identity sequences.
 */
final class TableDdl {
    private TableDdl() {
    }

    static List<Statement> statements(Table t, List<Constraint> constraints, TableSet set, DdlContext ctx) {
        String q = t.qualifiedName();
        String key = Keys.rel(t.oid());
        List<Statement> out = new ArrayList<>();
        out.add(create(t, constraints, set, ctx));
        Table parent = t.details().partition() ? set.table(t.details().parentOids().get(0)) : null;
        if (parent != null) {
            // pg_dump 15's way: the partition is made as a plain table with its own column order, then attached.
            out.add(Statement.of("TABLE ATTACH", q, Section.PRE_DATA,
                    "ALTER TABLE ONLY " + parent.qualifiedName() + " ATTACH PARTITION " + q + " " + t.details().partitionBound(),
                    Set.of(), Set.of(key, Keys.rel(parent.oid()))));
        } else if (set.standalone(t)) {
            out.add(inherit(t, set));
        }
        for (Column c : t.columns()) {
            List<String> alters = new ArrayList<>(ColumnDdl.settings(c, ctx));
            if (c.notNull() && !printed(t, c, set) && !parentHasNotNull(t, c, set)) {
                alters.add(0, "ALTER COLUMN " + Sql.ident(c.name()) + " SET NOT NULL");
            }
            for (String a : alters) {
                out.add(Statement.of("ALTER TABLE", q, Section.PRE_DATA, "ALTER TABLE ONLY " + q + " " + a,
                        Set.of(), Set.of(key)));
            }
        }
        // A foreign table's relreplident is always 'n', and it cannot be changed.
        if (t.relkind() != 'f' && (t.details().replicaIdentity() == 'f' || t.details().replicaIdentity() == 'n')) {
            out.add(Statement.of("REPLICA IDENTITY", q, Section.PRE_DATA, "ALTER TABLE ONLY " + q + " REPLICA IDENTITY "
                    + (t.details().replicaIdentity() == 'f' ? "FULL" : "NOTHING"), Set.of(), Set.of(key)));
        }
        // COMMENT ON TABLE refuses a foreign table; GRANT … ON TABLE takes it.
        out.addAll(Decorations.all(objectType(t), q, t.owner(), t.comment(), t.acl(), t.defaultAcl(), "TABLE", key));
        for (Column c : t.columns()) {
            String col = q + "." + Sql.ident(c.name());
            out.addAll(Decorations.comment("COLUMN", col, c.comment(), key));
            out.addAll(Acl.statements("TABLE", q, c.name(), c.acl(), null, key));
            if (c.identitySequence() != null && printed(t, c, set)) {
                var s = c.identitySequence();
                String seq = Sql.qualified(s.schema(), s.name());
                out.add(Statement.of("SEQUENCE SET", seq, Section.DATA, "SELECT pg_catalog.setval(" + Sql.literal(seq)
                        + ", " + s.lastValue() + ", " + s.isCalled() + ")", Set.of(), Set.of(Keys.rel(s.oid()))));
            }
        }
        return out;
    }

    private static Statement create(Table t, List<Constraint> constraints, TableSet set, DdlContext ctx) {
        Table.Details d = t.details();
        List<String> elements = new ArrayList<>();
        Set<String> provides = new LinkedHashSet<>();
        provides.add(Keys.rel(t.oid()));
        provides.add(Keys.type(d.rowTypeOid()));
        for (Column c : t.columns()) {
            if (!printed(t, c, set)) {
                continue;
            }
            if (d.ofType() != null) {
                String typed = ColumnDdl.typedDefinition(c, ctx);
                if (typed != null) {
                    elements.add(typed);
                }
                continue;
            }
            boolean identity = !(d.partition() && c.inhCount() > 0);
            elements.add(ColumnDdl.definition(c, identity, ctx));
            if (identity && c.identitySequence() != null) {
                provides.add(Keys.rel(c.identitySequence().oid()));
            }
        }
        for (Constraint c : constraints) {
            if (ConstraintDdl.inline(c, t, set)) {
                elements.add("CONSTRAINT " + Sql.ident(c.name()) + " " + c.definition());
                provides.add(Keys.constraint(c.oid()));
            }
        }
        Set<String> requires = new LinkedHashSet<>();
        StringBuilder sql = new StringBuilder("CREATE ");
        if (t.persistence() == 'u') {
            sql.append("UNLOGGED ");
        }
        sql.append(objectType(t)).append(' ').append(t.qualifiedName());
        if (d.ofType() != null) {
            sql.append(" OF ").append(d.ofType());
        }
        if (d.ofType() == null || !elements.isEmpty()) {
            sql.append(" (").append(elements.isEmpty() ? "" : "\n    " + String.join(",\n    ", elements) + "\n").append(')');
        }
        if (!set.standalone(t) && !d.parentOids().isEmpty()) {
            sql.append("\nINHERITS (").append(d.parentOids().stream().map(set::table).filter(Objects::nonNull)
                    .map(Table::qualifiedName)
                    .collect(Collectors.joining(", "))).append(')');
            d.parentOids().forEach(p -> requires.add(Keys.rel(p)));
        }
        if (d.foreign() != null) {
            sql.append("\nSERVER ").append(Sql.ident(d.foreign().server()));
            requires.add(ForeignDataDdl.serverKey(d.foreign().serverOid()));
            if (!d.foreign().options().isEmpty()) {
                sql.append('\n').append(ForeignDataDdl.options(d.foreign().options()));
            }
        }
        if (d.partitionKey() != null) {
            sql.append("\nPARTITION BY ").append(d.partitionKey());
        }
        if (d.accessMethod() != null) {
            sql.append("\nUSING ").append(Sql.ident(d.accessMethod()));
        }
        if (!d.reloptions().isEmpty() || !d.toastReloptions().isEmpty()) {
            List<String> opts = new ArrayList<>();
            if (!d.reloptions().isEmpty()) {
                opts.add(Options.list(d.reloptions(), ""));
            }
            if (!d.toastReloptions().isEmpty()) {
                opts.add(Options.list(d.toastReloptions(), "toast."));
            }
            sql.append("\nWITH (").append(String.join(", ", opts)).append(')');
        }
        String q = t.qualifiedName();
        return new Statement(objectType(t), q, Section.PRE_DATA, sql.toString(), provides, requires, Set.of(),
                new Statement.Created(objectType(t), q, "pg_catalog.to_regclass(" + Sql.literal(q) + ")"));
    }

    /** TABLE or FOREIGN TABLE, as CREATE, DROP, ALTER … OWNER and COMMENT name it. */
    static String objectType(Table t) {
        return t.relkind() == 'f' ? "FOREIGN TABLE" : "TABLE";
    }

    /**
     * An inheritance child made standalone because INHERITS would reorder its columns joins its parents
     * here, in inhseqno order (see {@link ChildColumnOrder} for what that costs).
     */
    private static Statement inherit(Table t, TableSet set) {
        Set<String> requires = new LinkedHashSet<>();
        requires.add(Keys.rel(t.oid()));
        List<String> clauses = new ArrayList<>();
        for (long p : t.details().parentOids()) {
            Table parent = set.table(p);
            clauses.add("INHERIT " + parent.qualifiedName());
            requires.add(Keys.rel(p));
        }
        return Statement.of("TABLE INHERIT", t.qualifiedName(), Section.PRE_DATA,
                "ALTER TABLE ONLY " + t.qualifiedName() + " " + String.join(", ", clauses), Set.of(), requires);
    }

    /**
     * Whether CREATE TABLE lists the column: an inheritance child gets inherited columns from INHERITS,
     * but a table made standalone (a partition; a child whose column order INHERITS would change) lists
     * them all (pg_dump's shouldPrintColumn, for partitions).
     */
    static boolean printed(Table t, Column c, TableSet set) {
        return c.isLocal() || set.standalone(t);
    }

    private static boolean parentHasNotNull(Table t, Column c, TableSet set) {
        for (long p : t.details().parentOids()) {
            Table parent = set.table(p);
            if (parent != null && parent.columns().stream().anyMatch(pc -> pc.name().equals(c.name()) && pc.notNull())) {
                return true;
            }
        }
        return false;
    }
}
