package io.pgbarge.plan;

/**
 * Data-phase work that is not a table copy: large-object contents, rows users added to extension
 * configuration tables, a restore's TABLE DATA entries. The executor's step runner knows what to do
 * with each payload.
 *
 * @param description    for progress and errors
 * @param provides       the dependency key it provides (statements may wait for it), or null
 * @param estimatedBytes for scheduling
 * @param payload        what to move (e.g. a list of large-object OIDs)
 * @param load           for the rows of one small table: the task becomes a load step that also runs
 *                       the table's own indexes and constraints (see {@link Step#isLoad()}); null otherwise
 */
public record DataTask(String description, String provides, long estimatedBytes, Object payload, Load load) {
    public DataTask(String description, String provides, long estimatedBytes, Object payload) {
        this(description, provides, estimatedBytes, payload, null);
    }

    /**
     * @param creator the key of the statement that creates the table, when the load step may create it
     *                (see {@code LoadCreates}); null when the table must exist before the data phase
     */
    public record Load(String creator) {
    }

    /** The same task, loaded in one step (or not, for null). */
    public DataTask withLoad(Load l) {
        return new DataTask(description, provides, estimatedBytes, payload, l);
    }
}
