package io.pgbarge.copy;

import io.pgbarge.ddl.Statement;
import io.pgbarge.journal.JournaledSteps;
import io.pgbarge.plan.Step;

import java.util.List;

/**
 * A resumed copy reads a newer snapshot than the run it continues, so the target holds tables from two
 * points in time. A foreign key the earlier run validated joined two tables of that earlier snapshot,
 * and neither is reloaded — but its check is cheap insurance against a plan that ever breaks that
 * order, and {@code VALIDATE CONSTRAINT} on a key that is already valid checks nothing. So each such key
 * is dropped and added again (in one implicit transaction) and validated anew, by the server's own
 * code: a referencing row whose parent is missing fails the run, naming the constraint.
 */
final class ForeignKeyRecheck {
    private ForeignKeyRecheck() {
    }

    /** Marks the foreign keys finished in earlier runs to run again; returns how many. */
    static int mark(List<Step> steps, JournaledSteps journal) {
        int n = 0;
        for (Step s : steps) {
            Statement st = s.statement();
            if (st != null && (st.kind().equals("FK CONSTRAINT") || st.kind().equals("FK VALIDATE"))
                    && journal.doneEarlier(s) && dropSql(st.sql()) != null) {
                journal.redo(s);
                if (st.kind().equals("FK CONSTRAINT")) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The statement that adds the key, preceded by its drop: {@code ALTER TABLE … DROP CONSTRAINT IF EXISTS fk; <add>}. */
    static String redoSql(Statement add) {
        String drop = dropSql(add.sql());
        return add.kind().equals("FK CONSTRAINT") && drop != null ? drop + ";\n" + add.sql() : add.sql();
    }

    /**
     * From {@code ALTER TABLE [ONLY] t ADD CONSTRAINT fk …} or {@code … VALIDATE CONSTRAINT fk}: the
     * {@code DROP CONSTRAINT IF EXISTS} of the same key; null when the text is not of that shape.
     */
    static String dropSql(String sql) {
        int at = sql.indexOf(" ADD CONSTRAINT ");
        int len = " ADD CONSTRAINT ".length();
        if (at < 0) {
            at = sql.indexOf(" VALIDATE CONSTRAINT ");
            len = " VALIDATE CONSTRAINT ".length();
        }
        if (at < 0 || !sql.startsWith("ALTER TABLE ")) {
            return null;
        }
        String name = identifier(sql, at + len);
        return name == null ? null : sql.substring(0, at) + " DROP CONSTRAINT IF EXISTS " + name;
    }

    private static String identifier(String sql, int from) {
        if (from >= sql.length()) {
            return null;
        }
        if (sql.charAt(from) != '"') {
            int end = sql.indexOf(' ', from);
            return end < 0 ? sql.substring(from) : sql.substring(from, end);
        }
        for (int i = from + 1; i < sql.length(); i++) {
            if (sql.charAt(i) == '"') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '"') {
                    i++;
                } else {
                    return sql.substring(from, i + 1);
                }
            }
        }
        return null;
    }
}
