package io.pgbarge.report;

import java.time.Duration;
import java.time.Instant;

/**
 * Two tables copied side by side, driven by hand on a {@link MutableClock}:
 * <ul>
 *   <li>t=0: both start; orders estimated 100 MiB, customers 10 MiB (an underestimate);</li>
 *   <li>t=10s: orders at 40 MiB / 400,000 rows, customers at 12 MiB / 50,000 rows (past its estimate);</li>
 *   <li>t=12s: customers done (12 MiB, 50,000 rows);</li>
 *   <li>t=30s: orders done (100 MiB, 1,000,000 rows).</li>
 * </ul>
 * The executor's timestamps come from Instant.now(); the test overwrites them with the clock's.
 */
final class TwoTables {
    static final long MIB = 1024 * 1024;
    static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");

    final RunProgress progress = new RunProgress();
    final MutableClock clock;
    final RunProgress.TableState orders;
    final RunProgress.TableState customers;

    /** The clock starts at {@link #T0}, so that log time stamps are known. */
    TwoTables() {
        this(T0);
    }

    /** The clock starts at {@code t0}; the summary wants it at {@code progress.started()}. */
    TwoTables(Instant t0) {
        clock = new MutableClock(t0 == null ? progress.started() : t0);
        orders = progress.addTable("public.orders", 100 * MIB, 1_000_000);
        customers = progress.addTable("public.customers", 10 * MIB, 40_000);
    }

    void start() {
        progress.phaseStarted("data");
        progress.tableStarted(orders);
        orders.started = clock.instant();
        progress.tableStarted(customers);
        customers.started = clock.instant();
    }

    /** To t=10s. */
    void midway() {
        clock.advance(Duration.ofSeconds(10));
        orders.bytes.set(40 * MIB);
        orders.rows.set(400_000);
        customers.bytes.set(12 * MIB);
        customers.rows.set(50_000);
    }

    /** To t=30s, both done. */
    void finish() {
        clock.advance(Duration.ofSeconds(2));
        progress.tableFinished(customers, 50_000);
        customers.finished = clock.instant();
        clock.advance(Duration.ofSeconds(18));
        orders.bytes.set(100 * MIB);
        progress.tableFinished(orders, 1_000_000);
        orders.finished = clock.instant();
        progress.phaseFinished("data");
    }
}
