package io.pgbarge.archive.write;

import io.pgbarge.archive.ArchiveVersion;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;

/**
 * What goes into an archive's header, and how to write the archive.
 *
 * @param databaseName    the dumped database
 * @param serverVersion   the source server's version string, e.g. {@code 15.20 (Debian 15.20-0+deb12u1)}
 * @param dumperVersion   the "pg_dump version" text of the header; {@code pgbarge} by default
 * @param createdAt       the local time of the dump's start (the header stores {@code localtime()} fields)
 * @param isDst           the header's {@code tm_isdst}
 * @param compression     data compression
 * @param version         archive version to write; null for {@link CompressionSpec#defaultVersion()}
 *                        (1.14 for none/gzip, which pg_restore 12+ reads; 1.15 for lz4/zstd)
 * @param tempDirectory   where parallel writers spool out-of-order data; null for the archive's
 *                        own directory (so that spooling does not fill a small /tmp)
 * @param spoolMemory     bytes of one entry's data kept in memory before spooling to a file
 * @param restrictKey     plain scripts: a {@code \restrict} key (psql 17.6/16.10/15.14/14.19/13.22+);
 *                        null writes no {@code \restrict} line, which every psql accepts
 * @param targetMajor     plain scripts: the major version of the server the script is for (0 = any);
 *                        17+ gets {@code SET transaction_timeout = 0;} as pg_dump 17 writes it
 * @param compressionThreads threads that compress gzip data, shared by all entries of the archive;
 *                        0 for the machine's cores; 1 compresses on the threads that write the data
 */
public record ArchiveWriteOptions(
        String databaseName,
        String serverVersion,
        String dumperVersion,
        LocalDateTime createdAt,
        int isDst,
        CompressionSpec compression,
        ArchiveVersion version,
        Path tempDirectory,
        int spoolMemory,
        String restrictKey,
        int targetMajor,
        int compressionThreads) {

    public static final String DEFAULT_DUMPER_VERSION = "pgbarge";
    public static final int DEFAULT_SPOOL_MEMORY = 4 << 20;

    public ArchiveWriteOptions {
        if (databaseName == null) {
            throw new IllegalArgumentException("databaseName is required");
        }
        if (serverVersion == null) {
            throw new IllegalArgumentException("serverVersion is required");
        }
        if (dumperVersion == null) {
            dumperVersion = DEFAULT_DUMPER_VERSION;
        }
        if (createdAt == null) {
            createdAt = LocalDateTime.now().withNano(0);
            isDst = ZonedDateTime.now().getZone().getRules().isDaylightSavings(java.time.Instant.now()) ? 1 : 0;
        }
        if (compression == null) {
            compression = CompressionSpec.NONE;
        }
        if (version == null) {
            version = compression.defaultVersion();
        }
        if (!version.isSupported()) {
            throw new IllegalArgumentException("archive version " + version + " cannot be written; pgbarge writes 1.12 to 1.16");
        }
        if (!version.isAtLeast(compression.minimumVersion())) {
            throw new IllegalArgumentException(compression.algorithm().pgName() + " compression needs archive version "
                    + compression.minimumVersion() + " or later (pg_dump 16+), not " + version);
        }
        if (spoolMemory <= 0) {
            spoolMemory = DEFAULT_SPOOL_MEMORY;
        }
        if (compressionThreads < 0) {
            throw new IllegalArgumentException("the number of compression threads must not be negative");
        }
        if (compressionThreads == 0) {
            // compression is CPU work: more threads than cores would only take turns
            compressionThreads = Runtime.getRuntime().availableProcessors();
        }
        if (restrictKey != null && !restrictKey.matches("[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("a \\restrict key must be alphanumeric");
        }
    }

    public static Builder builder(String databaseName, String serverVersion) {
        return new Builder(databaseName, serverVersion);
    }

    public ArchiveWriteOptions withCompression(CompressionSpec c) {
        return new ArchiveWriteOptions(databaseName, serverVersion, dumperVersion, createdAt, isDst, c,
                version != null && version.isAtLeast(c.minimumVersion()) ? version : null, tempDirectory, spoolMemory,
                restrictKey, targetMajor, compressionThreads);
    }

    public ArchiveWriteOptions withVersion(ArchiveVersion v) {
        return new ArchiveWriteOptions(databaseName, serverVersion, dumperVersion, createdAt, isDst, compression, v,
                tempDirectory, spoolMemory, restrictKey, targetMajor, compressionThreads);
    }

    /** A builder with defaults for everything but the database name and server version. */
    public static final class Builder {
        private final String databaseName;
        private final String serverVersion;
        private String dumperVersion = DEFAULT_DUMPER_VERSION;
        private LocalDateTime createdAt;
        private int isDst;
        private CompressionSpec compression = CompressionSpec.NONE;
        private ArchiveVersion version;
        private Path tempDirectory;
        private int spoolMemory = DEFAULT_SPOOL_MEMORY;
        private String restrictKey;
        private int targetMajor;
        private int compressionThreads;

        private Builder(String databaseName, String serverVersion) {
            this.databaseName = databaseName;
            this.serverVersion = serverVersion;
        }

        public Builder dumperVersion(String v) { this.dumperVersion = v; return this; }
        public Builder createdAt(LocalDateTime t, int isDst) { this.createdAt = t; this.isDst = isDst; return this; }
        public Builder createdAt(LocalDateTime t) { return createdAt(t, 0); }
        public Builder compression(CompressionSpec c) { this.compression = c; return this; }
        public Builder compression(String pgDumpZ) { return compression(CompressionSpec.parse(pgDumpZ)); }
        public Builder version(ArchiveVersion v) { this.version = v; return this; }
        public Builder tempDirectory(Path p) { this.tempDirectory = p; return this; }
        public Builder spoolMemory(int bytes) { this.spoolMemory = bytes; return this; }
        public Builder restrictKey(String key) { this.restrictKey = key; return this; }
        public Builder targetMajor(int major) { this.targetMajor = major; return this; }
        public Builder compressionThreads(int n) { this.compressionThreads = n; return this; }

        public ArchiveWriteOptions build() {
            return new ArchiveWriteOptions(databaseName, serverVersion, dumperVersion, createdAt, isDst, compression,
                    version, tempDirectory, spoolMemory, restrictKey, targetMajor, compressionThreads);
        }
    }
}
