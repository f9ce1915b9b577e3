package io.pgbarge.copy;

import io.pgbarge.ddl.Sql;
import io.pgbarge.ddl.Statement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code COMMENT ON EXTENSION x} needs the extension's owner (or a superuser). On a managed target the
 * extensions that are already there (plpgsql, or those the provider installs) often belong to the
 * provider's role, so their comment statements are left out with a note instead of failing the schema.
 */
public final class ExtensionComments {
    private ExtensionComments() {
    }

    /** Extensions present on the target whose comment the target login may not set. */
    static Set<String> notCommentable(Connection admin) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (var st = admin.createStatement(); var rs = st.executeQuery("SELECT e.extname FROM pg_catalog.pg_extension e"
                + " WHERE NOT pg_catalog.pg_has_role(current_user, e.extowner, 'MEMBER')"
                + " AND NOT (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user)")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** The statements without the comments the login may not set; a note for each left out goes to notes. */
    public static List<Statement> filter(Connection admin, List<Statement> statements, List<String> notes)
            throws SQLException {
        Set<String> blocked = notCommentable(admin);
        if (blocked.isEmpty()) {
            return statements;
        }
        List<Statement> out = new ArrayList<>(statements.size());
        for (Statement s : statements) {
            String ext = commentedExtension(s, blocked);
            if (ext != null) {
                notes.add("comment on extension " + ext + " left out: the extension exists on the target and"
                        + " belongs to a role the target login is not a member of");
                continue;
            }
            out.add(s);
        }
        return out;
    }

    private static String commentedExtension(Statement s, Set<String> blocked) {
        if (!s.kind().equals("COMMENT")) {
            return null;
        }
        String sql = s.sql().stripLeading();
        for (String ext : blocked) {
            String head = "COMMENT ON EXTENSION " + Sql.ident(ext) + " IS ";
            if (sql.regionMatches(true, 0, head, 0, head.length())) {
                return ext;
            }
        }
        return null;
    }
}
