package io.pgbarge.plan;

/**
 * Data-phase work that is not a table copy: large-object contents, rows users added to extension
 * configuration tables. The executor's step runner knows what to do with each payload.
 *
 * @param description    for progress and errors
 * @param provides       the dependency key it provides (statements may wait for it), or null
 * @param estimatedBytes for scheduling
 * @param payload        what to move (e.g. a list of large-object OIDs)
 */
public record DataTask(String description, String provides, long estimatedBytes, Object payload) {
}
