package io.pgbarge.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The journal's rules: what a resume sees, what it refuses, and what a crash mid-write leaves. */
class RunJournalTest {
    @TempDir
    Path dir;

    private static final JobIdentity JOB = new JobIdentity("copy", "a:5432/x as u\nb:5432/y as v",
            "copy of a:5432/x as u into b:5432/y as v", "", "role-map-to=[]");

    @Test
    void aResumedRunSeesWhatEarlierRunsFinishedAndTheStepsTheyLeftHalfDone() throws Exception {
        try (RunJournal j = RunJournal.open(dir, JOB, false, false)) {
            assertThat(j.run()).isEqualTo(1);
            j.preDataFinished();
            j.stepStarted("copy public.a");
            j.stepFinished("copy public.a");
            j.stepStarted("sql INDEX public.b_pkey 1234");
        }
        try (RunJournal j = RunJournal.open(dir, JOB, true, false)) {
            assertThat(j.run()).isEqualTo(2);
            assertThat(j.resumed()).isTrue();
            assertThat(j.preDataDone()).isTrue();
            assertThat(j.isDone("copy public.a")).isTrue();
            assertThat(j.maybeDone("copy public.a")).isFalse();
            assertThat(j.maybeDone("sql INDEX public.b_pkey 1234")).isTrue();
            assertThat(j.isDone("copy public.b")).isFalse();
            j.stepFinished("copy public.b");
        }
        try (RunJournal j = RunJournal.open(dir, JOB, true, false)) {
            assertThat(j.run()).isEqualTo(3);
            assertThat(j.doneSteps()).containsExactlyInAnyOrder("copy public.a", "copy public.b");
            j.complete();
        }
        assertThat(dir.resolve(JOB.fileName())).doesNotExist();
    }

    @Test
    void anInterruptedJobIsNeitherOverwrittenNorResumedWithOtherOptions() throws Exception {
        try (RunJournal j = RunJournal.open(dir, JOB, false, false)) {
            j.preDataFinished();
        }
        assertThatThrownBy(() -> RunJournal.open(dir, JOB, false, false))
                .hasMessageContaining("an interrupted copy of a:5432/x as u into b:5432/y as v was found")
                .hasMessageContaining("--resume").hasMessageContaining("--clean");
        JobIdentity other = new JobIdentity("copy", JOB.identity(), JOB.description(), "", "schema-only role-map-to=[]");
        assertThatThrownBy(() -> RunJournal.open(dir, other, true, false))
                .hasMessageContaining("other options").hasMessageContaining("schema-only");
        JobIdentity changed = new JobIdentity("copy", JOB.identity(), JOB.description(), "size 2", JOB.options());
        assertThatThrownBy(() -> RunJournal.open(dir, changed, true, false)).hasMessageContaining("input changed");
        // --clean starts over
        try (RunJournal j = RunJournal.open(dir, JOB, false, true)) {
            assertThat(j.run()).isEqualTo(1);
            assertThat(j.preDataDone()).isFalse();
        }
    }

    @Test
    void resumingAJobThatNeverRanIsRefusedButOneThatDiedBeforeItsSchemaStartsOver() throws Exception {
        assertThatThrownBy(() -> RunJournal.open(dir, JOB, true, false)).hasMessageContaining("nothing to resume");
        RunJournal.open(dir, JOB, false, false).close(); // died before the schema committed: target untouched
        try (RunJournal j = RunJournal.open(dir, JOB, true, false)) {
            assertThat(j.run()).isEqualTo(1);
            assertThat(j.preDataDone()).isFalse();
        }
        // and a plain run over it is no clash either
        RunJournal.open(dir, JOB, false, false).close();
    }

    @Test
    void aLineTornByACrashIsIgnoredButDamageInTheMiddleIsReported() throws Exception {
        try (RunJournal j = RunJournal.open(dir, JOB, false, false)) {
            j.preDataFinished();
            j.stepFinished("copy public.a");
        }
        Path file = dir.resolve(JOB.fileName());
        Files.writeString(file, "{\"type\":\"done\",\"step\":\"copy pub", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (RunJournal j = RunJournal.open(dir, JOB, true, false)) {
            assertThat(j.doneSteps()).containsExactly("copy public.a");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, text.replace("{\"type\":\"pre-data\"}", "garbage"), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RunJournal.open(dir, JOB, true, false)).hasMessageContaining("damaged at line");
    }
}
