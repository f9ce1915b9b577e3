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
 * {@code COMMENT ON EXTENSION x} and {@code COMMENT ON SCHEMA x} need the object's owner (or a
 * superuser). On a managed target the extensions and schemas that are already there (plpgsql, the
 * provider's extensions, the {@code public} schema of a server before 15, owned by the bootstrap
 * superuser) often belong to a role the login is not a member of, so their comment statements are left
 * out with a note instead of failing the schema.
 */
public final class ExtensionComments {
    private ExtensionComments() {
    }

    /** Extensions (kind "EXTENSION") or schemas present on the target whose comment the login may not set. */
    static Set<String> notCommentable(Connection admin, String kind) throws SQLException {
        String sql = kind.equals("EXTENSION")
                ? "SELECT e.extname FROM pg_catalog.pg_extension e WHERE NOT pg_catalog.pg_has_role(current_user, e.extowner, 'MEMBER')"
                : "SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE NOT pg_catalog.pg_has_role(current_user, n.nspowner, 'MEMBER')";
        Set<String> out = new TreeSet<>();
        try (var st = admin.createStatement(); var rs = st.executeQuery(sql
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
        Set<String> extensions = notCommentable(admin, "EXTENSION");
        Set<String> schemas = notCommentable(admin, "SCHEMA");
        if (extensions.isEmpty() && schemas.isEmpty()) {
            return statements;
        }
        List<Statement> out = new ArrayList<>(statements.size());
        for (Statement s : statements) {
            String ext = commented(s, "EXTENSION", extensions);
            String schema = ext == null ? commented(s, "SCHEMA", schemas) : null;
            if (ext != null || schema != null) {
                notes.add("comment on " + (ext != null ? "extension " + ext : "schema " + schema)
                        + " left out: it exists on the target and belongs to a role the target login is not a member of");
                continue;
            }
            out.add(s);
        }
        return out;
    }

    private static String commented(Statement s, String kind, Set<String> blocked) {
        if (!s.kind().equals("COMMENT") || blocked.isEmpty()) {
            return null;
        }
        String sql = s.sql().stripLeading();
        for (String name : blocked) {
            String head = "COMMENT ON " + kind + " " + Sql.ident(name) + " IS ";
            if (sql.regionMatches(true, 0, head, 0, head.length())) {
                return name;
            }
        }
        return null;
    }
}
