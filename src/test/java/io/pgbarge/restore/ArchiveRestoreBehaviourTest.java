package io.pgbarge.restore;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.archive.Archive;
import io.pgbarge.archive.ArchiveReader;
import io.pgbarge.archive.TocEntry;
import io.pgbarge.cli.ExitCode;
import io.pgbarge.testutil.DbCompare;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** --single-transaction, truncated archives, -l/-L, conflicts and --clean, across versions. */
@Timeout(600)
class ArchiveRestoreBehaviourTest {

    @Test
    void singleTransactionWithJobsIsRefused() {
        RestoreFixtures.Run run = RestoreFixtures.restore(RestoreFixtures.archive("pagila_neon.Fc.dump").toString(),
                "-d", "postgresql://localhost/none", "-j", "2", "--single-transaction");
        assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("cannot specify both --single-transaction and multiple jobs");
    }

    @Test
    void singleTransactionIsAllOrNothing() throws Exception {
        TestDb db = TestServers.newDatabase(15, "restore_single");
        db.exec("CREATE SCHEMA guard;"
                + " CREATE FUNCTION guard.no_index() RETURNS event_trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN RAISE EXCEPTION 'indexes are not allowed here'; END $$;"
                + " CREATE EVENT TRIGGER no_index ON ddl_command_start WHEN TAG IN ('CREATE INDEX')"
                + " EXECUTE FUNCTION guard.no_index();");
        RestoreFixtures.Run run = RestoreFixtures.restore(RestoreFixtures.archive("pagila_neon.Fc.dump").toString(),
                "-d", db.uri(), "--single-transaction");
        assertThat(run.exit()).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(run.err()).contains("indexes are not allowed here").contains("rolled back");
        assertThat(db.scalar("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = 'public'")).isEqualTo("0");
        assertThat(db.scalar("SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                + " WHERE n.nspname = 'public'")).isEqualTo("0");

        // without the guard, the same restore goes through
        db.exec("DROP EVENT TRIGGER no_index");
        run = RestoreFixtures.restore(RestoreFixtures.archive("pagila_neon.Fc.dump").toString(), "-d", db.uri(),
                "--single-transaction");
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(db.scalar("SELECT count(*) FROM public.rental")).isEqualTo("16044");
        assertThat(db.scalar("SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'")).isNotEqualTo("0");
    }

    @Test
    void truncatedArchiveFailsCleanlyAndKeepsNoHalfTable() throws Exception {
        Path source = RestoreFixtures.archive("pagila_neon.Fc.Z0.dump");
        long cut;
        try (Archive a = ArchiveReader.open(source)) {
            TocEntry rental = a.entries().stream().filter(e -> e.isTableData() && e.tag().equals("rental"))
                    .findFirst().orElseThrow();
            long start = rental.dataOffset().position();
            long next = a.entries().stream().filter(e -> e.dataOffset() != null && e.hasData()
                            && e.dataOffset().position() > start)
                    .mapToLong(e -> e.dataOffset().position()).min().orElse(Files.size(source));
            cut = start + (next - start) / 2;
        }
        Path truncated = Files.createTempFile("pagila-truncated", ".dump");
        try (InputStream in = Files.newInputStream(source); OutputStream out = Files.newOutputStream(truncated)) {
            out.write(in.readNBytes((int) cut));
        }
        TestDb db = TestServers.newDatabase(15, "restore_truncated");
        RestoreFixtures.Run run = RestoreFixtures.restore(truncated.toString(), "-d", db.uri(), "-j", "2");
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.BAD_INPUT);
        Matcher m = Pattern.compile("entry \\d+ TABLE DATA public\\.(\\w+)").matcher(run.err());
        assertThat(m.find()).as(run.err()).isTrue();
        assertThat(run.err()).contains("offset").doesNotContain("\tat io.pgbarge");
        assertThat(db.scalar("SELECT count(*) FROM public." + m.group(1))).isEqualTo("0");
        assertThat(db.scalar("SELECT count(*) FROM public.rental")).isEqualTo("0");
    }

    @Test
    void listPrintsTheTableOfContents() throws Exception {
        Path archive = RestoreFixtures.archive("pagila_neon.Fc.dump");
        RestoreFixtures.Run run = RestoreFixtures.restore(archive.toString(), "-l");
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        String expected = Files.readString(RestoreFixtures.archive("pagila_neon.Fc.list"));
        assertThat(entries(run.out())).isEqualTo(entries(expected));
        assertThat(run.out()).contains("TABLE DATA public actor postgres");
    }

    private static String entries(String listing) {
        return listing.lines().filter(l -> !l.startsWith(";")).collect(Collectors.joining("\n"));
    }

    @Test
    void useListLeavesACommentedOutTableEmpty() throws Exception {
        Path archive = RestoreFixtures.archive("pagila_neon.Fc.dump");
        String list = RestoreFixtures.restore(archive.toString(), "-l").out();
        String edited = list.lines()
                .map(l -> l.contains("TABLE DATA public payment_p2022_03 ") ? ";" + l : l)
                .collect(Collectors.joining("\n"));
        assertThat(edited).isNotEqualTo(list);
        Path listFile = Files.createTempFile("pagila", ".list");
        Files.writeString(listFile, edited);
        TestDb db = TestServers.newDatabase(15, "restore_uselist");
        RestoreFixtures.Run run = RestoreFixtures.restore(archive.toString(), "-d", db.uri(), "-L", listFile.toString(),
                "-j", "2");
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(db.scalar("SELECT count(*) FROM public.payment_p2022_03")).isEqualTo("0");
        assertThat(db.scalar("SELECT count(*) FROM public.payment_p2022_04")).isNotEqualTo("0");
        assertThat(db.scalar("SELECT count(*) FROM public.rental")).isEqualTo("16044");
    }

    @Test
    void nonEmptyTargetIsRefusedUnlessClean() throws Exception {
        Path archive = RestoreFixtures.archive("pagila_neon.Fc.dump");
        TestDb db = TestServers.newDatabase(15, "restore_clean");
        db.exec("CREATE TABLE public.actor (x int); INSERT INTO public.actor VALUES (1)");
        RestoreFixtures.Run run = RestoreFixtures.restore(archive.toString(), "-d", db.uri());
        assertThat(run.exit()).isEqualTo(ExitCode.TARGET_NOT_EMPTY);
        assertThat(run.err()).contains("public.actor");
        assertThat(db.scalar("SELECT count(*) FROM public.actor")).isEqualTo("1");

        run = RestoreFixtures.restore(archive.toString(), "-d", db.uri(), "-c", "--if-exists", "-j", "2");
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(db.scalar("SELECT count(*) FROM public.actor")).isEqualTo("200");
        // and again: a clean restore over a full restore
        run = RestoreFixtures.restore(archive.toString(), "-d", db.uri(), "-c", "-j", "2");
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(db.scalar("SELECT count(*) FROM public.actor")).isEqualTo("200");
    }

    @Test
    void schemaOnlyThenDataOnlyAndTableSelection() throws Exception {
        Path archive = RestoreFixtures.archive("pagila_neon.Fd");
        TestDb db = TestServers.newDatabase(15, "restore_sections");
        RestoreFixtures.Run run = RestoreFixtures.restore(archive.toString(), "-d", db.uri(), "--schema-only");
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(db.scalar("SELECT count(*) FROM public.actor")).isEqualTo("0");
        run = RestoreFixtures.restore(archive.toString(), "-d", db.uri(), "--data-only", "-t", "actor", "-t", "language");
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(db.scalar("SELECT count(*) FROM public.actor")).isEqualTo("200");
        assertThat(db.scalar("SELECT count(*) FROM public.film")).isEqualTo("0");

        TestDb other = TestServers.newDatabase(15, "restore_table");
        run = RestoreFixtures.restore(archive.toString(), "-d", other.uri(), "-t", "film_category", "-O", "-x");
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(other.scalar("SELECT count(*) FROM public.film_category")).isEqualTo("1000");
        assertThat(other.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isEqualTo("1");
    }

    @Test
    void pg15ArchiveIntoPostgres17() throws Exception {
        RestoreFixtures.assumePgDump();
        TestDb ref = TestServers.newDatabase(15, "restore_ref15");
        io.pgbarge.testutil.PgDump.loadWithPsql(ref.uri(), RestoreFixtures.archive("pagila_neon.plain.sql"));
        TestDb db = TestServers.newDatabase(17, "restore_pg17");
        RestoreFixtures.Run run = RestoreFixtures.restore(RestoreFixtures.archive("pagila_neon.Fc.dump").toString(),
                "-d", db.uri(), "-j", "2");
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        try (Connection a = ref.connect(); Connection b = db.connect()) {
            assertThat(DbCompare.schemaDifferences(a, b)).isEmpty();
            assertThat(DbCompare.dataDifferences(a, b)).isEmpty();
        }
    }
}
