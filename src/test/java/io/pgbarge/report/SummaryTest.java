package io.pgbarge.report;

import static io.pgbarge.report.TwoTables.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SummaryTest {
    @Test
    void totalsPhasesSlowestTablesAndNotes() {
        TwoTables run = new TwoTables(null);
        run.progress.phaseStarted("connect");
        run.progress.phaseFinished("connect");
        RunProgress.Phase connect = run.progress.phases().get(0);
        connect.finished = connect.started.plusMillis(420);
        run.progress.addSteps(5);
        run.start();
        run.midway();
        run.finish();
        RunProgress.Phase data = run.progress.phases().get(1);
        data.finished = data.started.plusMillis(62_300);
        for (int i = 0; i < 5; i++) {
            run.progress.stepFinished("SQL", "step " + i, Duration.ofMillis(3));
        }
        run.progress.note("owner of table public.orders set to login: role bob missing on target");
        run.progress.note("event trigger audit skipped");

        String text = new Summary(run.progress, run.progress.started().plusMillis(63_000)).render();
        assertThat(text).isEqualTo("""
                Summary
                  elapsed     1m 03.0s
                  tables      2 of 2 copied
                  rows        1,050,000
                  bytes       112.0 MiB
                  throughput  3.7 MiB/s (copying for 30.0s)
                  steps       5 of 5

                Phases
                  connect     420ms
                  data     1m 02.3s

                Slowest tables
                  public.orders     1,000,000 rows  100.0 MiB  30.0s  3.3 MiB/s
                  public.customers     50,000 rows   12.0 MiB  12.0s  1.0 MiB/s

                Notes (2)
                  - owner of table public.orders set to login: role bob missing on target
                  - event trigger audit skipped
                """);
    }

    @Test
    void failedAndUnfinishedRun() {
        TwoTables run = new TwoTables(null);
        RunProgress.TableState never = run.progress.addTable("public.never", MIB, 1);
        run.start();
        run.midway();
        run.customers.failed = true;
        String text = new Summary(run.progress, run.progress.started().plusSeconds(3725)).render();
        assertThat(text).contains("  throughput  14.3 KiB/s (copying for 1h 02m 05s)\n");
        assertThat(text)
                .contains("  elapsed     1h 02m 05s\n")
                .contains("  tables      0 of 3 copied, 1 failed, 1 unfinished, 1 not started\n")
                .contains("  rows        450,000\n")
                .contains("  data  unfinished\n")
                .contains("Failed tables (1)\n  public.customers\n")
                .doesNotContain("Slowest", "Notes");
        assertThat(never.started).isNull();
    }

    @Test
    void emptyRunStillRenders() {
        RunProgress p = new RunProgress();
        assertThat(new Summary(p, p.started()).render()).isEqualTo("""
                Summary
                  elapsed     0ms
                  tables      0 of 0 copied
                  rows        0
                  bytes       0 B
                  throughput  -
                  steps       0 of 0
                """);
    }
}
