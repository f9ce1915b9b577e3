package io.pgbarge.dump;

import io.pgbarge.archive.write.CompressionSpec;

import java.util.Locale;

/** pg_dump's {@code -F} formats. */
public enum DumpFormat {
    CUSTOM, DIRECTORY, TAR, PLAIN;

    /** {@code c}, {@code custom}, {@code d}, {@code directory}, {@code t}, {@code tar}, {@code p}, {@code plain}. */
    public static DumpFormat parse(String s) {
        return switch (s == null ? "" : s.trim().toLowerCase(Locale.ROOT)) {
            case "c", "custom" -> CUSTOM;
            case "d", "directory" -> DIRECTORY;
            case "t", "tar" -> TAR;
            case "p", "plain" -> PLAIN;
            default -> throw new IllegalArgumentException("invalid output format \"" + s
                    + "\": use c (custom), d (directory), t (tar) or p (plain)");
        };
    }

    /** pg_dump's default compression: gzip for custom and directory archives, none otherwise. */
    public CompressionSpec defaultCompression() {
        return this == CUSTOM || this == DIRECTORY ? CompressionSpec.GZIP_DEFAULT : CompressionSpec.NONE;
    }
}
