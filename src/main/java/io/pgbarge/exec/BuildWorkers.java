package io.pgbarge.exec;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether an index build may use the server's parallel maintenance workers: only while one of the run's
 * workers is idle. A build that runs next to other steps (say next to a GIN build, which PostgreSQL
 * before 18 cannot spread over processes, and which is the longest step of many loads) would otherwise
 * add processes that take CPU from them, when the run already uses as many sessions as the user gave it
 * with --jobs; a build that runs alone (the primary key of the one large table) gets them.
 */
public final class BuildWorkers {
    private final int jobs;
    private final AtomicInteger running = new AtomicInteger();
    /** Sessions whose builds were last limited to one process (sessions reopened after a failure start anew). */
    private final Map<Connection, Boolean> limited = Collections.synchronizedMap(new WeakHashMap<>());

    public BuildWorkers(int jobs) {
        this.jobs = jobs;
    }

    /** A step started on some worker. */
    public void started() {
        running.incrementAndGet();
    }

    /** A step ended, however. */
    public void finished() {
        running.decrementAndGet();
    }

    /** Whether every worker is busy, this one's step included, and it is not the only one. */
    public boolean allBusy() {
        int n = running.get();
        return n > 1 && n >= jobs;
    }

    /**
     * Before an index build on {@code target}: limits it to its own process while every worker is busy,
     * else gives back the session's default (the server's, the role's or the database's setting).
     */
    public void beforeBuild(Connection target) throws SQLException {
        boolean limit = allBusy();
        Boolean was = limited.get(target);
        if (was == null ? !limit : was == limit) {
            return;
        }
        try (var st = target.createStatement()) {
            st.execute(limit ? "SET max_parallel_maintenance_workers = 0" : "RESET max_parallel_maintenance_workers");
        }
        limited.put(target, limit);
    }
}
