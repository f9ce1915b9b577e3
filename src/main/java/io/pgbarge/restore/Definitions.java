package io.pgbarge.restore;

import io.pgbarge.script.ScriptItem;
import io.pgbarge.script.ScriptStatement;
import io.pgbarge.script.SqlScriptReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an entry's definition into its statements, each without its trailing semicolon, the way psql
 * would read them: pgjdbc cannot send a multi-statement string that holds a BEGIN ATOMIC body.
 */
final class Definitions {
    private Definitions() {
    }

    static List<String> split(String defn) {
        if (defn == null || defn.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (SqlScriptReader r = new SqlScriptReader(new ByteArrayInputStream(defn.getBytes(StandardCharsets.UTF_8)))) {
            for (ScriptItem it; (it = r.next()) != null; ) {
                if (!(it instanceof ScriptStatement s)) {
                    return List.of(trim(defn)); // not plain SQL: send it as it is
                }
                String sql = trim(s.sql());
                if (!sql.isEmpty()) {
                    out.add(sql);
                }
            }
        } catch (IOException e) {
            return List.of(trim(defn));
        }
        return out;
    }

    /** Without surrounding white space and trailing semicolons. */
    static String trim(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).stripTrailing();
        }
        return s;
    }
}
