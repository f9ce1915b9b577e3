package io.pgbarge.script;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: read a whole script into a list, COPY rows as text. */
final class ScriptItems {
    private ScriptItems() {
    }

    /** An item with its COPY rows read (UTF-8), for comparisons. */
    record Read(ScriptItem item, String rows) {
        String sql() {
            return item instanceof ScriptStatement s ? s.sql() : item instanceof CopyBlock c ? c.copyStatement() : item.toString();
        }
    }

    static List<Read> readAll(String script) throws IOException {
        return readAll(script.getBytes(StandardCharsets.UTF_8));
    }

    static List<Read> readAll(byte[] script) throws IOException {
        return readAll(new ByteArrayInputStream(script));
    }

    static List<Read> readAll(InputStream in) throws IOException {
        List<Read> out = new ArrayList<>();
        try (SqlScriptReader r = new SqlScriptReader(in)) {
            for (ScriptItem it = r.next(); it != null; it = r.next()) {
                String rows = null;
                if (it instanceof CopyBlock c) {
                    rows = new String(c.rows().readAllBytes(), StandardCharsets.UTF_8);
                }
                out.add(new Read(it, rows));
            }
        }
        return out;
    }

    static List<String> sqls(String script) throws IOException {
        List<String> out = new ArrayList<>();
        for (Read r : readAll(script)) {
            out.add(r.sql());
        }
        return out;
    }
}
