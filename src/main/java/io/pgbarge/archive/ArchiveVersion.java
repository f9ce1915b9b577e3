package io.pgbarge.archive;

/**
 * The archive version in a pg_dump header ({@code K_VERS_MAJOR.MINOR-REV}). pgbarge reads 1.12 to
 * 1.16: 1.12 (pg_dump 9.0+), 1.13 (search_path entry), 1.14 (tableam, pg_dump 12–15),
 * 1.15 (compression algorithm in the header, pg_dump 16), 1.16 (relkind, BLOB METADATA, pg_dump 17+).
 */
public record ArchiveVersion(int major, int minor, int rev) implements Comparable<ArchiveVersion> {

    public static final ArchiveVersion V1_12 = new ArchiveVersion(1, 12, 0);
    public static final ArchiveVersion V1_13 = new ArchiveVersion(1, 13, 0);
    public static final ArchiveVersion V1_14 = new ArchiveVersion(1, 14, 0);
    public static final ArchiveVersion V1_15 = new ArchiveVersion(1, 15, 0);
    public static final ArchiveVersion V1_16 = new ArchiveVersion(1, 16, 0);

    /** The oldest version pgbarge reads. */
    public static final ArchiveVersion OLDEST_SUPPORTED = V1_12;
    /** The newest version pgbarge reads (any revision of it). */
    public static final ArchiveVersion NEWEST_SUPPORTED = new ArchiveVersion(1, 16, 255);

    public ArchiveVersion {
        if (major < 0 || major > 255 || minor < 0 || minor > 255 || rev < 0 || rev > 255) {
            throw new IllegalArgumentException("archive version parts are bytes: " + major + "." + minor + "-" + rev);
        }
    }

    /** {@code MAKE_ARCHIVE_VERSION}: (maj*256+min)*256+rev. */
    public int code() {
        return (major * 256 + minor) * 256 + rev;
    }

    public boolean isAtLeast(ArchiveVersion other) {
        return code() >= other.code();
    }

    public boolean isSupported() {
        return code() >= OLDEST_SUPPORTED.code() && code() <= NEWEST_SUPPORTED.code();
    }

    @Override
    public int compareTo(ArchiveVersion o) {
        return Integer.compare(code(), o.code());
    }

    /** As pg_restore -l shows it: {@code 1.14-0}. */
    @Override
    public String toString() {
        return major + "." + minor + "-" + rev;
    }
}
