package io.pgbarge.archive;

import java.time.LocalDateTime;

/**
 * The header at the start of a custom archive and of a directory or tar archive's toc.dat
 * ({@code WriteHead}/{@code ReadHead} in pg_backup_archiver.c).
 *
 * @param version       archive version, 1.12 to 1.16
 * @param intSize       bytes in a stored int (4)
 * @param offSize       bytes in a stored file offset (8)
 * @param format        the archive's real format; a directory archive's toc.dat stores the tar
 *                      code, see {@link ArchiveFormat#headerCode()}
 * @param compression   algorithm and, up to 1.14, zlib level
 * @param createdAt     the local time of the dump's start, as pg_dump's {@code localtime()} gave it
 * @param isDst         the {@code tm_isdst} stored with it (kept so a writer can round-trip it)
 * @param databaseName  the dumped database
 * @param serverVersion the server's version string, e.g. {@code 15.20 (Debian 15.20-0+deb12u1)}
 * @param pgDumpVersion the version string of the pg_dump that wrote the archive
 */
public record ArchiveHeader(
        ArchiveVersion version,
        int intSize,
        int offSize,
        ArchiveFormat format,
        Compression compression,
        LocalDateTime createdAt,
        int isDst,
        String databaseName,
        String serverVersion,
        String pgDumpVersion) {

    /** The five bytes every archive header (and toc.dat) starts with. */
    public static final String MAGIC = "PGDMP";

    public ArchiveHeader {
        if (version == null || format == null || compression == null || createdAt == null) {
            throw new IllegalArgumentException("version, format, compression and createdAt are required");
        }
    }

    /** The same header for another format (a directory archive's toc.dat read from a tar, …). */
    public ArchiveHeader withFormat(ArchiveFormat f) {
        return new ArchiveHeader(version, intSize, offSize, f, compression, createdAt, isDst, databaseName,
                serverVersion, pgDumpVersion);
    }
}
