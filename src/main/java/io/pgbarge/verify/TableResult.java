package io.pgbarge.verify;

import java.util.Objects;

/**
 * One relation's rows on both sides.
 *
 * @param kind            "table" or "materialized view"
 * @param name            the qualified name, quoted as SQL
 * @param sourceRows      row count on the source, null when it could not be read
 * @param targetRows      row count on the target, null when it could not be read
 * @param sourceChecksum  content checksum on the source ({@link TableChecksum}), null when not read
 * @param targetChecksum  content checksum on the target, null when not read
 * @param problem         why a side could not be read (e.g. "missing on target", a server error), else null
 */
public record TableResult(String kind, String name, Long sourceRows, Long targetRows, String sourceChecksum,
                          String targetChecksum, String problem) {

    public boolean equal() {
        return problem == null && Objects.equals(sourceRows, targetRows)
                && Objects.equals(sourceChecksum, targetChecksum);
    }

    public boolean rowsEqual() {
        return sourceRows != null && sourceRows.equals(targetRows);
    }

    public boolean checksumEqual() {
        return Objects.equals(sourceChecksum, targetChecksum);
    }
}
