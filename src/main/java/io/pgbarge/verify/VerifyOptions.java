package io.pgbarge.verify;

/**
 * What {@code pgbarge verify} compares and how.
 *
 * @param jobs   relations checksummed at a time, and sessions per server
 * @param schema compare the schemas object by object
 * @param data   compare row counts, checksums and sequence values
 */
public record VerifyOptions(int jobs, boolean schema, boolean data) {
    public VerifyOptions {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
        }
        if (!schema && !data) {
            throw new IllegalArgumentException("nothing to verify: neither schema nor data");
        }
    }

    public static VerifyOptions defaults() {
        return new VerifyOptions(4, true, true);
    }

    public VerifyOptions withJobs(int n) {
        return new VerifyOptions(n, schema, data);
    }
}
