package io.pgbarge.archive;

/** Data compression of an archive ({@code pg_compress_algorithm}, src/include/common/compression.h). */
public enum CompressionAlgorithm {
    NONE(0, "none", ""),
    /** Custom format: a zlib (RFC 1950) stream per data block; directory: gzip files ".gz". */
    GZIP(1, "gzip", ".gz"),
    /** pg_dump 16+: LZ4 frames; directory files ".lz4". */
    LZ4(2, "lz4", ".lz4"),
    /** pg_dump 16+: zstd frames; directory files ".zst". */
    ZSTD(3, "zstd", ".zst");

    private final int code;
    private final String pgName;
    private final String fileSuffix;

    CompressionAlgorithm(int code, String pgName, String fileSuffix) {
        this.code = code;
        this.pgName = pgName;
        this.fileSuffix = fileSuffix;
    }

    /** The byte stored in 1.15+ headers. */
    public int code() {
        return code;
    }

    /** The name pg_dump uses ({@code -Z lz4:3}) and pg_restore 16+ lists. */
    public String pgName() {
        return pgName;
    }

    /** The suffix of directory-format data files compressed this way ("" for none). */
    public String fileSuffix() {
        return fileSuffix;
    }

    /** The algorithm of a 1.15+ header byte, or null when unknown. */
    public static CompressionAlgorithm ofCode(int code) {
        for (CompressionAlgorithm a : values()) {
            if (a.code == code) {
                return a;
            }
        }
        return null;
    }
}
