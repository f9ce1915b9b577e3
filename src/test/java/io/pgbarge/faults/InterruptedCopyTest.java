package io.pgbarge.faults;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.cli.ExitCode;
import io.pgbarge.embedded.EmbeddedPostgres;
import io.pgbarge.testutil.DbCompare;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * pgbarge copy stopped for real in the middle of the data — killed with SIGKILL, sent Ctrl-C, or its
 * target server stopped — then run again with --resume: tables that had finished are not loaded again,
 * the interrupted one is, and the target ends equal to the source.
 */
@Timeout(300)
class InterruptedCopyTest {
    @TempDir
    Path work;

    @Test
    void aKilledCopyResumesWithoutReloadingFinishedTables() throws Exception {
        TestDb src = TestServers.newDatabase(17, "kill9_src");
        TestDb tgt = TestServers.newDatabase(17, "kill9_tgt");
        SlowTable.fill(src);
        SlowTable.slowDown(tgt);
        PgbargeProcess p = PgbargeProcess.start(copyArgs(src, tgt));
        SlowTable.awaitCopy(tgt, "public.big");
        // small tables are loaded in one step each (rows, indexes, constraints); their FK added validated at once
        awaitJournal("\"type\":\"done\",\"step\":\"load public.t", p);
        awaitJournal("\"type\":\"done\",\"step\":\"sql FK CONSTRAINT public.t2 t2_t1", p);
        p.kill9();

        // what the journal says finished, and the files those tables' rows are in now
        List<String> finished = finishedTables();
        assertThat(finished).isNotEmpty().doesNotContain("public.big");
        Map<String, String> files = fileNodes(tgt, finished);

        PgbargeProcess again = PgbargeProcess.start(copyArgs(src, tgt, "--resume"));
        assertThat(again.exitCode(120)).as(again.output()).isEqualTo(ExitCode.OK);
        assertThat(again.output()).contains("resumed").contains("NEWER SNAPSHOT")
                .contains("validated by the interrupted run are dropped, added and validated again (1)");
        // a table loaded again would hold rows written by other transactions
        assertThat(fileNodes(tgt, finished)).isEqualTo(files);
        assertEqual(src, tgt);
        assertThat(journals()).as("the journal of a finished job is removed").isEmpty();
    }

    /**
     * A journal written with every table in separate steps (as pgbarge wrote them before small tables got
     * one load step each; forced here with a limit of 0) is resumed by a run that would load the small
     * tables in one step: tables whose rows the journal says were copied keep the separate steps, so
     * their finished index, constraint and foreign key steps are skipped and the others still run.
     */
    @Test
    void aJournalWithSeparateStepsPerTableResumesCorrectly() throws Exception {
        TestDb src = TestServers.newDatabase(17, "kill9_old_src");
        TestDb tgt = TestServers.newDatabase(17, "kill9_old_tgt");
        SlowTable.fill(src);
        SlowTable.slowDown(tgt);
        PgbargeProcess p = PgbargeProcess.start(List.of("-Dpgbarge.loadMaxBytes=0"), copyArgs(src, tgt));
        SlowTable.awaitCopy(tgt, "public.big");
        awaitJournal("\"type\":\"done\",\"step\":\"sql FK VALIDATE public.t2 t2_t1", p);
        awaitJournal("\"type\":\"done\",\"step\":\"sql CONSTRAINT public.t1 t1_pkey", p);
        p.kill9();
        List<String> finished = finishedTables();
        assertThat(finished).contains("public.t1", "public.t2").doesNotContain("public.big");
        Map<String, String> files = fileNodes(tgt, finished);

        PgbargeProcess again = PgbargeProcess.start(copyArgs(src, tgt, "--resume"));
        assertThat(again.exitCode(120)).as(again.output()).isEqualTo(ExitCode.OK);
        assertThat(again.output()).contains("resumed");
        assertThat(fileNodes(tgt, finished)).isEqualTo(files);
        assertEqual(src, tgt);
    }

    @Test
    void ctrlCCancelsTheCopiesOnTheServersExitsWith130AndResumes() throws Exception {
        TestDb src = TestServers.newDatabase(17, "sigint_src");
        TestDb tgt = TestServers.newDatabase(17, "sigint_tgt");
        SlowTable.fill(src);
        SlowTable.slowDown(tgt);
        PgbargeProcess p = PgbargeProcess.start(copyArgs(src, tgt));
        SlowTable.awaitCopy(tgt, "public.big");
        p.sigint();
        assertThat(p.exitCode(60)).as(p.output()).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(p.output()).contains("interrupted").contains("--resume");
        assertThat(SlowTable.runningCopies(tgt)).as("COPYs left running on the target").isZero();
        assertThat(SlowTable.runningCopies(src)).as("COPYs left running on the source").isZero();

        // without --resume the half-done job is not clobbered
        PgbargeProcess plain = PgbargeProcess.start(copyArgs(src, tgt));
        assertThat(plain.exitCode(60)).as(plain.output()).isEqualTo(ExitCode.USAGE);
        assertThat(plain.output()).contains("interrupted copy").contains("--resume").contains("--clean");

        PgbargeProcess again = PgbargeProcess.start(copyArgs(src, tgt, "--resume"));
        assertThat(again.exitCode(120)).as(again.output()).isEqualTo(ExitCode.OK);
        assertEqual(src, tgt);
    }

