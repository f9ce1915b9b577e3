package io.pgbarge.copy;

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
 */
public record CopyOptions(int jobs, boolean clean, boolean schemaOnly, boolean noOwner, boolean noPrivileges,
                          boolean analyze, boolean largeObjects) {

    public CopyOptions(int jobs, boolean clean, boolean schemaOnly, boolean noOwner, boolean noPrivileges,
                       boolean analyze) {
        this(jobs, clean, schemaOnly, noOwner, noPrivileges, analyze, true);
    }
    public static CopyOptions defaults() {
        return new CopyOptions(Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors())), false, false,
                false, false, true);
    }
}
