package io.pgbarge.restore;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.cli.ExitCode;
import io.pgbarge.testutil.PgDump;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared pagila archives, in every format, restored with -j 2: pg_dump cannot tell them from a psql load. */
@Timeout(600)
class PagilaArchiveRestoreTest {

    @ParameterizedTest
    @ValueSource(strings = {"pagila_neon.Fc.dump", "pagila_neon.Fc.Z0.dump", "pagila_neon.Fd", "pagila_neon.Ft.tar"})
    void restoresLikePsql(String archive) throws Exception {
        RestoreFixtures.assumePgDump();
        String[] reference = RestoreFixtures.pagilaReference();
        TestDb db = TestServers.newDatabase(15, "restore_pagila");
        RestoreFixtures.Run run = RestoreFixtures.restore(RestoreFixtures.archive(archive).toString(), "-d", db.uri(),
                "-j", "2");
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(db.scalar("SELECT count(*) FROM public.rental")).isEqualTo("16044");
        assertThat(db.scalar("SELECT count(*) FROM public.payment")).isEqualTo(reference[1].isEmpty() ? "" : db.scalar(
                "SELECT count(*) FROM public.payment"));
        assertThat(reference[0]).contains("CREATE TABLE public.rental");
        assertThat(PgDump.schemaOnly(db.uri())).isEqualTo(reference[0]);
        assertThat(PgDump.dataOnly(db.uri())).isEqualTo(reference[1]);
    }
}
