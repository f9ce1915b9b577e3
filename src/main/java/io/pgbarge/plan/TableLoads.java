package io.pgbarge.plan;

import io.pgbarge.ddl.Statement;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which post-data statements a small table's load step takes in (see {@link Step#load}), and the
 * foreign keys between such tables, which are added validated in one statement.
 *
 * <p>Per statement, a step costs a round trip, a transaction and a commit on the target; for a table of
 * a few hundred rows that is most of the time the statement takes. A large table keeps one step per
 * statement, so that its index builds run side by side on several workers and its foreign keys are
 * added NOT VALID and validated without blocking writes to the referenced table.
 */
final class TableLoads {
    /** Statements that touch only their own table: its indexes and the constraints built on them. */
    private static final Set<String> KINDS = Set.of("INDEX", "CONSTRAINT", "CHECK CONSTRAINT", "FK CONSTRAINT");

    private TableLoads() {
    }

    /**
     * Whether a load step may take the statement in, as far as the statement alone tells: a post-data
     * index or constraint that needs the rows of exactly one table (a self-referencing foreign key
     * included). The planner also checks it needs nothing else that runs after pre-data.
     *
     * @param isData which keys stand for a table's rows
     */
    static String onlyTable(Statement s, Predicate<String> isData) {
        if (!KINDS.contains(s.kind())) {
            return null;
        }
        List<String> data = s.requires().stream().filter(isData).toList();
        return data.size() == 1 ? data.get(0) : null;
    }

    /**
     * A validated foreign key is made of two statements, ADD … NOT VALID and VALIDATE. Between two
     * tables that are both loaded in one step each, they become one ADD (validated): the check of a few
     * hundred rows is as quick as the round trip it saves.
     *
     * @param loaded data keys of the tables loaded in one step
     * @param isData  which keys stand for a table's rows
     */
    static List<Statement> mergeForeignKeys(List<Statement> statements, Set<String> loaded, Predicate<String> isData) {
        Set<String> merged = new HashSet<>();
        for (Statement s : statements) {
            if (s.kind().equals("FK VALIDATE")) {
                List<String> data = s.requires().stream().filter(isData).toList();
                if (!data.isEmpty() && loaded.containsAll(data)) {
                    merged.add(s.name());
                }
            }
        }
        if (merged.isEmpty()) {
            return statements;
        }
        Set<String> adds = new HashSet<>();
        List<Statement> out = new ArrayList<>(statements.size());
        for (Statement s : statements) {
            if (s.kind().equals("FK CONSTRAINT") && merged.contains(s.name()) && s.sql().endsWith(" NOT VALID")) {
                adds.add(s.name());
                String sql = s.sql().substring(0, s.sql().length() - " NOT VALID".length());
                out.add(new Statement(s.kind(), s.name(), s.section(), sql, s.provides(), s.requires(), s.roles(),
                        s.creates()));
            } else {
                out.add(s);
            }
        }
        // a VALIDATE whose ADD was not found (left out for a missing role, say) stays as it was
        return out.stream().filter(s -> !(s.kind().equals("FK VALIDATE") && adds.contains(s.name()))).toList();
    }
}
