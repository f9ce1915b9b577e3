package io.pgbarge.ddl;

import io.pgbarge.catalog.Tablespace;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which TABLESPACE clauses to keep: those naming a tablespace the target has. pgbarge never creates
 * tablespaces (that takes a superuser and a directory on the target's machine, and managed servers
 * offer none), so an object in any other tablespace goes to the target database's default one.
 */
public final class TablespacePolicy {
    private final Set<String> onTarget;

    private TablespacePolicy(Set<String> onTarget) {
        this.onTarget = Set.copyOf(onTarget);
    }

    public static TablespacePolicy of(Collection<String> targetTablespaces) {
        return new TablespacePolicy(new HashSet<>(targetTablespaces));
    }

    /** The tablespaces of the target server. */
    public static TablespacePolicy read(Connection target) throws SQLException {
        Set<String> names = new HashSet<>();
        try (var st = target.createStatement();
             var rs = st.executeQuery("SELECT spcname FROM pg_catalog.pg_tablespace")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return new TablespacePolicy(names);
    }

    /** Whether a clause naming this tablespace can stay; null or empty means none was named. */
    public boolean keeps(String tablespace) {
        return tablespace == null || tablespace.isEmpty() || onTarget.contains(tablespace);
    }

    /** {@code " TABLESPACE name"} when the target has it, else "" (the database's default). */
    public String clause(String tablespace) {
        if (tablespace == null || tablespace.isEmpty() || !onTarget.contains(tablespace)) {
            return "";
        }
        return " TABLESPACE " + Sql.ident(tablespace);
    }

    /** One note per tablespace of the source that the target lacks. */
    public List<String> notes(List<Tablespace> used) {
        List<String> notes = new ArrayList<>();
        for (Tablespace t : used) {
            if (onTarget.contains(t.name())) {
                continue;
            }
            String what = t.databaseDefault() ? "the source database's default tablespace " : "tablespace ";
            notes.add(what + Sql.ident(t.name()) + " (" + t.location() + ") does not exist on the target: its"
                    + " objects are created in the target database's default tablespace");
        }
        return notes;
    }
}
