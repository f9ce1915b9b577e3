package io.pgbarge.copy;

import io.pgbarge.ddl.Sql;
import io.pgbarge.ddl.Statement;
import io.pgbarge.plan.ProviderRoles;
import io.pgbarge.plan.TargetRoles;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --create-roles}: the roles the statements name that the target lacks, created before the
 * schema as {@code CREATE ROLE x NOLOGIN} (no password, no attributes), when the target login may
 * create roles (superuser or CREATEROLE). A login that is not a superuser is then made a member of
 * each, so that it may hand objects to them. Roles reserved by the server or a provider are never
 * created.
 */
public final class RoleCreation {
    private final List<String> missing;
    private final boolean allowed;
    private final boolean superuser;
    private final Set<String> existing;
    private final Set<String> ownable;

    private RoleCreation(List<String> missing, boolean allowed, boolean superuser, Set<String> existing,
                         Set<String> ownable) {
        this.missing = missing;
        this.allowed = allowed;
        this.superuser = superuser;
        this.existing = existing;
        this.ownable = ownable;
    }

    /** Reads the target's roles and what the login may do; finds the roles to create. */
    public static RoleCreation plan(Connection admin, List<Statement> statements, boolean createRoles)
            throws SQLException {
        Set<String> existing = new HashSet<>();
        Set<String> ownable = new HashSet<>();
        boolean superuser;
        boolean createrole;
        try (var st = admin.createStatement(); var rs = st.executeQuery("SELECT rolsuper, rolcreaterole"
                + " FROM pg_catalog.pg_roles WHERE rolname = current_user")) {
            rs.next();
            superuser = rs.getBoolean(1);
            createrole = rs.getBoolean(2);
        }
        try (var st = admin.createStatement(); var rs = st.executeQuery("SELECT rolname,"
                + " pg_catalog.pg_has_role(current_user, oid, 'MEMBER') FROM pg_catalog.pg_roles")) {
            while (rs.next()) {
                existing.add(rs.getString(1));
                if (superuser || rs.getBoolean(2)) {
                    ownable.add(rs.getString(1));
                }
            }
        }
        Set<String> missing = new TreeSet<>();
        if (createRoles) {
            for (Statement s : statements) {
                for (String r : s.roles()) {
                    if (!existing.contains(r) && !ProviderRoles.isProviderRole(r)) {
                        missing.add(r);
                    }
                }
            }
        }
        return new RoleCreation(List.copyOf(missing), superuser || createrole, superuser, existing, ownable);
    }

    /** The target's roles as the planner sees them, counting those this will create. */
    public TargetRoles roles() {
        Set<String> willExist = new HashSet<>(existing);
        Set<String> willOwn = new HashSet<>(ownable);
        if (allowed) {
            willExist.addAll(missing);
            willOwn.addAll(missing);
        }
        return TargetRoles.of(willExist::contains, willOwn::contains);
    }

    /** The roles to create (empty without --create-roles or when none is missing). */
    public List<String> missing() {
        return missing;
    }

    /**
     * Creates the missing roles (each in its own statement, autocommit), or explains why not.
     *
     * @return notes for the summary
     */
    public List<String> create(Connection admin) throws SQLException {
        List<String> notes = new ArrayList<>();
        if (missing.isEmpty()) {
            return notes;
        }
        if (!allowed) {
            notes.add("--create-roles: the target login may not create roles (it is neither a superuser nor has"
                    + " CREATEROLE); " + missing.size() + " missing role(s) not created: " + shown(missing));
            return notes;
        }
        boolean auto = admin.getAutoCommit();
        admin.setAutoCommit(true);
        try (var st = admin.createStatement()) {
            for (String r : missing) {
                st.execute("CREATE ROLE " + Sql.ident(r) + " NOLOGIN");
                if (!superuser) {
                    st.execute("GRANT " + Sql.ident(r) + " TO CURRENT_USER");
                }
            }
        } finally {
            admin.setAutoCommit(auto);
        }
        notes.add("--create-roles: created " + missing.size() + " role(s) on the target as NOLOGIN, without"
                + " password or attributes: " + shown(missing));
        return notes;
    }

    private static String shown(List<String> roles) {
        return String.join(", ", roles.subList(0, Math.min(10, roles.size())))
                + (roles.size() > 10 ? ", … " + (roles.size() - 10) + " more" : "");
    }
}
