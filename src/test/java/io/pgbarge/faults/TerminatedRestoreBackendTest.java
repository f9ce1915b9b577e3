package io.pgbarge.faults;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.cli.Main;
import io.pgbarge.report.RunProgress;
import io.pgbarge.restore.DatabaseRestore;
import io.pgbarge.restore.RestoreInput;
import io.pgbarge.restore.RestoreOptions;
import io.pgbarge.restore.RestoreResult;
import io.pgbarge.testutil.DbCompare;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A restore's target backend killed mid-COPY: the table is loaded again from the archive on a new session. */
@Timeout(180)
class TerminatedRestoreBackendTest {
    @TempDir
    Path tmp;

    @Test
    void aTargetBackendKilledMidLoadIsReplaced() throws Exception {
        TestDb src = TestServers.newDatabase(17, "rterm_src");
        TestDb tgt = TestServers.newDatabase(17, "rterm_tgt");
        SlowTable.fill(src);
        Path archive = tmp.resolve("slow.dump");
        assertThat(Main.execute("dump", src.uri(), "-Fc", "-f", archive.toString(), "--no-progress")).isZero();
        SlowTable.slowDown(tgt);
        RunProgress progress = new RunProgress();
        try (RestoreInput in = RestoreInput.open(archive.toString(), System.in)) {
            CompletableFuture<RestoreResult> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return new DatabaseRestore(n -> tgt.connect(), RestoreOptions.defaults().withJobs(2), progress)
                            .run(in.archive());
                } catch (Exception e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
            SlowTable.terminate(tgt, SlowTable.awaitCopy(tgt, "public.big"));
            run.get(150, TimeUnit.SECONDS);
        }
        assertThat(progress.notes()).anySatisfy(n -> assertThat(n).startsWith("data of public.big: the session on the"
                + " target was lost").contains("retried on a new session"));
        assertThat(tgt.scalar("SELECT count(*) FROM public.big")).isEqualTo(String.valueOf(SlowTable.ROWS));
        SlowTable.speedUp(tgt);
        try (Connection s = src.connect(); Connection t = tgt.connect()) {
            DbCompare.assertSame(s, t);
        }
    }
}
