package io.pgbarge.plan;

import io.pgbarge.catalog.Table;
import io.pgbarge.ddl.Section;
import io.pgbarge.ddl.Statement;

import java.util.Set;

/**
 * Which small tables are created in their own load step instead of in the pre-data transaction.
 *
 * <p>Created in pre-data, thousands of small tables cost seconds on one target session while the other
 * workers wait, and each load then runs into a table another transaction made. Created in the load
 * step, the tables are made by all workers at once, and the rows go in with COPY FREEZE (the table is
 * new in the transaction), so neither the index builds nor ANALYZE set hint bits on its pages. The
 * load's transaction still holds the table's whole life — CREATE, rows, indexes, constraints,
 * ANALYZE — so a failed or interrupted step leaves no trace and is run again whole on resume.
 *
 * <p>Only a plain table that nothing else in pre-data builds on moves: not a partition, a parent or an
 * inheritance child (their CREATE locks or needs another table), and no view, function or other table
 * in pre-data needs it. What moves with it are the statements that only decorate it.
 */
final class LoadCreates {
    /** Pre-data statements that only describe the table they need, and so can move with it. */
    private static final Set<String> DECORATIONS = Set.of("ALTER TABLE", "REPLICA IDENTITY", "OWNER", "COMMENT",
            "ACL", "SECURITY LABEL", "SEQUENCE OWNED BY", "DEFAULT");

    private LoadCreates() {
    }

    /** Whether the statement creating this table may run in its load step, as far as the table tells. */
    static boolean creatable(Table t, Statement creator, Section section) {
        Table.Details d = t.details();
        return section == Section.PRE_DATA && creator.kind().equals("TABLE") && t.relkind() == 'r'
                && (d == null || !d.partition() && d.parentOids().isEmpty());
    }

    /**
     * For a restore's table (the archive decided the rest: a plain table whose entry is one CREATE
     * TABLE): whether the statement is such a creator, still in pre-data.
     */
    static boolean creatable(Statement creator, Section section) {
        return section == Section.PRE_DATA && creator.kind().equals("TABLE");
    }

    /** Whether a pre-data statement that needs a moved table may move with it. */
    static boolean goesWith(Statement s) {
        return DECORATIONS.contains(s.kind());
    }
}
