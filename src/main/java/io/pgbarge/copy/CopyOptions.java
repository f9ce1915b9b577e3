package io.pgbarge.copy;

import io.pgbarge.plan.RoleMapping;

import java.util.Objects;

/**
 * What a copy does, as the CLI's flags say.
 *
 * @param jobs         parallel workers (sessions on each server)
 * @param clean        drop the objects the copy creates when the target already has them
 * @param schemaOnly   create the objects only, no rows
 * @param noOwner      leave every object owned by the target login
 * @param noPrivileges copy no GRANTs
 * @param analyze      ANALYZE each table after its load
 * @param largeObjects copy large objects (metadata and contents)
 * @param roleMapping  --role-map: source roles named as other roles on the target
 * @param createRoles  --create-roles: create the missing roles the statements name (NOLOGIN)
 * @param selection    -n/-N/-t/-T/--exclude-table-data, --data-only, --with-dependencies
 * @param extensions   --skip-missing-extensions / --exclude-extension: extensions left out with what needs them
 */
public record CopyOptions(int jobs, boolean clean, boolean schemaOnly, boolean noOwner, boolean noPrivileges,
                          boolean analyze, boolean largeObjects, RoleMapping roleMapping, boolean createRoles,
                          TableSelection selection, MissingExtensions.Policy extensions) {

    public CopyOptions {
        Objects.requireNonNull(roleMapping);
        Objects.requireNonNull(selection);
        Objects.requireNonNull(extensions);
    }

    public CopyOptions(int jobs, boolean clean, boolean schemaOnly, boolean noOwner, boolean noPrivileges,
                       boolean analyze, boolean largeObjects, RoleMapping roleMapping, boolean createRoles) {
        this(jobs, clean, schemaOnly, noOwner, noPrivileges, analyze, largeObjects, roleMapping, createRoles,
                TableSelection.ALL, MissingExtensions.Policy.NONE);
    }

    public CopyOptions(int jobs, boolean clean, boolean schemaOnly, boolean noOwner, boolean noPrivileges,
                       boolean analyze, boolean largeObjects) {
        this(jobs, clean, schemaOnly, noOwner, noPrivileges, analyze, largeObjects, RoleMapping.NONE, false);
    }

    public CopyOptions(int jobs, boolean clean, boolean schemaOnly, boolean noOwner, boolean noPrivileges,
                       boolean analyze) {
        this(jobs, clean, schemaOnly, noOwner, noPrivileges, analyze, true);
    }

    public static CopyOptions defaults() {
        return new CopyOptions(Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors())), false, false,
                false, false, true);
    }

    /** The options that decide what the plan holds, for the journal: a resume must not change them. */
    public String planShape() {
        return (schemaOnly ? "schema-only " : "") + (noOwner ? "no-owner " : "") + (noPrivileges ? "no-privileges " : "")
                + (analyze ? "" : "no-analyze ") + (largeObjects ? "" : "no-large-objects ")
                + (createRoles ? "create-roles " : "") + "role-map-to=" + new java.util.TreeSet<>(roleMapping.targets());
    }

    public CopyOptions withRoles(RoleMapping mapping, boolean create) {
        return new CopyOptions(jobs, clean, schemaOnly, noOwner, noPrivileges, analyze, largeObjects, mapping, create,
                selection, extensions);
    }

    public CopyOptions withSelection(TableSelection s) {
        return new CopyOptions(jobs, clean, schemaOnly, noOwner, noPrivileges, analyze, largeObjects, roleMapping,
                createRoles, s, extensions);
    }

    public CopyOptions withExtensions(MissingExtensions.Policy policy) {
        return new CopyOptions(jobs, clean, schemaOnly, noOwner, noPrivileges, analyze, largeObjects, roleMapping,
                createRoles, selection, policy);
    }
}
