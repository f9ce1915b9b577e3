package io.pgbarge.plan;

import io.pgbarge.ddl.Statement;

import java.util.List;

/**
 * What a copy will do: pre-data statements in dependency order (run one after the other), then a DAG
 * of steps for the data and post-data phases, and notes on what was adapted or left out.
 */
public record Plan(List<Statement> preData, List<Step> steps, List<String> notes) {

    public long copySteps() {
        // a sliced table has several COPY steps
        return steps.stream().filter(s -> s.kind() == Step.Kind.COPY).map(s -> s.table().oid()).distinct().count();
    }
}
