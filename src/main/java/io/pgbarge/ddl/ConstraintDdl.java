package io.pgbarge.ddl;

import io.pgbarge.catalog.Constraint;
import io.pgbarge.catalog.Index;
import io.pgbarge.catalog.Table;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Constraints that are not part of CREATE TABLE: CHECK … NOT VALID, PRIMARY KEY / UNIQUE (an index
 * built after the data, then ADD CONSTRAINT … USING INDEX), EXCLUDE, and FOREIGN KEY (added NOT VALID,
 * then validated on its own so that validations run in parallel).
 */
final class ConstraintDdl {
    private ConstraintDdl() {
    }

    /**
     * A validated CHECK goes inside CREATE TABLE when the table declares it. A table made standalone (a
     * partition, or a child joined later with INHERIT) also lists the ones it inherits, because ATTACH
     * PARTITION and INHERIT require them to be there (pg_dump does the same for partitions); an
     * inheritance child made with INHERITS gets them from there.
     */
    static boolean inline(Constraint c, Table t, TableSet set) {
        return c.type() == 'c' && c.validated() && (c.isLocal() || set.standalone(t));
    }

    static List<Statement> statements(Constraint c, Table t, TableSet set) {
        List<Statement> out = new ArrayList<>();
        switch (c.type()) {
            case 'c' -> {
                if (!inline(c, t, set) && c.isLocal()) {
                    out.add(notValidCheck(c, t, set));
                }
            }
            case 'p', 'u', 'x' -> out.addAll(indexConstraint(c, t, set));
            case 'f' -> {
                // An FK on a partition cloned from its parent's comes back when the parent's is added.
                if (c.parentOid() == 0) {
                    out.addAll(foreignKey(c, t, set));
                }
            }
            default -> {
            }
        }
        if (!out.isEmpty() || inline(c, t, set)) {
            out.addAll(comment(c, t, set));
        }
        return out;
    }

    /**
     * A CHECK that is NOT VALID on the source: rows may break it, so it is added after the data (in
     * pre-data COPY would reject them). Added without ONLY on a table with children, which requires it to
     * recurse; the children's inherited copies come from that.
     */
    private static Statement notValidCheck(Constraint c, Table t, TableSet set) {
        String only = set.hasChildren(t.oid()) ? "" : "ONLY ";
        Set<String> requires = new LinkedHashSet<>(set.dataKeys(t.oid()));
        requires.add(Keys.rel(t.oid()));
        return Statement.of("CHECK CONSTRAINT", name(c, t), Section.POST_DATA,
                "ALTER TABLE " + only + t.qualifiedName() + " ADD CONSTRAINT " + Sql.ident(c.name()) + " " + c.definition(),
                Set.of(Keys.constraint(c.oid())), requires);
    }

    /**
     * PRIMARY KEY and UNIQUE on a table with rows: CREATE UNIQUE INDEX (which can run in parallel), then
     * ADD CONSTRAINT … USING INDEX. USING INDEX is refused on partitioned tables and takes only plain btree
     * indexes, so EXCLUDE, WITHOUT OVERLAPS (18) and partitioned tables add the constraint directly; with
     * ONLY on a partitioned table that makes an invalid index which the partitions' indexes are attached to.
     */
    private static List<Statement> indexConstraint(Constraint c, Table t, TableSet set) {
        Index index = set.index(c.indexOid());
        Set<String> requires = new LinkedHashSet<>(set.dataKeys(t.oid()));
        requires.add(Keys.rel(t.oid()));
        String add = "ALTER TABLE ONLY " + t.qualifiedName() + " ADD CONSTRAINT " + Sql.ident(c.name()) + " ";
        boolean usingIndex = index != null && t.relkind() != 'p' && c.type() != 'x'
                && index.definition().contains(" USING btree (") && !c.definition().contains("WITHOUT OVERLAPS");
        if (!usingIndex) {
            Set<String> provides = new LinkedHashSet<>(Set.of(Keys.constraint(c.oid())));
            if (index != null) {
                provides.add(Keys.rel(index.oid()));
            }
            return List.of(Statement.of("CONSTRAINT", name(c, t), Section.POST_DATA, add + c.definition(), provides, requires));
        }
        String iq = Sql.qualified(index.schema(), index.name());
        Statement build = new Statement("INDEX", iq, Section.POST_DATA, index.definition(),
                Set.of(Keys.rel(index.oid())), requires, Set.of(), IndexDdl.created(index));
        Set<String> needIndex = new LinkedHashSet<>(requires);
        needIndex.add(Keys.rel(index.oid()));
        String sql = add + (c.type() == 'p' ? "PRIMARY KEY" : "UNIQUE") + " USING INDEX " + Sql.ident(index.name())
                + (c.deferrable() ? " DEFERRABLE" : "") + (c.deferred() ? " INITIALLY DEFERRED" : "");
        return List.of(build, Statement.of("CONSTRAINT", name(c, t), Section.POST_DATA, sql,
                Set.of(Keys.constraint(c.oid())), needIndex));
    }

