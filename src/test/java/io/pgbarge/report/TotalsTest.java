package io.pgbarge.report;

import static io.pgbarge.report.TwoTables.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TotalsTest {
    @Test
    void midwayExpectsAtLeastWhatTheUnderestimatedTableAlreadyHas() {
        TwoTables run = new TwoTables();
        run.start();
        run.midway();
        Totals t = Totals.of(run.progress, run.clock.instant());
        assertThat(t.phase()).isEqualTo("data");
        assertThat(t.bytes()).isEqualTo(52 * MIB);
        assertThat(t.expectedBytes()).isEqualTo(112 * MIB); // 100 for orders + 12 (not 10) for customers
        assertThat(t.percent()).isEqualTo(46);
        assertThat(t.tablesRunning()).isEqualTo(2);
        assertThat(t.bytesPerSecond()).isEqualTo(5.2 * MIB);
        assertThat(t.eta()).isEqualTo(Duration.ofSeconds(10).multipliedBy(60).dividedBy(52));
    }

    @Test
    void finishedRunIsExactlyHundredPercent() {
        TwoTables run = new TwoTables();
        run.start();
        run.midway();
        run.finish();
        run.clock.advance(Duration.ofMinutes(5)); // later redraws do not dilute the rate
        Totals t = Totals.of(run.progress, run.clock.instant());
        assertThat(t.phase()).isEqualTo("done");
        assertThat(t.percent()).isEqualTo(100);
        assertThat(t.copying()).isEqualTo(Duration.ofSeconds(30));
        assertThat(t.eta()).isEqualTo(Duration.ZERO);
        assertThat(t.rows()).isEqualTo(1_050_000);
    }

    @Test
    void percentIsCappedAndEtaNeverNegative() {
        assertThat(Totals.percent(500, 100, false)).isEqualTo(99);
        assertThat(Totals.percent(100, 100, false)).isEqualTo(99);
        assertThat(Totals.percent(0, 0, false)).isZero();
        assertThat(Totals.percent(5, 0, false)).isZero();
        assertThat(Totals.percent(5, 0, true)).isEqualTo(100);
        assertThat(Totals.eta(500, 100, Duration.ofSeconds(3))).isNull();
        assertThat(Totals.eta(0, 100, Duration.ofSeconds(3))).isNull();
        assertThat(Totals.eta(50, 100, Duration.ZERO)).isNull();
        assertThat(Totals.eta(25, 100, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(9));
        assertThat(Totals.rate(10, Duration.ZERO)).isNaN();
    }

    @Test
    void aFailedTableIsOverEvenIfNeverMarkedFinished() {
        TwoTables run = new TwoTables();
        run.start();
        run.midway();
        run.customers.failed = true; // the executor sets this and throws, without tableFinished
        Totals t = Totals.of(run.progress, run.clock.instant());
        assertThat(t.tablesFailed()).isEqualTo(1);
        assertThat(t.tablesRunning()).isEqualTo(1);
    }

    @Test
    void emptyRun() {
        Totals t = Totals.of(new RunProgress(), TwoTables.T0);
        assertThat(t.phase()).isEqualTo("starting");
        assertThat(t.percent()).isZero();
        assertThat(t.eta()).isEqualTo(Duration.ZERO);
    }
}
