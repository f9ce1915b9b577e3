package io.pgbarge.faults;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.cli.ExitCode;
import io.pgbarge.cli.Main;
import io.pgbarge.testutil.DbCompare;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** pgbarge restore killed mid-load and resumed: finished tables stay, the interrupted one is loaded again. */
@Timeout(300)
class InterruptedRestoreTest {
    @TempDir
    Path work;

    @Test
    void aKilledRestoreResumesWithoutReloadingFinishedTables() throws Exception {
        TestDb src = TestServers.newDatabase(17, "rkill_src");
        TestDb tgt = TestServers.newDatabase(17, "rkill_tgt");
        SlowTable.fill(src);
        Path archive = work.resolve("slow.dump");
        assertThat(Main.execute("dump", src.uri(), "-Fc", "-f", archive.toString())).isEqualTo(0);
        SlowTable.slowDown(tgt);

        PgbargeProcess p = PgbargeProcess.start(restoreArgs(archive, tgt));
        SlowTable.awaitCopy(tgt, "public.big");
        awaitLoaded("data of public.t", p);
        p.kill9();
        List<String> finished = finishedTables();
        assertThat(finished).isNotEmpty().doesNotContain("public.big");
        Map<String, String> files = new HashMap<>();
        for (String t : finished) {
            files.put(t, tgt.scalar("SELECT pg_relation_filenode('" + t + "')"));
        }

        // an archive rewritten since is not resumed into, nor is the job started afresh over its remains
        FileTime written = Files.getLastModifiedTime(archive);
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(60)));
        PgbargeProcess changed = PgbargeProcess.start(restoreArgs(archive, tgt, "--resume"));
        assertThat(changed.exitCode(60)).as(changed.output()).isEqualTo(ExitCode.USAGE);
        assertThat(changed.output()).contains("the input changed").contains("--clean");
        Files.setLastModifiedTime(archive, written);
        PgbargeProcess plain = PgbargeProcess.start(restoreArgs(archive, tgt));
        assertThat(plain.exitCode(60)).as(plain.output()).isEqualTo(ExitCode.USAGE);
        assertThat(plain.output()).contains("interrupted restore").contains("--resume");

        PgbargeProcess again = PgbargeProcess.start(restoreArgs(archive, tgt, "--resume"));
        assertThat(again.exitCode(120)).as(again.output()).isEqualTo(ExitCode.OK);
        assertThat(again.output()).contains("resumed").doesNotContain("NEWER SNAPSHOT");
        for (String t : finished) {
            assertThat(tgt.scalar("SELECT pg_relation_filenode('" + t + "')")).as(t).isEqualTo(files.get(t));
        }
        SlowTable.speedUp(tgt);
        try (Connection s = src.connect(); Connection t = tgt.connect()) {
            DbCompare.assertSame(s, t);
        }
    }

    @Test
    void ctrlCCancelsTheLoadsExitsWith130AndResumes() throws Exception {
        TestDb src = TestServers.newDatabase(17, "rint_src");
        TestDb tgt = TestServers.newDatabase(17, "rint_tgt");
        SlowTable.fill(src);
        Path archive = work.resolve("slow.dump");
        assertThat(Main.execute("dump", src.uri(), "-Fd", "-f", archive.toString(), "--no-progress")).isEqualTo(0);
        SlowTable.slowDown(tgt);

        PgbargeProcess p = PgbargeProcess.start(restoreArgs(archive, tgt));
        SlowTable.awaitCopy(tgt, "public.big");
        p.sigint();
        assertThat(p.exitCode(60)).as(p.output()).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(p.output()).contains("interrupted").contains("--resume");
        assertThat(SlowTable.runningCopies(tgt)).as("COPYs left running on the target").isZero();

        PgbargeProcess again = PgbargeProcess.start(restoreArgs(archive, tgt, "--resume"));
        assertThat(again.exitCode(120)).as(again.output()).isEqualTo(ExitCode.OK);
        SlowTable.speedUp(tgt);
        try (Connection s = src.connect(); Connection t = tgt.connect()) {
            DbCompare.assertSame(s, t);
        }
    }

    @Test
    void resumeIsRefusedWhenThereIsNothingToResumeOrTheArchiveChanged() throws Exception {
        TestDb src = TestServers.newDatabase(17, "rref_src");
        TestDb tgt = TestServers.newDatabase(17, "rref_tgt");
        src.exec("CREATE TABLE public.a (id int PRIMARY KEY); INSERT INTO public.a SELECT generate_series(1, 10)");
        Path archive = work.resolve("a.dump");
        assertThat(Main.execute("dump", src.uri(), "-Fc", "-f", archive.toString())).isEqualTo(0);

        PgbargeProcess none = PgbargeProcess.start(restoreArgs(archive, tgt, "--resume"));
        assertThat(none.exitCode(60)).as(none.output()).isEqualTo(ExitCode.USAGE);
        assertThat(none.output()).contains("nothing to resume").contains(archive.getFileName().toString());
        assertThat(tgt.scalar("SELECT to_regclass('public.a')")).as("nothing was restored").isNull();
    }

    private String[] restoreArgs(Path archive, TestDb tgt, String... more) {
        List<String> a = new ArrayList<>(List.of("restore", archive.toString(), "-d", tgt.uri(), "--no-progress",
                "-j", "2", "--work-dir", work.resolve("journals").toString(), "--wake-timeout", "0"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    private List<Path> journals() throws Exception {
        return Journals.in(work.resolve("journals"));
    }

    /** A small table's load (rows, indexes and constraints in one step) finished. */
    private void awaitLoaded(String step, PgbargeProcess p) throws Exception {
        awaitText("\"type\":\"done\",\"step\":\"load task " + step, p);
    }

    private void awaitText(String text, PgbargeProcess p) throws Exception {
        Journals.await(work.resolve("journals"), text, p);
    }

    private List<String> finishedTables() throws Exception {
        return Journals.matching(work.resolve("journals"),
                Pattern.compile("\"type\":\"done\",\"step\":\"(?:load )?task data of ([^\"]+)\""));
    }
}
