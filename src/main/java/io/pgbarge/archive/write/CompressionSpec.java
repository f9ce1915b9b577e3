package io.pgbarge.archive.write;

import io.pgbarge.archive.ArchiveVersion;
import io.pgbarge.archive.Compression;
import io.pgbarge.archive.CompressionAlgorithm;

import java.util.Locale;

/**
 * How to compress an archive's data, in the forms of pg_dump's {@code -Z}: {@code 6} (gzip level 6),
 * {@code 0} or {@code none}, {@code gzip}, {@code gzip:6}, {@code lz4:3}, {@code zstd:9},
 * {@code zstd:level=19,workers=4,long}.
 *
 * @param algorithm  none, gzip (zlib), lz4 or zstd
 * @param level      the level; {@link #DEFAULT_LEVEL} for the algorithm's default
 *                   (zlib's Z_DEFAULT_COMPRESSION, lz4's fast mode, zstd's 3)
 * @param workers    zstd worker threads (0 = none)
 * @param longMode   zstd long-distance matching
 */
public record CompressionSpec(CompressionAlgorithm algorithm, int level, int workers, boolean longMode) {

    /** The level meaning "the algorithm's default" (zlib's Z_DEFAULT_COMPRESSION, lz4 fast, zstd 3). */
    public static final int DEFAULT_LEVEL = Integer.MIN_VALUE;

    public static final CompressionSpec NONE = new CompressionSpec(CompressionAlgorithm.NONE, 0, 0, false);
    /** gzip at zlib's default level, what pg_dump -Fc and -Fd use without -Z. */
    public static final CompressionSpec GZIP_DEFAULT = new CompressionSpec(CompressionAlgorithm.GZIP, DEFAULT_LEVEL, 0, false);

    private static final int ZSTD_MIN = -131072;
    private static final int ZSTD_MAX = 22;

    public CompressionSpec {
        if (algorithm == CompressionAlgorithm.GZIP && level == -1) {
            level = DEFAULT_LEVEL; // Z_DEFAULT_COMPRESSION
        }
        if (algorithm == null) {
            throw new IllegalArgumentException("compression algorithm is required");
        }
        String err = check(algorithm, level, workers, longMode);
        if (err != null) {
            throw new IllegalArgumentException(err);
        }
    }

    public static CompressionSpec gzip(int level) {
        return new CompressionSpec(CompressionAlgorithm.GZIP, level, 0, false);
    }

    public static CompressionSpec lz4(int level) {
        return new CompressionSpec(CompressionAlgorithm.LZ4, level, 0, false);
    }

    public static CompressionSpec zstd(int level) {
        return new CompressionSpec(CompressionAlgorithm.ZSTD, level, 0, false);
    }

    public static CompressionSpec of(CompressionAlgorithm algorithm) {
        return algorithm == CompressionAlgorithm.NONE ? NONE
                : new CompressionSpec(algorithm, DEFAULT_LEVEL, 0, false);
    }

