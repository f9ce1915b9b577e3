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

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Done lines are forced to disk several at a time, off the workers: a step that needs another starts
 * only after a force that covered the other's line, and independent steps do not wait for forces.
 */
@Timeout(60)
class JournalFlusherTest {
    /** A journal that logs what happens to it; each force takes a while, as a slow disk's would. */
    private static final class LoggingJournal implements StepJournal {
        final List<String> events = new CopyOnWriteArrayList<>();
        final boolean failForce;

        LoggingJournal(boolean failForce) {
            this.failForce = failForce;
        }

        @Override
        public boolean done(Step step) {
            return false;
        }

        @Override
        public boolean maybeDone(Step step) {
            return false;
        }

        @Override
        public void started(Step step) {
            events.add("start " + step.statement().name());
        }

        @Override
        public void finished(Step step) {
            throw new AssertionError("a journal that groups forces is only written to");
        }

        @Override
        public boolean groupsForces() {
            return true;
        }

        @Override
        public void written(Step step) {
            events.add("written " + step.statement().name());
        }

        @Override
        public void force() throws Exception {
            Thread.sleep(300);
            if (failForce) {
                throw new java.io.IOException("disk full");
            }
            events.add("force");
        }
    }

    private static Statement st(String name, Set<String> provides, Set<String> requires) {
        return Statement.of("X", name, Section.POST_DATA, "SELECT 1", provides, requires);
    }

    private static Executor executor(TestDb db) {
        return new Executor(2, i -> new WorkerSessions("t" + i, n -> db.connect(), SessionSetup.NONE,
                n -> db.connect(), SessionSetup.NONE), (s, w) -> {
            try (var st = w.target().createStatement()) {
                st.execute(s.statement().sql());
            }
        }, 1);
    }

    @Test
    void aStepStartsOnlyAfterWhatItNeedsIsOnDiskAndOneForceCoversManySteps() throws Exception {
        TestDb db = TestServers.newDatabase(17, "flusher");
        Plan plan = Planner.build(List.of(st("a", Set.of("k:a"), Set.of()), st("b", Set.of("k:b"), Set.of("k:a")),
                st("c", Set.of(), Set.of()), st("d", Set.of(), Set.of()), st("e", Set.of(), Set.of()),
                st("f", Set.of(), Set.of())), List.of(), List.of(), r -> true, true);
        LoggingJournal journal = new LoggingJournal(false);
        executor(db).journal(journal).run(plan.steps());

        List<String> e = journal.events;
        assertThat(e).filteredOn(x -> x.startsWith("written")).hasSize(6);
        int writtenA = e.indexOf("written a");
        int startB = e.indexOf("start b");
        assertThat(e.subList(writtenA, startB)).as("b waits for a force after a's line: " + e).contains("force");
        // the independent steps ran while the first force was under way, and a later force took them together
        assertThat(e.stream().filter(x -> x.equals("force")).count()).as(e.toString()).isLessThan(6);
        assertThat(e.indexOf("start c")).as(e.toString()).isLessThan(e.indexOf("force"));
    }

    @Test
    void aForceThatFailsStopsTheRunAndWhatNeededTheStepDoesNotStart() throws Exception {
        TestDb db = TestServers.newDatabase(17, "flusher_fail");
        Plan plan = Planner.build(List.of(st("a", Set.of("k:a"), Set.of()), st("b", Set.of(), Set.of("k:a"))),
                List.of(), List.of(), r -> true, true);
        LoggingJournal journal = new LoggingJournal(true);
        assertThatThrownBy(() -> executor(db).journal(journal).run(plan.steps()))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("journal").hasMessageContaining("disk full");
        assertThat(journal.events).contains("written a").doesNotContain("start b");
    }
}
