package io.pgbarge.restore;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.cli.ExitCode;
import io.pgbarge.cli.Main;
import io.pgbarge.testutil.DbCompare;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restore loads each small table in one step: the table created in the load's transaction, its rows
 * with COPY FREEZE, its indexes and constraints and the foreign key to a table loaded before it, all
 * committed together or not at all.
 */
@Timeout(300)
class SmallTableRestoreTest {
    private static final String SCHEMA = """
            CREATE TABLE public.parent (id integer PRIMARY KEY, code text UNIQUE, n integer CHECK (n >= 0));
            CREATE INDEX parent_n ON public.parent (n);
            COMMENT ON TABLE public.parent IS 'the parent';
            CREATE TABLE public.child (id integer PRIMARY KEY, parent_id integer REFERENCES public.parent,
                note text);
            CREATE INDEX child_parent ON public.child (parent_id);
            INSERT INTO public.parent SELECT g, 'c' || g, g FROM generate_series(1, 300) g;
            INSERT INTO public.child SELECT g, 1 + g % 300, 'n' || g FROM generate_series(1, 500) g;
            """;

    @TempDir
    Path work;

    @ParameterizedTest(name = "PostgreSQL {0}, -F{1}")
    @CsvSource({"15, d", "17, c", "13, d"})
    void eachSmallTableIsCreatedLoadedAndIndexedInOneTransaction(int major, String format) throws Exception {
        TestDb src = TestServers.newDatabase(major, "rload_src");
        TestDb tgt = TestServers.newDatabase(major, "rload_tgt");
        src.exec(SCHEMA);
        Path archive = work.resolve("small." + format);
        assertThat(Main.execute("dump", src.uri(), "-F" + format, "-f", archive.toString(), "--no-progress")).isEqualTo(0);

        // one worker: with two, the two loads could run side by side (nothing else to do), and the
        // foreign key would then find neither table in before it and run as a step of its own
        RestoreFixtures.Run run = RestoreFixtures.restore(archive.toString(), "-d", tgt.uri(), "-j", "1", "-v");
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        try (Connection s = src.connect(); Connection t = tgt.connect()) {
            DbCompare.assertSame(s, t);
        }
        // one step per table: no index, constraint or foreign key ran as a step of its own
        assertThat(run.err()).contains("step data of public.parent", "step data of public.child")
                .doesNotContain("step index ", "step constraint ", "step fk ");
        for (String table : new String[] {"public.parent", "public.child"}) {
            // created in the load (never truncated: its first file) and loaded with FREEZE (all-visible)
            assertThat(tgt.scalar("SELECT relfilenode = oid FROM pg_class WHERE oid = '" + table + "'::regclass"))
                    .as(table + " keeps the file it was created with").isEqualTo("t");
            if (major >= 14) {
                // COPY FREEZE sets the visibility map since PostgreSQL 14
                assertThat(tgt.scalar("SELECT relallvisible > 0 FROM pg_class WHERE oid = '" + table + "'::regclass"))
                        .as(table + " loaded with FREEZE").isEqualTo("t");
            }
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @CsvSource({"16"})
    void aFailingIndexTakesItsWholeLoadBackAndIsNamed(int major) throws Exception {
        TestDb src = TestServers.newDatabase(major, "rloadfail_src");
        TestDb tgt = TestServers.newDatabase(major, "rloadfail_tgt");
        src.exec(SCHEMA);
        Path archive = work.resolve("small.d");
        assertThat(Main.execute("dump", src.uri(), "-Fd", "-f", archive.toString(), "--no-progress")).isEqualTo(0);
        tgt.exec("CREATE FUNCTION public.no_index() RETURNS event_trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN RAISE EXCEPTION 'indexes are not allowed here'; END $$;"
                + " CREATE EVENT TRIGGER no_index ON ddl_command_start WHEN TAG IN ('CREATE INDEX')"
                + " EXECUTE FUNCTION public.no_index();");

        RestoreFixtures.Run run = RestoreFixtures.restore(archive.toString(), "-d", tgt.uri(), "-j", "2");
        assertThat(run.exit()).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(run.err()).contains("indexes are not allowed here").contains("in the load of table public.")
                .contains("rolled back whole").containsPattern("index public\\.(parent|child)_");
        // the table was created in its load's transaction: nothing of it is left
        assertThat(tgt.scalar("SELECT count(*) FROM pg_class WHERE relname IN ('parent', 'child')"
                + " AND relnamespace = 'public'::regnamespace")).isEqualTo("0");
    }
}
