package io.pgbarge.plan;

import io.pgbarge.ddl.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Roles a managed service or the server itself keeps for its own use (rds_superuser,
 * cloudsqlsuperuser, neon_superuser, pg_read_all_data, …). A grant to rds_superuser on an RDS source
 * means nothing on Neon, and the target login may not touch these roles even where they exist:
 * statements naming them are left out with a note, and they are never created.
 */
public final class ProviderRoles {
    private static final Set<String> NAMES = Set.of(
            "rdsadmin", "rds_superuser", "rds_replication", "rds_iam", "rds_password", "rdstopmgr",
            "rds_ad", "rds_extension",
            "cloudsqlsuperuser", "cloudsqladmin", "cloudsqlreplica", "cloudsqliamuser", "cloudsqliamserviceaccount",
            "cloudsqlagent", "cloudsqlimportexport", "cloudsqlobservabilityadmin",
            "azure_pg_admin", "azuresu", "azure_superuser", "azure_pg_replication",
            "cloud_admin", "neon_superuser", "neon_service",
            "supabase_admin", "supabase_auth_admin", "supabase_storage_admin", "supabase_functions_admin",
            "supabase_realtime_admin", "supabase_replication_admin", "supabase_read_only_user",
            "alloydbadmin", "alloydbsuperuser", "alloydbreplica", "alloydbiamuser");

    private ProviderRoles() {
    }

    /**
     * True for a role the server or a managed service reserves: pg_* and the providers' own. Not
     * pg_database_owner: it stands for whoever owns the database (the owner of schema public since
     * PostgreSQL 15), the same meaning on every server.
     */
    public static boolean isProviderRole(String role) {
        return (role.startsWith("pg_") && !role.equals("pg_database_owner")) || NAMES.contains(role);
    }

    /** Statements left in, and one note per provider role and statement kind for those left out. */
    public record Result(List<Statement> statements, List<String> notes) {
    }

    /**
     * @param allowed provider roles the user asked for by name (a {@code --role-map} target): kept
     */
    public static Result filter(List<Statement> statements, Set<String> allowed) {
        List<Statement> kept = new ArrayList<>(statements.size());
        Map<String, Map<String, List<String>>> left = new TreeMap<>();
        for (Statement s : statements) {
            String role = s.roles().stream().filter(r -> isProviderRole(r) && !allowed.contains(r)).sorted()
                    .findFirst().orElse(null);
            if (role == null) {
                kept.add(s);
                continue;
            }
            left.computeIfAbsent(role, r -> new TreeMap<>()).computeIfAbsent(s.kind(), k -> new ArrayList<>())
                    .add(s.name());
        }
        List<String> notes = new ArrayList<>();
        left.forEach((role, kinds) -> kinds.forEach((kind, names) -> {
            List<String> distinct = names.stream().distinct().toList();
            String shown = String.join(", ", distinct.subList(0, Math.min(4, distinct.size())))
                    + (distinct.size() > 4 ? ", … " + (distinct.size() - 4) + " more" : "");
            notes.add("role " + role + " is reserved by the server or its provider: " + names.size() + " "
                    + kind.toLowerCase() + " statement(s) naming it left out (" + shown + ")");
        }));
        return new Result(kept, notes);
    }
}
