package io.pgbarge.copy;

import io.pgbarge.ddl.Statement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ALTER ROLE r IN DATABASE … SET}: a superuser may set anyone's defaults, a login only its own,
 * and a CREATEROLE login those of roles that are not superusers (from PostgreSQL 16 on, only of roles
 * it holds with ADMIN OPTION, as it does those it created). Decided after --role-map renamed the roles,
 * so that a setting of a role mapped onto the login (or onto a role it administers) is kept. Roles not
 * on the target yet are left to the planner (missing: noted) or to --create-roles (made by the login,
 * which may then set their defaults).
 */
public final class RoleSettings {
    private RoleSettings() {
    }

    public static List<Statement> filter(Connection admin, List<Statement> statements, List<String> notes)
            throws SQLException {
        if (statements.stream().noneMatch(s -> s.kind().equals("ROLE SETTING"))) {
            return statements;
        }
        List<Statement> out = new ArrayList<>(statements.size());
        for (Statement s : statements) {
            if (!s.kind().equals("ROLE SETTING") || s.roles().size() != 1) {
                out.add(s);
                continue;
            }
            String role = s.roles().iterator().next();
            if (maySet(admin, role)) {
                out.add(s);
            } else {
                notes.add("setting for role " + role + " left out: setting another role's defaults needs a superuser,"
                        + " or CREATEROLE (from PostgreSQL 16 on with ADMIN OPTION on that role), on the target;"
                        + " run it by hand: " + s.sql());
            }
        }
        return out;
    }

    private static boolean maySet(Connection admin, String role) throws SQLException {
        try (var ps = admin.prepareStatement("SELECT me.rolsuper OR me.rolname = r.rolname"
                + " OR (me.rolcreaterole AND NOT r.rolsuper AND (current_setting('server_version_num')::int < 160000"
                + "     OR pg_catalog.pg_has_role(me.oid, r.oid, 'MEMBER WITH ADMIN OPTION')))"
                + " FROM pg_catalog.pg_roles me LEFT JOIN pg_catalog.pg_roles r ON r.rolname = ?"
                + " WHERE me.rolname = current_user")) {
            ps.setString(1, role);
            try (var rs = ps.executeQuery()) {
                rs.next();
                boolean may = rs.getBoolean(1);
                // null: the role is not there (yet): the planner or --create-roles decides
                return may || rs.wasNull();
            }
        }
    }
}