    /**
     * FOREIGN KEY … NOT VALID, then VALIDATE CONSTRAINT: adding is quick and validating takes a lighter
     * lock, so validations of many FKs run side by side. A constraint NOT VALID on the source stays so.
     * On a partitioned table an FK can be neither NOT VALID nor ONLY (before 18), so it is added whole.
     * On a partitioned table it has no ONLY: it recurses to the partitions, which get their clones from it.
     */
    private static List<Statement> foreignKey(Constraint c, Table t, TableSet set) {
        Set<String> requires = new LinkedHashSet<>();
        requires.add(Keys.rel(t.oid()));
        requires.add(Keys.rel(c.refTableOid()));
        requires.addAll(set.dataKeys(t.oid()));
        requires.addAll(set.dataKeys(c.refTableOid()));
        requires.add(Keys.rel(c.indexOid()));
        Constraint referenced = set.constraintOfIndex(c.indexOid());
        if (referenced != null) {
            requires.add(Keys.constraint(referenced.oid()));
        }
        // A partitioned unique index is valid, and usable by an FK, once every partition's index is attached.
        requires.addAll(set.attachKeysBelow(c.indexOid()));
        String fk = Sql.ident(c.name());
        Table ref = set.table(c.refTableOid());
        // Referencing a partitioned table makes one hidden FK per referenced partition; before 18, VALIDATE
        // does not reach those, so such an FK is added valid in one go.
        if (t.relkind() == 'p' || (c.validated() && ref != null && ref.relkind() == 'p')) {
            return List.of(Statement.of("FK CONSTRAINT", name(c, t), Section.POST_DATA,
                    (t.relkind() == 'p' ? "ALTER TABLE " : "ALTER TABLE ONLY ") + t.qualifiedName()
                            + " ADD CONSTRAINT " + fk + " " + c.definition(),
                    Set.of(Keys.constraint(c.oid())), requires));
        }
        String prefix = "ALTER TABLE ONLY " + t.qualifiedName();
        if (!c.validated()) {
            // pg_get_constraintdef already ends in NOT VALID.
            return List.of(Statement.of("FK CONSTRAINT", name(c, t), Section.POST_DATA,
                    prefix + " ADD CONSTRAINT " + fk + " " + c.definition(), Set.of(Keys.constraint(c.oid())), requires));
        }
        Statement add = Statement.of("FK CONSTRAINT", name(c, t), Section.POST_DATA,
                prefix + " ADD CONSTRAINT " + fk + " " + c.definition() + " NOT VALID", Set.of(Keys.constraint(c.oid())), requires);
        Set<String> validateNeeds = new LinkedHashSet<>(requires);
        validateNeeds.add(Keys.constraint(c.oid()));
        Statement validate = Statement.of("FK VALIDATE", name(c, t), Section.POST_DATA,
                prefix + " VALIDATE CONSTRAINT " + fk, Set.of(), validateNeeds);
        return List.of(add, validate);
    }

    private static List<Statement> comment(Constraint c, Table t, TableSet set) {
        if (c.comment() == null) {
            return List.of();
        }
        return List.of(Statement.of("COMMENT", "CONSTRAINT " + name(c, t), inline(c, t, set) ? Section.PRE_DATA : Section.POST_DATA,
                "COMMENT ON CONSTRAINT " + Sql.ident(c.name()) + " ON " + t.qualifiedName() + " IS " + Sql.literal(c.comment()),
                Set.of(), Set.of(Keys.constraint(c.oid()))));
    }

    private static String name(Constraint c, Table t) {
        return t.qualifiedName() + " " + Sql.ident(c.name());
    }
}
