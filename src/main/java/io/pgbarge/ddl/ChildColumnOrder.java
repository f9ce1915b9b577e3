package io.pgbarge.ddl;

import io.pgbarge.catalog.Column;
import io.pgbarge.catalog.Table;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether {@code CREATE TABLE child (local columns) INHERITS (parents)} gives an inheritance child its
 * source column order. It puts every parent's columns first (parent by parent, a name seen before
 * merged into its first place), then the child's own columns that no parent has. A child's order can
 * differ from that: it was made on its own and joined later with ALTER TABLE … INHERIT, or a parent
 * got a column with ADD COLUMN after the child had columns of its own (the new column goes to the end
 * of the parent and of every child). Such a child is created standalone with all its columns in its
 * own order, and then joined with ALTER TABLE … INHERIT (see {@link TableDdl}).
 *
 * <p>The cost: the columns it inherits become attislocal = true (and, likewise, its inherited CHECK and
 * 18+ NOT NULL constraints conislocal = true), as if the child had declared them itself. So dropping
 * one from the parent later leaves it in the child, and a later pg_dump shows it as the child's own.
 * pg_dump --binary-upgrade repairs this with UPDATEs on pg_attribute and pg_constraint, which need a
 * superuser and which managed targets refuse, so here the column order wins over that flag.
 */
final class ChildColumnOrder {
    private ChildColumnOrder() {
    }

    /** True when INHERITS reproduces the child's column order (or when a parent is not known here). */
    static boolean keptByInherits(Table child, TableSet set) {
        Set<String> expected = new LinkedHashSet<>();
        for (long parentOid : child.details().parentOids()) {
            Table parent = set.table(parentOid);
            if (parent == null) {
                return true;
            }
            parent.columns().forEach(c -> expected.add(c.name()));
        }
        for (Column c : child.columns()) {
            if (c.isLocal()) {
                expected.add(c.name());
            }
        }
        List<String> actual = new ArrayList<>();
        child.columns().forEach(c -> actual.add(c.name()));
        return new ArrayList<>(expected).equals(actual);
    }
}