    /**
     * Parses pg_dump's {@code -Z} value.
     *
     * @throws IllegalArgumentException with a message that names the bad value and the valid forms
     */
    public static CompressionSpec parse(String value) {
        if (value == null || value.isBlank()) {
            throw bad(value, "empty value");
        }
        String v = value.trim();
        if (isInteger(v)) {
            int n = parseInt(v, value);
            if (n == 0) {
                return NONE;
            }
            if (n < 1 || n > 9) {
                throw bad(value, "a plain number is a gzip level and must be between 0 and 9");
            }
            return gzip(n);
        }
        int colon = v.indexOf(':');
        String name = (colon < 0 ? v : v.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
        String detail = colon < 0 ? null : v.substring(colon + 1).trim();
        CompressionAlgorithm algorithm = switch (name) {
            case "none" -> CompressionAlgorithm.NONE;
            case "gzip" -> CompressionAlgorithm.GZIP;
            case "lz4" -> CompressionAlgorithm.LZ4;
            case "zstd" -> CompressionAlgorithm.ZSTD;
            default -> throw bad(value, "unknown compression algorithm \"" + name + "\"");
        };
        int level = algorithm == CompressionAlgorithm.NONE ? 0 : DEFAULT_LEVEL;
        int workers = 0;
        boolean longMode = false;
        boolean levelGiven = false;
        if (detail != null && !detail.isEmpty()) {
            if (isInteger(detail)) {
                level = parseInt(detail, value);
                levelGiven = true;
            } else {
                for (String part : detail.split(",")) {
                    String p = part.trim();
                    if (p.isEmpty()) {
                        throw bad(value, "empty compression option");
                    }
                    int eq = p.indexOf('=');
                    String key = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
                    String val = eq < 0 ? null : p.substring(eq + 1).trim();
                    switch (key) {
                        case "level" -> {
                            if (val == null || !isInteger(val)) {
                                throw bad(value, "compression option \"level\" requires an integer value");
                            }
                            level = parseInt(val, value);
                            levelGiven = true;
                        }
                        case "workers" -> {
                            if (val == null || !isInteger(val)) {
                                throw bad(value, "compression option \"workers\" requires an integer value");
                            }
                            workers = parseInt(val, value);
                        }
                        case "long" -> longMode = parseBool(val, value);
                        default -> throw bad(value, "unrecognized compression option \"" + key + "\"");
                    }
                }
            }
        }
        if (algorithm == CompressionAlgorithm.NONE && levelGiven && level != 0) {
            throw bad(value, "compression algorithm \"none\" does not accept a compression level");
        }
        String err = check(algorithm, level, workers, longMode);
        if (err != null) {
            throw bad(value, err);
        }
        return new CompressionSpec(algorithm, level, workers, longMode);
    }

    private static String check(CompressionAlgorithm a, int level, int workers, boolean longMode) {
        if (workers != 0 && a != CompressionAlgorithm.ZSTD) {
            return "compression algorithm \"" + a.pgName() + "\" does not accept a worker count";
        }
        if (workers < 0) {
            return "the number of zstd workers must not be negative";
        }
        if (longMode && a != CompressionAlgorithm.ZSTD) {
            return "compression algorithm \"" + a.pgName() + "\" does not support long-distance mode";
        }
        return switch (a) {
            case NONE -> level == 0 ? null : "compression algorithm \"none\" does not accept a compression level";
            case GZIP -> level == DEFAULT_LEVEL || level == -1 || (level >= 1 && level <= 9) ? null
                    : "compression algorithm \"gzip\" expects a compression level between 1 and 9";
            case LZ4 -> level == DEFAULT_LEVEL || (level >= 1 && level <= 12) ? null
                    : "compression algorithm \"lz4\" expects a compression level between 1 and 12";
            case ZSTD -> level == DEFAULT_LEVEL || (level >= ZSTD_MIN && level <= ZSTD_MAX && level != 0) ? null
                    : "compression algorithm \"zstd\" expects a compression level between " + ZSTD_MIN + " and "
                    + ZSTD_MAX + " (0 is not a level)";
        };
    }

    private static boolean isInteger(String s) {
        return s.matches("[+-]?\\d+");
    }

    private static int parseInt(String s, String whole) {
        try {
            return Integer.parseInt(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            throw bad(whole, "number out of range: " + s);
        }
    }

    private static boolean parseBool(String val, String whole) {
        if (val == null) {
            return true;
        }
        return switch (val.toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "1" -> true;
            case "off", "false", "no", "0" -> false;
            default -> throw bad(whole, "compression option \"long\" requires a Boolean value");
        };
    }

    private static IllegalArgumentException bad(String value, String why) {
        return new IllegalArgumentException("invalid compression specification \"" + value + "\": " + why
                + "; expected a level 0-9 (gzip), or none, gzip[:1-9], lz4[:1-12], zstd[:level][,workers=N][,long]");
    }

    public boolean isCompressed() {
        return algorithm != CompressionAlgorithm.NONE;
    }

    /** Whether the level is the algorithm's default. */
    public boolean isDefaultLevel() {
        return level == DEFAULT_LEVEL;
    }

    /** The zlib level for {@link java.util.zip.Deflater} and the 1.12–1.14 header: -1 for the default. */
    int zlibLevel() {
        return level == DEFAULT_LEVEL ? -1 : level;
    }

    /**
     * The oldest archive version that can hold this compression: 1.15 for lz4 and zstd (pg_dump 16),
     * else 1.12.
     */
    public ArchiveVersion minimumVersion() {
        return algorithm == CompressionAlgorithm.LZ4 || algorithm == CompressionAlgorithm.ZSTD
                ? ArchiveVersion.V1_15 : ArchiveVersion.V1_12;
    }

    /**
     * The version pgbarge writes by default: 1.14 (pg_dump 12–15; pg_restore 12 and later read it)
     * for none and gzip, 1.15 (pg_dump 16; pg_restore 16 and later) for lz4 and zstd.
     */
    public ArchiveVersion defaultVersion() {
        return minimumVersion().isAtLeast(ArchiveVersion.V1_15) ? ArchiveVersion.V1_15 : ArchiveVersion.V1_14;
    }

    /** What the archive header says about this compression in the given version. */
    public Compression headerCompression(ArchiveVersion version) {
        if (version.isAtLeast(ArchiveVersion.V1_15)) {
            return Compression.ofAlgorithm(algorithm);
        }
        if (algorithm == CompressionAlgorithm.NONE) {
            return Compression.NONE;
        }
        if (algorithm != CompressionAlgorithm.GZIP) {
            throw new IllegalArgumentException(algorithm.pgName() + " compression needs archive version 1.15 or later, not "
                    + version);
        }
        return new Compression(CompressionAlgorithm.GZIP, zlibLevel());
    }

    /** pg_dump's spelling: {@code none}, {@code gzip}, {@code gzip:6}, {@code zstd:level=19,workers=2,long}. */
    @Override
    public String toString() {
        if (algorithm == CompressionAlgorithm.NONE) {
            return "none";
        }
        if (workers == 0 && !longMode) {
            return level == DEFAULT_LEVEL ? algorithm.pgName() : algorithm.pgName() + ":" + level;
        }
        StringBuilder sb = new StringBuilder(algorithm.pgName()).append(':');
        String sep = "";
        if (level != DEFAULT_LEVEL) {
            sb.append("level=").append(level);
            sep = ",";
        }
        if (workers != 0) {
            sb.append(sep).append("workers=").append(workers);
            sep = ",";
        }
        if (longMode) {
            sb.append(sep).append("long");
        }
        return sb.toString();
    }
}
