package io.pgbarge.report;

import static io.pgbarge.report.TwoTables.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlainLogTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void oneTimestampedLinePerEvent() {
        TwoTables run = new TwoTables();
        PlainLog log = new PlainLog(run.progress, out, run.clock, Duration.ZERO);
        log.start();
        run.start();
        run.progress.note("owner of table public.orders set to login: role bob missing on target");
        run.progress.stepFinished("SQL", "index public.orders_pkey", Duration.ofMillis(1500));
        run.progress.stepFinished("COPY", "copy public.orders", Duration.ofSeconds(30)); // a table line says it
        run.midway();
        log.status();
        run.finish();
        List<String> lines = lines();
        assertThat(lines).allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\S.*"));
        assertThat(lines.subList(0, 6)).containsExactly(
                "2024-05-01 12:00:00 phase data started",
                "2024-05-01 12:00:00 table public.orders started (~100.0 MiB)",
                "2024-05-01 12:00:00 table public.customers started (~10.0 MiB)",
                "2024-05-01 12:00:00 note: owner of table public.orders set to login: role bob missing on target",
                "2024-05-01 12:00:00 step index public.orders_pkey done in 1.5s",
                "2024-05-01 12:00:10 status: phase data, 46%, tables 0/2 (2 running), rows 450,000, "
                        + "52.0 MiB of ~112.0 MiB, 5.2 MiB/s, ETA 12s");
        // The executor stamps table ends with Instant.now(), so only the shape is fixed here.
        assertThat(lines.get(6)).matches("2024-05-01 12:00:12 table public.customers done: 50,000 rows, 12.0 MiB in .+ \\(.+/s\\)");
        assertThat(lines.get(7)).startsWith("2024-05-01 12:00:30 table public.orders done: 1,000,000 rows, 100.0 MiB in ");
        assertThat(lines.get(8)).matches("2024-05-01 12:00:30 phase data finished in \\d+ms");
        assertThat(lines).hasSize(9);

        log.close();
        assertThat(lines()).last().isEqualTo("2024-05-01 12:00:30 status: phase done, 100%, tables 2/2, rows 1,050,000, "
                + "112.0 MiB of 112.0 MiB, 3.7 MiB/s, ETA 0s");
        run.progress.note("after close");
        assertThat(lines()).hasSize(10);
    }

    @Test
    void tableLinesWithTimeAndRate() {
        MutableClock clock = new MutableClock(TwoTables.T0);
        RunProgress p = new RunProgress();
        PlainLog log = new PlainLog(p, out, clock, Duration.ZERO);
        RunProgress.TableState t = p.addTable("public.orders", 0, 0);
        t.started = TwoTables.T0;
        t.finished = TwoTables.T0.plusMillis(62_300);
        t.rows.set(1_000_000);
        t.bytes.set(1150 * MIB);
        clock.advance(Duration.ofMillis(62_300));
        log.tableStarted(t);
        log.tableFinished(t);
        t.failed = true;
        log.tableFinished(t);
        assertThat(lines()).containsExactly(
                "2024-05-01 12:01:02 table public.orders started",
                "2024-05-01 12:01:02 table public.orders done: 1,000,000 rows, 1.1 GiB in 1m 02.3s (18.5 MiB/s)",
                "2024-05-01 12:01:02 table public.orders FAILED after 1m 02.3s (1,000,000 rows, 1.1 GiB copied)");
    }

    @Test
    void statusBeforeAnyTableShowsPhaseAndSteps() {
        RunProgress p = new RunProgress();
        PlainLog log = new PlainLog(p, out, new MutableClock(TwoTables.T0), Duration.ZERO);
        p.phaseStarted("catalog");
        p.addSteps(12);
        log.status();
        assertThat(lines()).containsExactly("2024-05-01 12:00:00 status: phase catalog, steps 0/12");
    }

    @Test
    void namesWithNewlinesStayOnOneLine() {
        RunProgress p = new RunProgress();
        PlainLog log = new PlainLog(p, out, new MutableClock(TwoTables.T0), Duration.ZERO);
        log.note("table \"a\nb\" skipped");
        assertThat(lines()).containsExactly("2024-05-01 12:00:00 note: table \"a?b\" skipped");
    }

    @Test
    void periodicStatusRunsOnItsOwnThread() throws Exception {
        RunProgress p = new RunProgress();
        PlainLog log = new PlainLog(p, out, new MutableClock(TwoTables.T0), Duration.ofMillis(20));
        log.start();
        long deadline = System.nanoTime() + 10_000_000_000L; // generous: only waits as long as needed
        while (lines().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        log.close();
        assertThat(lines()).isNotEmpty().allMatch(l -> l.endsWith("status: phase starting"));
    }
}
