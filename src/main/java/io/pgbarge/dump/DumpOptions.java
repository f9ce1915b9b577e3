package io.pgbarge.dump;

import io.pgbarge.archive.write.CompressionSpec;
import io.pgbarge.select.TableFilter;

import java.nio.file.Path;

/**
 * What {@code pgbarge dump} writes, and how.
 *
 * @param format       archive format
 * @param path         the file (custom, tar, plain) or directory (directory format); null writes a
 *                     plain script to standard output
 * @param compression  null for the format's default (gzip for custom and directory, none otherwise)
 * @param jobs         tables dumped at a time (source sessions), in every format
 * @param schemaOnly   no data: no TABLE DATA, SEQUENCE SET or large objects
 * @param dataOnly     only data: TABLE DATA, SEQUENCE SET and large objects
 * @param noOwner      empty owner fields (pg_restore then sets no owners)
 * @param noPrivileges no ACL / DEFAULT ACL entries
 * @param filter       -n/-N/-t/-T/--exclude-table-data
 */
public record DumpOptions(DumpFormat format, Path path, CompressionSpec compression, int jobs, boolean schemaOnly,
                          boolean dataOnly, boolean noOwner, boolean noPrivileges, TableFilter filter) {

    public DumpOptions {
        if (format == null) {
            format = DumpFormat.CUSTOM;
        }
        if (compression == null) {
            compression = format.defaultCompression();
        }
        if (filter == null) {
            filter = TableFilter.ALL;
        }
        if (jobs < 1) {
            jobs = 1;
        }
        if (schemaOnly && dataOnly) {
            throw new IllegalArgumentException("options -s/--schema-only and -a/--data-only cannot be used together");
        }
        if (path == null && format != DumpFormat.PLAIN) {
            throw new IllegalArgumentException("the " + format.name().toLowerCase() + " format needs an output "
                    + (format == DumpFormat.DIRECTORY ? "directory" : "file") + ": -f PATH");
        }
    }

    /** A custom-format dump of everything to {@code path}, one table at a time. */
    public static DumpOptions custom(Path path) {
        return new DumpOptions(DumpFormat.CUSTOM, path, null, 1, false, false, false, false, TableFilter.ALL);
    }

    public DumpOptions withFormat(DumpFormat f, Path p) {
        return new DumpOptions(f, p, null, jobs, schemaOnly, dataOnly, noOwner, noPrivileges, filter);
    }

    public DumpOptions withCompression(CompressionSpec c) {
        return new DumpOptions(format, path, c, jobs, schemaOnly, dataOnly, noOwner, noPrivileges, filter);
    }

    public DumpOptions withJobs(int j) {
        return new DumpOptions(format, path, compression, j, schemaOnly, dataOnly, noOwner, noPrivileges, filter);
    }

    public DumpOptions withFilter(TableFilter f) {
        return new DumpOptions(format, path, compression, jobs, schemaOnly, dataOnly, noOwner, noPrivileges, f);
    }

    public DumpOptions withFlags(boolean schemaOnly, boolean dataOnly, boolean noOwner, boolean noPrivileges) {
        return new DumpOptions(format, path, compression, jobs, schemaOnly, dataOnly, noOwner, noPrivileges, filter);
    }
}
