package io.pgbarge.archive;

/** pg_dump's archive formats that pgbarge reads ({@code ArchiveFormat} in pg_backup.h). */
public enum ArchiveFormat {
    /** -Fc: one file, header + TOC + data blocks. */
    CUSTOM(1, "CUSTOM"),
    /** -Ft: a ustar file with toc.dat, one member per data entry, restore.sql. */
    TAR(3, "TAR"),
    /** -Fd: a directory with toc.dat and one (possibly compressed) file per data entry. */
    DIRECTORY(5, "DIRECTORY");

    private final int code;
    private final String listingName;

    ArchiveFormat(int code, String listingName) {
        this.code = code;
        this.listingName = listingName;
    }

    /** The format number of pg_backup.h. */
    public int code() {
        return code;
    }

    /**
     * The format byte pg_dump writes into the header: 1 for custom, and 3 (tar) for both tar and
     * directory archives, whose toc.dat files are the same ("the directory is compatible with tar").
     */
    public int headerCode() {
        return this == CUSTOM ? CUSTOM.code : TAR.code;
    }

    /** The name in pg_restore -l's "Format:" line. */
    public String listingName() {
        return listingName;
    }

    /** The format of a header format byte, or null for a value pgbarge does not know. */
    public static ArchiveFormat ofCode(int code) {
        for (ArchiveFormat f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        return null;
    }
}
