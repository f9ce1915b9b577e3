package io.pgbarge.faults;

import io.pgbarge.TestDb;

import java.sql.SQLException;
import java.util.List;

/**
 * A source whose big table loads slowly on the target, so that a fault can be injected while its COPY
 * runs: a CHECK constraint calls a function that sleeps 10 ms every 1000 rows, but only in sessions of a
 * database where {@code fault.slow} is on (the target), so the source is filled at full speed.
 */
final class SlowTable {
    static final int ROWS = 200_000;

    private SlowTable() {
    }

    /** public.big (200 000 rows, ~2 s to load on the target), public.small, t1…t6, and FKs big → small, t2 → t1. */
    static void fill(TestDb source) throws SQLException {
        source.exec("""
                CREATE FUNCTION public.slow_ok(v integer) RETURNS boolean LANGUAGE plpgsql AS $$
                BEGIN
                  IF v % 1000 = 0 AND current_setting('fault.slow', true) = 'on' THEN
                    PERFORM pg_catalog.pg_sleep(0.01);
                  END IF;
                  RETURN true;
                END $$;
                CREATE TABLE public.small (id integer PRIMARY KEY, name text);
                INSERT INTO public.small SELECT i, 'name ' || i FROM generate_series(1, 100) i;
                CREATE TABLE public.big (id integer PRIMARY KEY CHECK (public.slow_ok(id)),
                    small_id integer REFERENCES public.small, payload text);
                INSERT INTO public.big SELECT i, 1 + i % 100, repeat(md5(i::text), 3) FROM generate_series(1, 200000) i;
                CREATE INDEX big_small ON public.big (small_id);
                """);
        for (int i = 1; i <= 6; i++) {
            source.exec("CREATE TABLE public.t" + i + " (id integer PRIMARY KEY, v text);"
                    + " INSERT INTO public.t" + i + " SELECT g, 'v' || g FROM generate_series(1, 2000) g");
        }
        // a foreign key between two small tables: validated long before public.big has landed
        source.exec("ALTER TABLE public.t2 ADD CONSTRAINT t2_t1 FOREIGN KEY (id) REFERENCES public.t1");
    }

    static void slowDown(TestDb target) throws SQLException {
        target.exec("ALTER DATABASE " + target.name() + " SET fault.slow = 'on'");
    }

    /** Undoes {@link #slowDown}, so that the target can be compared with the source. */
    static void speedUp(TestDb target) throws SQLException {
        target.exec("ALTER DATABASE " + target.name() + " RESET fault.slow");
    }

    /** Waits until a COPY whose text contains {@code marker} runs on that database; returns its backend's pid. */
    static int awaitCopy(TestDb db, String marker) throws Exception {
        for (int i = 0; i < 3000; i++) {
            List<List<String>> r = db.query("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND state = 'active' AND query LIKE 'COPY %" + marker + "%' AND pid <> pg_backend_pid()");
            if (!r.isEmpty()) {
                return Integer.parseInt(r.get(0).get(0));
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no COPY matching " + marker + " started on " + db.name());
    }

    static void terminate(TestDb db, int pid) throws SQLException {
        db.scalar("SELECT pg_terminate_backend(" + pid + ")");
    }

    /** COPYs still running on that database, from any client. */
    static long runningCopies(TestDb db) throws SQLException {
        return Long.parseLong(db.scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND query LIKE 'COPY %' AND state <> 'idle' AND pid <> pg_backend_pid()"));
    }
}
