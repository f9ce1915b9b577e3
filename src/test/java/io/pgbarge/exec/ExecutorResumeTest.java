package io.pgbarge.exec;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.ddl.Section;
import io.pgbarge.ddl.Statement;
import io.pgbarge.plan.Plan;
import io.pgbarge.plan.Planner;
import io.pgbarge.plan.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A step the journal saw start but not finish may have committed before the process died (an index
 * build goes on, and commits, after its client is killed): run again, "already exists" means done.
 * Steps the journal marks done are not run at all, and what needs them still runs.
 */
@Timeout(60)
class ExecutorResumeTest {
    @Test
    void doneStepsAreSkippedAndHalfDoneOnesThatCommittedCountAsDone() throws Exception {
        TestDb db = TestServers.newDatabase(17, "exec_resume");
        db.exec("CREATE TABLE public.x (a int, b int); CREATE INDEX x_a ON public.x (a)");
        Statement first = Statement.of("INDEX", "public.x_a", Section.POST_DATA, "CREATE INDEX x_a ON public.x (a)",
                Set.of("idx:a"), Set.of());
        Statement second = Statement.of("INDEX", "public.x_b", Section.POST_DATA, "CREATE INDEX x_b ON public.x (b)",
                Set.of("idx:b"), Set.of("idx:a"));
        Statement skipped = Statement.of("COMMENT", "public.x", Section.POST_DATA, "COMMENT ON TABLE public.x IS 'no'",
                Set.of("c"), Set.of());
        Plan plan = Planner.build(List.of(first, second, skipped), List.of(), List.of(), r -> true, true);
        List<String> notes = new ArrayList<>();
        List<String> finished = new ArrayList<>();
        StepJournal journal = new StepJournal() {
            @Override
            public boolean done(Step s) {
                return s.statement() == skipped;
            }

            @Override
            public boolean maybeDone(Step s) {
                return s.statement() == first;
            }

            @Override
            public void started(Step s) {
            }

            @Override
            public void finished(Step s) {
                finished.add(s.describe());
            }
        };
        StepRunner runner = (s, w) -> {
            try (var st = w.target().createStatement()) {
                st.execute(s.statement().sql());
            }
        };
        new Executor(2, i -> new WorkerSessions("t" + i, n -> db.connect(), SessionSetup.NONE, n -> db.connect(),
                SessionSetup.NONE), runner, 1).journal(journal).notes(notes::add).run(plan.steps());
        assertThat(finished).containsExactly("index public.x_a", "index public.x_b");
        assertThat(notes).singleElement().asString().contains("index public.x_a").contains("already done");
        assertThat(db.scalar("SELECT count(*) FROM pg_indexes WHERE tablename = 'x'")).isEqualTo("2");
        assertThat(db.scalar("SELECT obj_description('public.x'::regclass)")).as("a done step is not run").isNull();

        // without the journal's doubt the same error is a failure
        assertThatThrownBy(() -> new Executor(1, i -> new WorkerSessions("t", n -> db.connect(), SessionSetup.NONE,
                n -> db.connect(), SessionSetup.NONE), runner, 1).run(List.of(plan.steps().get(0))))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("already exists");
    }
}
