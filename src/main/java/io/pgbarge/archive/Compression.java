package io.pgbarge.archive;

/**
 * The compression named in an archive header. Archives up to 1.14 store only a zlib level
 * ({@code -1} = Z_DEFAULT_COMPRESSION, 0 = none, 1–9); 1.15+ store only the algorithm, so
 * {@link #level()} is {@link #LEVEL_NOT_STORED} for them.
 */
public record Compression(CompressionAlgorithm algorithm, int level) {

    /** The level of a 1.15+ header, which does not store it. */
    public static final int LEVEL_NOT_STORED = Integer.MIN_VALUE;

    public static final Compression NONE = new Compression(CompressionAlgorithm.NONE, 0);

    public Compression {
        if (algorithm == null) {
            throw new IllegalArgumentException("algorithm is required");
        }
    }

    /** From a 1.12–1.14 header: level 0 is none, anything else gzip (zlib). */
    public static Compression ofZlibLevel(int level) {
        return level == 0 ? NONE : new Compression(CompressionAlgorithm.GZIP, level);
    }

    /** From a 1.15+ header. */
    public static Compression ofAlgorithm(CompressionAlgorithm algorithm) {
        return new Compression(algorithm, LEVEL_NOT_STORED);
    }

    public boolean isCompressed() {
        return algorithm != CompressionAlgorithm.NONE;
    }

    public boolean levelStored() {
        return level != LEVEL_NOT_STORED;
    }
}
