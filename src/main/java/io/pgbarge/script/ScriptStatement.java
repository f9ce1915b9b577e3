package io.pgbarge.script;

/**
 * One SQL statement of a script, as psql would send it to the server: leading whitespace and
 * {@code --} comments dropped, everything else kept, including the terminating semicolon (absent only
 * for a last statement that the script does not terminate).
 *
 * @param sql  the statement text
 * @param line the 1-based line where the statement starts
 */
public record ScriptStatement(String sql, long line) implements ScriptItem {

    /** How the statement would be classified for a restore ({@link ScriptClassifier#classify}). */
    public StatementClass classify() {
        return ScriptClassifier.classify(sql);
    }
}
