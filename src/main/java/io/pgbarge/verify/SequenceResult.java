package io.pgbarge.verify;

import java.util.Objects;

/**
 * One sequence's state on both sides (identity columns' sequences included).
 *
 * @param name            the qualified sequence name, quoted as SQL
 * @param sourceLastValue last_value on the source
 * @param sourceIsCalled  is_called on the source
 * @param targetLastValue last_value on the target, null when it could not be read
 * @param targetIsCalled  is_called on the target, null when it could not be read
 * @param problem         why the target could not be read (e.g. "missing on target"), else null
 */
public record SequenceResult(String name, long sourceLastValue, boolean sourceIsCalled, Long targetLastValue,
                             Boolean targetIsCalled, String problem) {

    public boolean equal() {
        return problem == null && Objects.equals(sourceLastValue, targetLastValue)
                && Objects.equals(sourceIsCalled, targetIsCalled);
    }
}
