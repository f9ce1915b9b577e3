package io.pgbarge.restore;

import io.pgbarge.copy.MissingExtensions;
import io.pgbarge.plan.RoleMapping;

import java.nio.file.Path;
import java.util.List;

/**
 * What a restore does, as {@code pgbarge restore}'s flags (pg_restore's) say.
 *
 * @param jobs              parallel workers (sessions on the target) for data and post-data
 * @param clean             drop the archive's objects on the target first (-c)
 * @param ifExists          accepted for pg_restore compatibility: drops always use IF EXISTS
 * @param singleTransaction everything in one transaction on one session: all or nothing
 * @param noOwner           no ALTER … OWNER TO: objects belong to the target login
 * @param noPrivileges      no GRANT/REVOKE (ACL and DEFAULT ACL entries)
 * @param schemas           -n: only entries of these schemas (empty: all)
 * @param tables            -t: only these tables/views/sequences (by name), with their data (empty: all)
 * @param schemaOnly        no data
 * @param dataOnly          data only, into existing tables
 * @param listFile          -L: restore only the entries this list names, in its order; null for all
 * @param roleMapping       --role-map: source roles named as other roles on the target
 * @param createRoles       --create-roles: create the missing roles the entries name (NOLOGIN)
 * @param extensions        --skip-missing-extensions / --exclude-extension: extensions left out with what needs them
 */
public record RestoreOptions(int jobs, boolean clean, boolean ifExists, boolean singleTransaction, boolean noOwner,
                             boolean noPrivileges, List<String> schemas, List<String> tables, boolean schemaOnly,
                             boolean dataOnly, Path listFile, RoleMapping roleMapping, boolean createRoles,
                             MissingExtensions.Policy extensions) {

    public RestoreOptions {
        schemas = List.copyOf(schemas);
        tables = List.copyOf(tables);
        roleMapping = roleMapping == null ? RoleMapping.NONE : roleMapping;
        extensions = extensions == null ? MissingExtensions.Policy.NONE : extensions;
    }

    public RestoreOptions(int jobs, boolean clean, boolean ifExists, boolean singleTransaction, boolean noOwner,
                          boolean noPrivileges, List<String> schemas, List<String> tables, boolean schemaOnly,
                          boolean dataOnly, Path listFile, RoleMapping roleMapping, boolean createRoles) {
        this(jobs, clean, ifExists, singleTransaction, noOwner, noPrivileges, schemas, tables, schemaOnly, dataOnly,
                listFile, roleMapping, createRoles, MissingExtensions.Policy.NONE);
    }

    public RestoreOptions(int jobs, boolean clean, boolean ifExists, boolean singleTransaction, boolean noOwner,
                          boolean noPrivileges, List<String> schemas, List<String> tables, boolean schemaOnly,
                          boolean dataOnly, Path listFile) {
        this(jobs, clean, ifExists, singleTransaction, noOwner, noPrivileges, schemas, tables, schemaOnly, dataOnly,
                listFile, RoleMapping.NONE, false);
    }

    public RestoreOptions withRoles(RoleMapping mapping, boolean create) {
        return new RestoreOptions(jobs, clean, ifExists, singleTransaction, noOwner, noPrivileges, schemas, tables,
                schemaOnly, dataOnly, listFile, mapping, create, extensions);
    }

    public RestoreOptions withExtensions(MissingExtensions.Policy policy) {
        return new RestoreOptions(jobs, clean, ifExists, singleTransaction, noOwner, noPrivileges, schemas, tables,
                schemaOnly, dataOnly, listFile, roleMapping, createRoles, policy);
    }

    public static RestoreOptions defaults() {
        return new RestoreOptions(1, false, false, false, false, false, List.of(), List.of(), false, false, null);
    }

    public RestoreOptions withJobs(int n) {
        return new RestoreOptions(n, clean, ifExists, singleTransaction, noOwner, noPrivileges, schemas, tables,
                schemaOnly, dataOnly, listFile, roleMapping, createRoles, extensions);
    }

    /** The combinations pg_restore refuses, with its reasons; null when the options are consistent. */
    public String problem() {
        if (singleTransaction && jobs > 1) {
            return "cannot specify both --single-transaction and multiple jobs";
        }
        if (schemaOnly && dataOnly) {
            return "options -s/--schema-only and -a/--data-only cannot be used together";
        }
        if (clean && dataOnly) {
            return "options -c/--clean and -a/--data-only cannot be used together";
        }
        if (ifExists && !clean) {
            return "option --if-exists requires option -c/--clean";
        }
        if (jobs < 1 || jobs > 256) {
            return "--jobs must be between 1 and 256, got " + jobs;
        }
        return null;
    }
}
