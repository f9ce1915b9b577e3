package io.pgbarge.ddl;

import io.pgbarge.catalog.DefaultPrivilege;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code ALTER DEFAULT PRIVILEGES FOR ROLE … [IN SCHEMA …] GRANT/REVOKE … ON TABLES|SEQUENCES|…}.
 * They run after everything else, as pg_dump places them, so that they do not touch the objects the
 * copy itself creates.
 */
public final class DefaultPrivilegeDdl {
    private DefaultPrivilegeDdl() {
    }

    public static List<Statement> statements(List<DefaultPrivilege> entries) {
        List<Statement> out = new ArrayList<>();
        for (DefaultPrivilege d : entries) {
            String kind = switch (d.objectType()) {
                case 'r' -> "TABLES";
                case 'S' -> "SEQUENCES";
                case 'f' -> "FUNCTIONS";
                case 'T' -> "TYPES";
                case 'n' -> "SCHEMAS";
                default -> null;
            };
            if (kind == null) {
                continue;
            }
            String prefix = "ALTER DEFAULT PRIVILEGES FOR ROLE " + Sql.ident(d.role())
                    + (d.schema() == null ? "" : " IN SCHEMA " + Sql.ident(d.schema())) + " ";
            String name = "default privileges of " + d.role() + (d.schema() == null ? "" : " in schema " + d.schema())
                    + " on " + kind.toLowerCase();
            String key = Keys.of("pg_default_acl", d.oid());
            for (Statement s : Acl.statements(kind, "", null, d.acl(), d.defaultAcl() == null ? "{}" : d.defaultAcl(), key)) {
                // Acl writes "GRANT … ON TABLES  TO …"; the object has no name here
                String sql = prefix + s.sql().replace(" ON " + kind + "  ", " ON " + kind + " ");
                Set<String> roles = new HashSet<>(s.roles());
                roles.add(d.role());
                out.add(new Statement("DEFAULT ACL", name, Section.POST_DATA, sql, Set.of(), Set.of(), roles, null));
            }
        }
        return out;
    }
}
