package io.pgbarge.restore;

import io.pgbarge.archive.Archive;
import io.pgbarge.archive.TocEntry;
import io.pgbarge.ddl.Statement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tablespaces an archive places objects in, against those the target has (managed services have none
 * but the defaults). pgbarge's own archives name them with {@code SET default_tablespace} inside the
 * definition: one the target lacks becomes the database's default ({@code ''}), with a note, instead
 * of failing the schema. pg_dump's archives name them in the entry's tablespace field, which this
 * restore does not apply: noted as well.
 */
final class ArchiveTablespaces {
    private static final Pattern SET = Pattern.compile("(?is)^\\s*SET\\s+default_tablespace\\s*(?:=|TO)\\s*(\"(?:[^\"]|\"\")*\"|[^\\s;]+)\\s*;?\\s*$");

    private ArchiveTablespaces() {
    }

    static List<Statement> adapt(Connection admin, Archive archive, List<Statement> statements, List<String> notes)
            throws SQLException {
        Set<String> present = new HashSet<>();
        try (var st = admin.createStatement(); var rs = st.executeQuery("SELECT spcname FROM pg_catalog.pg_tablespace")) {
            while (rs.next()) {
                present.add(rs.getString(1));
            }
        }
        Map<String, Integer> missing = new TreeMap<>();
        List<Statement> out = new ArrayList<>(statements.size());
        for (Statement s : statements) {
            Matcher m = SET.matcher(s.sql());
            String ts = m.matches() ? unquote(m.group(1)) : null;
            if (ts != null && !ts.isEmpty() && !present.contains(ts)) {
                missing.merge(ts, 1, Integer::sum);
                out.add(new Statement(s.kind(), s.name(), s.section(), "SET default_tablespace = ''", s.provides(),
                        s.requires(), s.roles(), s.creates()));
            } else {
                out.add(s);
            }
        }
        missing.forEach((ts, n) -> notes.add("tablespace " + ts + " does not exist on the target: the " + n
                + (n == 1 ? " object" : " objects") + " placed there on the source were created in the target"
                + " database's default tablespace"));
        Map<String, Integer> fields = new TreeMap<>();
        for (TocEntry e : archive.entries()) {
            if (e.tablespace() != null && !e.tablespace().isEmpty()) {
                fields.merge(e.tablespace(), 1, Integer::sum);
            }
        }
        fields.forEach((ts, n) -> notes.add("tablespace " + ts + ": the " + n + (n == 1 ? " object" : " objects")
                + " the archive places there were created in the target database's default tablespace"
                + (present.contains(ts) ? " (move them with ALTER … SET TABLESPACE " + ts + " if wanted)" : "")));
        return out;
    }

    private static String unquote(String s) {
        if (s.startsWith("\"") && s.endsWith("\"") && s.length() >= 2) {
            return s.substring(1, s.length() - 1).replace("\"\"", "\"");
        }
        if (s.startsWith("'") && s.endsWith("'") && s.length() >= 2) {
            return s.substring(1, s.length() - 1);
        }
        return s.toLowerCase();
    }
}
