package io.pgbarge.script;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Test helper: runs every item of a script on a connection, as psql would, and counts what it did. */
final class ScriptReplayer {

    int statements;
    int copyBlocks;
    long copiedRows;
    int metaCommands;

    /** Replays a script; {@code \connect} and other meta-commands are counted, not acted on. */
    static ScriptReplayer replay(InputStream script, Connection c) throws IOException, SQLException {
        ScriptReplayer r = new ScriptReplayer();
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        try (SqlScriptReader reader = new SqlScriptReader(script); Statement st = c.createStatement()) {
            for (ScriptItem it = reader.next(); it != null; it = reader.next()) {
                try {
                    if (it instanceof ScriptStatement s) {
                        st.execute(s.sql());
                        r.statements++;
                    } else if (it instanceof CopyBlock b) {
                        r.copiedRows += copy.copyIn(b.copyStatement(), b.rows());
                        r.copyBlocks++;
                    } else {
                        r.metaCommands++;
                    }
                } catch (SQLException e) {
                    throw new SQLException("line " + it.line() + ": " + e.getMessage() + "\n" + it, e.getSQLState(), e);
                }
            }
        }
        return r;
    }
}
