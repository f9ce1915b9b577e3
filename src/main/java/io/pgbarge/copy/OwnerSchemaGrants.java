package io.pgbarge.copy;

import io.pgbarge.ddl.Section;
import io.pgbarge.ddl.Sql;
import io.pgbarge.ddl.Statement;
import io.pgbarge.plan.TargetRoles;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ALTER … OWNER TO r} checks, for anyone but a superuser, that r may CREATE in the object's
 * schema. A non-superuser target login handing objects to the roles it made with --create-roles (or to
 * --role-map's roles) in a schema those roles do not own — {@code public} on PostgreSQL 15 and later,
 * or a schema whose owner stays the login — would be refused. Before such an owner change the role is
 * granted CREATE on the schema (once per schema and role), and the summary says so: the grant stays, as
 * the role owns objects there.
 */
public final class OwnerSchemaGrants {
    private OwnerSchemaGrants() {
    }

    /** How statements name schemas: copy's statements and an archive's entries say it differently. */
    public interface Naming {
        /** The schema (an SQL identifier) of the object an OWNER statement hands over; null for schemas. */
        String schemaOfOwned(Statement owner);

        /** The schema (an SQL identifier) an OWNER statement hands over, or null. */
        String ownedSchema(Statement owner);

        /** The schema (an SQL identifier) the statement creates, or null. */
        String createdSchema(Statement s);
    }

    /** copy's statements: OWNER statements are named {@code TABLE app.orders}, {@code SCHEMA app}. */
    public static final Naming COPY = new Naming() {
        @Override
        public String schemaOfOwned(Statement owner) {
            return owner.name().startsWith("SCHEMA ") ? null : schemaOf(owner.name());
        }

        @Override
        public String ownedSchema(Statement owner) {
            return owner.name().startsWith("SCHEMA ") ? owner.name().substring("SCHEMA ".length()) : null;
        }

        @Override
        public String createdSchema(Statement s) {
            return s.kind().equals("SCHEMA") && s.creates() != null ? s.name() : null;
        }
    };

    public static List<Statement> add(Connection admin, List<Statement> statements, TargetRoles roles,
                                      List<String> notes) throws SQLException {
        return add(admin, statements, roles, notes, COPY);
    }

    public static List<Statement> add(Connection admin, List<Statement> statements, TargetRoles roles,
                                      List<String> notes, Naming naming) throws SQLException {
        String login;
        try (var st = admin.createStatement(); var rs = st.executeQuery(
                "SELECT current_user, rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user")) {
            rs.next();
            if (rs.getBoolean(2)) {
                return statements;
            }
            login = rs.getString(1);
        }
        Map<String, String> createdSchemas = new HashMap<>(); // identity → key, for schemas this run creates
        Map<String, String> plannedSchemaOwner = new HashMap<>(); // identity → role it is handed to
        for (Statement s : statements) {
            String created = naming.createdSchema(s);
            if (created != null && !s.provides().isEmpty()) {
                createdSchemas.put(created, s.provides().iterator().next());
            }
            String owned = s.kind().equals("OWNER") && s.roles().size() == 1 ? naming.ownedSchema(s) : null;
            if (owned != null) {
                plannedSchemaOwner.put(owned, s.roles().iterator().next());
            }
        }
        Map<String, String> grantSchema = new LinkedHashMap<>(); // grant key → schema identity
        Map<String, String> grantRole = new HashMap<>();
        Map<String, Boolean> existingCreate = new HashMap<>();
        List<Statement> out = new ArrayList<>(statements.size() + 4);
        for (Statement s : statements) {
            String role = s.kind().equals("OWNER") && s.roles().size() == 1 ? s.roles().iterator().next() : null;
            String schema = role == null ? null : naming.schemaOfOwned(s);
            if (schema == null || role.equals(login) || !roles.exists(role) || !roles.canOwn(role)
                    || role.equals(plannedSchemaOwner.get(schema))) {
                out.add(s);
                continue;
            }
            String schemaKey = createdSchemas.get(schema);
            // already allowed on the target (a schema and role both there, e.g. public before PostgreSQL 15)
            Boolean may = existingCreate.get(schema + "\u0000" + role);
            if (may == null) {
                may = mayCreate(admin, role, schema);
                existingCreate.put(schema + "\u0000" + role, may);
            }
            if (may) {
                out.add(s);
                continue;
            }
            String grantKey = "owner-schema-create:" + schema + ":" + role;
            if (!grantSchema.containsKey(grantKey)) {
                grantSchema.put(grantKey, schema);
                grantRole.put(grantKey, role);
                out.add(new Statement("ACL", "SCHEMA " + schema, Section.PRE_DATA,
                        "GRANT CREATE ON SCHEMA " + schema + " TO " + Sql.ident(role), Set.of(grantKey),
                        schemaKey == null ? Set.of() : Set.of(schemaKey), Set.of(role), null));
            }
            Set<String> req = new HashSet<>(s.requires());
            req.add(grantKey);
            out.add(new Statement(s.kind(), s.name(), s.section(), s.sql(), s.provides(), req, s.roles(), s.creates()));
        }
        grantSchema.forEach((k, schema) -> notes.add("role " + grantRole.get(k) + " was granted CREATE on schema "
                + schema + " so that it could own its objects there (only a superuser may give objects to a role"
                + " without it); revoke it if unwanted: REVOKE CREATE ON SCHEMA " + schema + " FROM "
                + Sql.ident(grantRole.get(k))));
        return out;
    }

    /**
     * The schema (as an SQL identifier) in an OWNER statement's name, {@code TABLE app.orders} →
     * {@code app}; null for objects outside schemas ({@code LARGE OBJECT 16546}, {@code PUBLICATION p}).
     * The object type is upper case, identifiers are lower case or quoted.
     */
    static String schemaOf(String name) {
        int i = 0;
        while (i < name.length() && (Character.isUpperCase(name.charAt(i)) || name.charAt(i) == ' ')) {
            i++;
        }
        int start = i;
        if (i < name.length() && name.charAt(i) == '"') {
            i++;
            while (i < name.length()) {
                if (name.charAt(i) == '"' && (i + 1 >= name.length() || name.charAt(i + 1) != '"')) {
                    break;
                }
                i += name.charAt(i) == '"' ? 2 : 1;
            }
            i++;
        } else {
            while (i < name.length() && (Character.isLetterOrDigit(name.charAt(i)) || name.charAt(i) == '_'
                    || name.charAt(i) == '$')) {
                i++;
            }
        }
        return i > start && i < name.length() && name.charAt(i) == '.' ? name.substring(start, i) : null;
    }

    private static boolean mayCreate(Connection admin, String role, String schema) throws SQLException {
        try (var ps = admin.prepareStatement("SELECT pg_catalog.has_schema_privilege(r.oid, n.oid, 'CREATE')"
                + " FROM pg_catalog.pg_roles r, pg_catalog.pg_namespace n WHERE r.rolname = ? AND n.nspname = ?")) {
            ps.setString(1, role);
            ps.setString(2, schema.startsWith("\"") ? schema.substring(1, schema.length() - 1).replace("\"\"", "\"")
                    : schema);
            try (var rs = ps.executeQuery()) {
                // a role not there yet (--create-roles makes it) has no privileges
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
