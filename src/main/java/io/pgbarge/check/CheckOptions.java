package io.pgbarge.check;

import java.util.List;

/**
 * What the copy to be checked would be like, and what the connections were meant to be.
 *
 * @param jobs                  the copy's --jobs: N sessions on each server, plus one more on each
 * @param sourceHosts           host names of the source connection string (for the pooler rule); may be empty
 * @param targetHosts           host names of the target connection string; may be empty
 * @param sourceApplicationName the application_name the source session was opened with, or null
 * @param targetApplicationName the application_name the target session was opened with, or null
 */
public record CheckOptions(int jobs, List<Endpoint> sourceHosts, List<Endpoint> targetHosts,
                           String sourceApplicationName, String targetApplicationName) {
    public CheckOptions {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
        }
        sourceHosts = sourceHosts == null ? List.of() : List.copyOf(sourceHosts);
        targetHosts = targetHosts == null ? List.of() : List.copyOf(targetHosts);
    }

    /** A check of a copy with N jobs, host names unknown. */
    public static CheckOptions jobs(int jobs) {
        return new CheckOptions(jobs, List.of(), List.of(), null, null);
    }

    /** A host and port as the connection string named them. */
    public record Endpoint(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }
}
