package io.pgbarge.copy;

import io.pgbarge.catalog.Table;
import io.pgbarge.ddl.Statement;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements a small table's load step runs after its rows, in the load's transaction: its
 * indexes, constraints and ANALYZE, sent as one JDBC batch, so one round trip for all of them.
 *
 * <p>A batch keeps the statements apart: the driver sends each as its own query (no splitting of one
 * string at semicolons, which a function body written BEGIN ATOMIC would defeat; the statements here are
 * index and constraint DDL, which never holds one). The server stops at the first failing statement;
 * the driver's error names it with its text, by which it is found again here, so the error says which
 * index or constraint failed. A restore's load steps use it too, without the ANALYZE.
 */
public final class AfterRows {
    private static final String SAVEPOINT = "pgbarge_analyze";
    private static final Pattern ENTRY = Pattern.compile("(\\d+)");

    private AfterRows() {
    }

    /** A statement of the batch failed; {@link #statement} is null when which one cannot be told. */
    public static final class Failed extends SQLException {
        final Statement statement;

        Failed(Statement statement, SQLException serverError) {
            super(serverError.getMessage(), serverError.getSQLState(), serverError);
            this.statement = statement;
        }

        /** The statement that failed; null when which one cannot be told. */
        public Statement statement() {
            return statement;
        }
    }

    /** The statements as one batch, in the caller's transaction, with no ANALYZE after them. */
    public static void run(List<Statement> statements, Connection target) throws SQLException {
        run(null, statements, false, target, e -> { });
    }

    /**
     * @param analyze end with ANALYZE of the table; statistics are a convenience, so an ANALYZE that fails
     *                is undone alone (back to a savepoint) and reported to {@code analyzeFailed}
     * @throws Failed when a statement fails; the caller's transaction is then aborted
     */
    static void run(Table table, List<Statement> statements, boolean analyze, Connection target,
                    java.util.function.Consumer<SQLException> analyzeFailed) throws SQLException {
        if (statements.isEmpty() && !analyze) {
            return;
        }
        try (java.sql.Statement st = target.createStatement()) {
            for (Statement s : statements) {
                if (!batchable(st, s.sql())) {
                    st.clearBatch();
                    oneByOne(table, statements, analyze, target, analyzeFailed);
                    return;
                }
            }
            if (analyze) {
                st.addBatch("SAVEPOINT " + SAVEPOINT);
                st.addBatch(analyzeSql(table));
            }
            st.executeBatch();
        } catch (BatchUpdateException e) {
            SQLException server = e.getNextException() != null ? e.getNextException() : e;
            int at = failedEntry(e.getMessage(), statements, analyze ? analyzeSql(table) : null);
            if (analyze && at == statements.size() + 1) {
                try (java.sql.Statement st = target.createStatement()) {
                    st.execute("ROLLBACK TO SAVEPOINT " + SAVEPOINT);
                }
                analyzeFailed.accept(server);
                return;
            }
            throw new Failed(at >= 0 && at < statements.size() ? statements.get(at) : null, server);
        }
    }

    /**
     * The driver refuses a batch entry that holds several statements (a placement in a tablespace is
     * {@code SET default_tablespace; CREATE …; RESET}); it refuses it when added, before anything is sent.
     */
    private static boolean batchable(java.sql.Statement st, String sql) {
        try {
            st.addBatch(sql);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** The same statements, one round trip each: for a batch the driver will not take. */
    private static void oneByOne(Table table, List<Statement> statements, boolean analyze, Connection target,
                                 java.util.function.Consumer<SQLException> analyzeFailed) throws SQLException {
        try (java.sql.Statement st = target.createStatement()) {
            for (Statement s : statements) {
                try {
                    st.execute(s.sql());
                } catch (SQLException e) {
                    throw new Failed(s, e);
                }
            }
            if (analyze) {
                st.execute("SAVEPOINT " + SAVEPOINT);
                try {
                    st.execute(analyzeSql(table));
                } catch (SQLException e) {
                    st.execute("ROLLBACK TO SAVEPOINT " + SAVEPOINT);
                    analyzeFailed.accept(e);
                }
            }
        }
    }

    static String analyzeSql(Table table) {
        return "ANALYZE " + table.qualifiedName();
    }

    /**
     * Which entry of the batch failed, from the driver's message: "Batch entry N &lt;its SQL&gt; was
     * aborted: …" (translated in some locales, but always with N and the SQL). The number is trusted only
     * when that entry's SQL is in the message; else the longest statement whose SQL is in it. -1: unknown.
     */
    static int failedEntry(String message, List<Statement> statements, String analyze) {
        if (message == null) {
            return -1;
        }
        int n = statements.size() + (analyze == null ? 0 : 2);
        Matcher m = ENTRY.matcher(message);
        if (m.find()) {
            try {
                int i = Integer.parseInt(m.group(1));
                if (i < n && message.contains(sqlAt(i, statements, analyze))) {
                    return i;
                }
            } catch (NumberFormatException ignored) {
                // not an entry number
            }
        }
        int best = -1;
        for (int i = 0; i < n; i++) {
            String sql = sqlAt(i, statements, analyze);
            if (message.contains(sql) && (best < 0 || sql.length() > sqlAt(best, statements, analyze).length())) {
                best = i;
            }
        }
        return best;
    }

    private static String sqlAt(int i, List<Statement> statements, String analyze) {
        if (i < statements.size()) {
            return statements.get(i).sql();
        }
        return i == statements.size() ? "SAVEPOINT " + SAVEPOINT : analyze;
    }
}