    @Test
    void aTargetServerStoppedMidCopyEndsTheRunClearlyAndItResumesAfterRestart() throws Exception {
        TestDb src = TestServers.newDatabase(17, "stop_src");
        SlowTable.fill(src);
        try (EmbeddedPostgres own = EmbeddedPostgres.start(TestServers.pgbin(), System.getProperty("pgbarge.pg17"))) {
            own.createDatabase("stop_tgt");
            TestDb tgt = new TestDb(own, "stop_tgt");
            SlowTable.slowDown(tgt);
            PgbargeProcess p = PgbargeProcess.start(copyArgs(src, tgt));
            SlowTable.awaitCopy(tgt, "public.big");
            own.stopServer();
            int code = p.exitCode(90);
            assertThat(code).as(p.output()).isEqualTo(ExitCode.CONNECTION);
            assertThat(p.output()).contains("the target server went away").contains("--resume")
                    .doesNotContain("\tat ");

            own.restartServer();
            PgbargeProcess again = PgbargeProcess.start(copyArgs(src, tgt, "--resume"));
            assertThat(again.exitCode(120)).as(again.output()).isEqualTo(ExitCode.OK);
            assertEqual(src, tgt);
        }
    }

    @Test
    void aSourceServerStoppedMidCopyEndsTheRunClearlyAndItResumesFromANewSnapshot() throws Exception {
        TestDb tgt = TestServers.newDatabase(17, "stop_src_tgt");
        try (EmbeddedPostgres own = EmbeddedPostgres.start(TestServers.pgbin(), System.getProperty("pgbarge.pg17"))) {
            own.createDatabase("stop_src");
            TestDb src = new TestDb(own, "stop_src");
            SlowTable.fill(src);
            SlowTable.slowDown(tgt);
            PgbargeProcess p = PgbargeProcess.start(copyArgs(src, tgt));
            SlowTable.awaitCopy(tgt, "public.big");
            awaitJournal("\"type\":\"done\",\"step\":\"load public.t", p);
            own.stopServer();
            assertThat(p.exitCode(90)).as(p.output()).isEqualTo(ExitCode.CONNECTION);
            assertThat(p.output()).contains("the source server went away").contains("--resume")
                    .doesNotContain("\tat ");

            own.restartServer();
            PgbargeProcess again = PgbargeProcess.start(copyArgs(src, tgt, "--resume"));
            assertThat(again.exitCode(120)).as(again.output()).isEqualTo(ExitCode.OK);
            assertThat(again.output()).contains("NEWER SNAPSHOT");
            assertEqual(src, tgt);
        }
    }

    @Test
    void aCopyKilledWhileATableLoadsInSlicesReloadsThatTableWholeOnResume() throws Exception {
        TestDb src = TestServers.newDatabase(17, "kill9_slices_src");
        TestDb tgt = TestServers.newDatabase(17, "kill9_slices_tgt");
        SlowTable.fill(src);
        src.exec("ANALYZE");
        SlowTable.slowDown(tgt);
        // slices of 4 MiB: public.big (~27 MiB) is copied as several page ranges in their own transactions
        List<String> jvm = List.of("-Dpgbarge.sliceBytes=" + (4L << 20));
        PgbargeProcess p = PgbargeProcess.start(jvm, copyArgs(src, tgt));
        awaitJournal("\"type\":\"done\",\"step\":\"copy public.big", p);
        p.kill9();
        long landed = Long.parseLong(tgt.scalar("SELECT count(*) FROM public.big"));
        assertThat(landed).as("some slices of public.big committed, not all").isPositive()
                .isLessThan(SlowTable.ROWS);
        // meanwhile half the rows move to other pages of the source: the resumed run's page ranges differ
        src.exec("UPDATE public.big SET payload = payload || '' WHERE id % 2 = 0");

        PgbargeProcess again = PgbargeProcess.start(jvm, copyArgs(src, tgt, "--resume"));
        assertThat(again.exitCode(120)).as(again.output()).isEqualTo(ExitCode.OK);
        // the finished slices' page ranges belong to the old snapshot: every row exactly once
        assertThat(tgt.scalar("SELECT count(*) FROM public.big")).isEqualTo(Integer.toString(SlowTable.ROWS));
        assertEqual(src, tgt);
    }

    private String[] copyArgs(TestDb src, TestDb tgt, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("copy", src.uri(), tgt.uri(), "--no-progress", "-j", "2",
                "--work-dir", work.toString(), "--wake-timeout", "0"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    private static void assertEqual(TestDb src, TestDb tgt) throws Exception {
        SlowTable.speedUp(tgt);
        try (Connection s = src.connect(); Connection t = tgt.connect()) {
            DbCompare.assertSame(s, t);
        }
    }

    private List<Path> journals() throws Exception {
        return Journals.in(work);
    }

    private void awaitJournal(String text, PgbargeProcess p) throws Exception {
        Journals.await(work, text, p);
    }

    /** Tables whose copy the journal records as done. */
    private List<String> finishedTables() throws Exception {
        return Journals.matching(work, java.util.regex.Pattern.compile("\"type\":\"done\",\"step\":\"(?:copy|load) ([^\"]+)\""));
    }

    /**
     * Per table, its file and the transactions that wrote its rows: small tables are emptied with DELETE
     * (same file), large ones with TRUNCATE (new file); either way a reload writes rows with a new xmin.
     */
    private static Map<String, String> fileNodes(TestDb db, List<String> tables) throws Exception {
        Map<String, String> m = new HashMap<>();
        for (String t : tables) {
            m.put(t, db.scalar("SELECT pg_relation_filenode('" + t + "') || ' ' || (SELECT string_agg(DISTINCT"
                    + " xmin::text, ',') FROM " + t + ")"));
        }
        return m;
    }
}
