package io.pgbarge.faults;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.copy.CopyOptions;
import io.pgbarge.copy.CopyResult;
import io.pgbarge.copy.DatabaseCopy;
import io.pgbarge.report.RunProgress;
import io.pgbarge.testutil.DbCompare;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** pg_terminate_backend of a session mid-COPY: the table is loaded again on a new session, the copy completes. */
@Timeout(180)
class TerminatedBackendTest {

    @Test
    void aSourceBackendKilledMidCopyIsReplacedAndTheSnapshotRejoined() throws Exception {
        TestDb src = TestServers.newDatabase(17, "kill_src");
        TestDb tgt = TestServers.newDatabase(17, "kill_src_tgt");
        SlowTable.fill(src);
        SlowTable.slowDown(tgt);
        CopyResult r = copyWhile(src, tgt, () -> SlowTable.terminate(src, SlowTable.awaitCopy(src, "public.big")));
        assertRetriedAndComplete(src, tgt, r, "source");
    }

    @Test
    void aTargetBackendKilledMidCopyIsReplacedAndTheTableLoadedAgain() throws Exception {
        TestDb src = TestServers.newDatabase(17, "kill_tgt_src");
        TestDb tgt = TestServers.newDatabase(17, "kill_tgt");
        SlowTable.fill(src);
        SlowTable.slowDown(tgt);
        CopyResult r = copyWhile(src, tgt, () -> SlowTable.terminate(tgt, SlowTable.awaitCopy(tgt, "public.big")));
        assertRetriedAndComplete(src, tgt, r, "target");
    }

    private interface Fault {
        void inject() throws Exception;
    }

    private static CopyResult copyWhile(TestDb src, TestDb tgt, Fault fault) throws Exception {
        CopyOptions options = new CopyOptions(2, false, false, false, false, true);
        CompletableFuture<CopyResult> run = CompletableFuture.supplyAsync(() -> {
            try {
                return new DatabaseCopy(n -> src.connect(), n -> tgt.connect(), options, new RunProgress()).run();
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        fault.inject();
        return run.get(150, TimeUnit.SECONDS);
    }

    private static void assertRetriedAndComplete(TestDb src, TestDb tgt, CopyResult r, String server) throws Exception {
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).startsWith("copy public.big: the session on the " + server
                + " was lost").contains("retried on a new session"));
        assertThat(r.tables()).anySatisfy(t -> {
            assertThat(t.table()).isEqualTo("public.big");
            assertThat(t.rows()).isEqualTo(SlowTable.ROWS);
        });
        assertThat(tgt.scalar("SELECT count(*) FROM public.big")).isEqualTo(String.valueOf(SlowTable.ROWS));
        SlowTable.speedUp(tgt);
        try (Connection s = src.connect(); Connection t = tgt.connect()) {
            DbCompare.assertSame(s, t);
        }
    }
}
