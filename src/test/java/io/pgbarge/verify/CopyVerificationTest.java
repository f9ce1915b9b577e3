package io.pgbarge.verify;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.copy.CopyOptions;
import io.pgbarge.copy.DatabaseCopy;
import io.pgbarge.exec.ConnectionSource;
import io.pgbarge.report.RunProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * copy --verify reads the source in the copy's own snapshot: rows written to the source while the
 * copy runs are not in the target, and must not be reported as differences.
 */
@Timeout(300)
class CopyVerificationTest {

    @Test
    void writesToTheSourceDuringTheCopyAreNoDifference() throws Exception {
        TestDb source = TestServers.newDatabase(17, "cver_src");
        TestDb target = TestServers.newDatabase(17, "cver_tgt");
        source.exec("CREATE TABLE public.items (id serial PRIMARY KEY, v text NOT NULL);"
                + "INSERT INTO public.items (v) SELECT 'item ' || g FROM generate_series(1, 500) g;"
                + "CREATE TABLE public.quiet (id integer PRIMARY KEY); INSERT INTO public.quiet VALUES (1), (2)");
        // the first session opened after the snapshot (a copy worker's) first writes to the source, committed
        AtomicBoolean written = new AtomicBoolean();
        ConnectionSource src = name -> {
            if (!name.equals("pgbarge:snapshot") && !name.equals("pgbarge:catalog") && written.compareAndSet(false, true)) {
                source.exec("INSERT INTO public.items (v) SELECT 'late ' || g FROM generate_series(1, 30) g;"
                        + "UPDATE public.items SET v = 'changed' WHERE id = 7; DELETE FROM public.items WHERE id = 8");
            }
            return source.connect();
        };
        ConnectionSource tgt = n -> target.connect();
        CopyVerification verification = new CopyVerification(src, tgt, new VerifyOptions(2, true, true),
                VerifyProgress.NONE);

        new DatabaseCopy(src, tgt, CopyOptions.defaults(), new RunProgress()).run(verification);

        assertThat(written).as("the source was written to during the copy").isTrue();
        assertThat(verification.failure()).isNull();
        VerifyReport report = verification.report();
        assertThat(report.equal()).as(report.render()).isTrue();
        assertThat(report.tables()).extracting(TableResult::name).contains("public.items", "public.quiet");
        assertThat(report.tables().stream().filter(t -> t.name().equals("public.items")).findFirst().orElseThrow()
                .sourceRows()).isEqualTo(500L);
        assertThat(report.sequences()).extracting(SequenceResult::name).contains("public.items_id_seq");
        // the target holds the snapshot's rows: a verify of the source as it is now sees the later writes
        assertThat(target.scalar("SELECT count(*) FROM public.items")).isEqualTo("500");
        VerifyReport now = new DatabaseVerify(src, tgt, new VerifyOptions(2, true, true), VerifyProgress.NONE).run();
        assertThat(now.differences()).anyMatch(l -> l.startsWith("table public.items: rows source 529 target 500"))
                .anyMatch(l -> l.startsWith("sequence public.items_id_seq: last_value source 530 target 500"));
    }
}
