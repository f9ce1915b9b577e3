package io.pgbarge.copy;

import io.pgbarge.ddl.Statement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the objects a copy would create that the target already has, so that a copy into a
 * non-empty target is refused up front (naming them) instead of failing half-way.
 */
public final class TargetConflicts {
    private TargetConflicts() {
    }

    /** The creating statements whose object exists on the target. Extensions are created IF NOT EXISTS. */
    public static List<Statement> find(Connection target, List<Statement> statements) throws SQLException {
        List<Statement> creating = statements.stream()
                .filter(s -> s.creates() != null && !s.creates().objectType().equals("EXTENSION"))
                .toList();
        List<Statement> found = new ArrayList<>();
        final int batch = 500;
        for (int i = 0; i < creating.size(); i += batch) {
            List<Statement> part = creating.subList(i, Math.min(creating.size(), i + batch));
            boolean[] exists;
            try {
                exists = lookUp(target, part);
            } catch (SQLException e) {
                // before PostgreSQL 16 the to_reg* functions raise errors for names in schemas that do
                // not exist (e.g. a function's argument type): look each up apart, an error meaning absent
                exists = lookUpOneByOne(target, part);
            }
            for (int j = 0; j < part.size(); j++) {
                if (exists[j]) {
                    found.add(part.get(j));
                }
            }
        }
        return found;
    }

    private static boolean[] lookUp(Connection target, List<Statement> part) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int j = 0; j < part.size(); j++) {
            sql.append(j == 0 ? "" : ", ").append("(").append(part.get(j).creates().lookup()).append(") IS NOT NULL");
        }
        boolean[] out = new boolean[part.size()];
        try (var st = target.createStatement(); var rs = st.executeQuery(sql.toString())) {
            rs.next();
            for (int j = 0; j < part.size(); j++) {
                out[j] = rs.getBoolean(j + 1);
            }
        }
        return out;
    }

    /** Still one round trip: a DO block tries each lookup in its own subtransaction and reports hits as notices. */
    private static boolean[] lookUpOneByOne(Connection target, List<Statement> part) throws SQLException {
        StringBuilder sql = new StringBuilder("DO $pgbarge$ BEGIN\n");
        for (int j = 0; j < part.size(); j++) {
            sql.append("BEGIN IF (").append(part.get(j).creates().lookup()).append(") IS NOT NULL THEN")
                    .append(" RAISE NOTICE 'pgbarge-exists:").append(j).append("'; END IF;")
                    .append(" EXCEPTION WHEN OTHERS THEN NULL; END;\n");
        }
        sql.append("END $pgbarge$");
        boolean[] out = new boolean[part.size()];
        try (var st = target.createStatement()) {
            st.execute("SET client_min_messages = notice");
            st.execute(sql.toString());
            for (java.sql.SQLWarning w = st.getWarnings(); w != null; w = w.getNextWarning()) {
                String m = w.getMessage();
                int at = m == null ? -1 : m.indexOf("pgbarge-exists:");
                if (at >= 0) {
                    out[Integer.parseInt(m.substring(at + "pgbarge-exists:".length()).trim())] = true;
                }
            }
        }
        return out;
    }

    /**
     * DROP … IF EXISTS … CASCADE for each conflicting object, dependents first. Indexes come last and
     * only when they survived the drops of their tables; an index that backs a constraint is dropped
     * through its constraint, as the server demands.
     */
    public static List<String> dropStatements(List<Statement> conflicts) {
        List<String> drops = new ArrayList<>();
        List<String> indexes = new ArrayList<>();
        for (int i = conflicts.size() - 1; i >= 0; i--) {
            Statement.Created c = conflicts.get(i).creates();
            if (c.objectType().equals("INDEX")) {
                indexes.add(dropIndex(c.identity()));
            } else {
                drops.add(c.dropSql());
            }
        }
        drops.addAll(indexes);
        return drops;
    }

    private static String dropIndex(String identity) {
        String lit = "'" + identity.replace("'", "''") + "'";
        return "DO $pgbarge$ DECLARE i regclass := to_regclass(" + lit + "); c record; BEGIN"
                + " IF i IS NULL THEN RETURN; END IF;"
                + " SELECT conname, conrelid::regclass AS rel INTO c FROM pg_catalog.pg_constraint WHERE conindid = i"
                + " AND contype IN ('p', 'u', 'x') LIMIT 1;"
                + " IF FOUND THEN EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I CASCADE', c.rel, c.conname);"
                + " ELSE EXECUTE format('DROP INDEX %s CASCADE', i); END IF; END $pgbarge$";
    }
}
