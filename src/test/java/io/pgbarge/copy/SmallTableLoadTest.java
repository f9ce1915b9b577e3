package io.pgbarge.copy;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.journal.JobIdentity;
import io.pgbarge.journal.RunJournal;
import io.pgbarge.report.RunProgress;
import io.pgbarge.testutil.DbCompare;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Small tables are loaded in one step each: rows, indexes, constraints and ANALYZE in one transaction.
 * The target must still end pg_dump-identical to the source whatever the tables look like (foreign-key
 * chains and cycles, self-references, partitions, expression indexes, NOT VALID checks, next to a table
 * large enough for separate steps); a statement failing inside such a step must be named, and leave the
 * table to a resumed run, which must also cope with a step that committed but was never marked done.
 */
@Timeout(600)
class SmallTableLoadTest {
    /** Tables above this are "large" here, so that one plan holds both layouts. */
    private static final long LIMIT = 64 * 1024;

    private static final String SOURCE_SQL = """
            CREATE FUNCTION public.norm(t text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT lower(t)';
            -- fails on the target only, while fault.fail is on there
            CREATE FUNCTION public.boom(v integer) RETURNS integer LANGUAGE plpgsql IMMUTABLE AS $$
            BEGIN
              IF current_setting('fault.fail', true) = 'on' THEN
                RAISE EXCEPTION 'boom on %', v;
              END IF;
              RETURN v;
            END $$;
            CREATE TABLE public.c1 (id int PRIMARY KEY, name text UNIQUE, n int CHECK (n >= 0));
            INSERT INTO public.c1 SELECT g, 'Name ' || g, g FROM generate_series(1, 50) g;
            CREATE INDEX c1_norm ON public.c1 (public.norm(name));
            -- a view on c1 keeps it in the pre-data transaction; the other small tables are created in their load steps
            CREATE VIEW public.c1_names AS SELECT name FROM public.c1;
            CREATE TABLE public.c2 (id int PRIMARY KEY, c1_id int REFERENCES public.c1, n int);
            INSERT INTO public.c2 SELECT g, g, 500 + g FROM generate_series(1, 50) g;
            ALTER TABLE public.c2 ADD CONSTRAINT c2_n_small CHECK (n < 100) NOT VALID;
            CREATE TABLE public.c3 (id int PRIMARY KEY, c2_id int REFERENCES public.c2 DEFERRABLE INITIALLY DEFERRED,
                                    n int, UNIQUE (n) DEFERRABLE);
            -- before the rows: the deferred foreign key leaves trigger events pending until commit
            CREATE INDEX c3_boom ON public.c3 (public.boom(n));
            INSERT INTO public.c3 SELECT g, g, g FROM generate_series(1, 50) g;
            -- a foreign-key cycle
            CREATE TABLE public.cyc_a (id int PRIMARY KEY, b_id int);
            CREATE TABLE public.cyc_b (id int PRIMARY KEY, a_id int REFERENCES public.cyc_a);
            INSERT INTO public.cyc_a SELECT g, g FROM generate_series(1, 20) g;
            INSERT INTO public.cyc_b SELECT g, g FROM generate_series(1, 20) g;
            ALTER TABLE public.cyc_a ADD CONSTRAINT cyc_a_b FOREIGN KEY (b_id) REFERENCES public.cyc_b;
            -- a self-reference
            CREATE TABLE public.tree (id int PRIMARY KEY, parent int REFERENCES public.tree, label text);
            INSERT INTO public.tree SELECT g, NULLIF(g - 1, 0), 'node ' || g FROM generate_series(1, 400) g;
            -- an exclusion constraint
            CREATE TABLE public.boxes (id int PRIMARY KEY, b box, EXCLUDE USING gist (b WITH &&));
            INSERT INTO public.boxes SELECT g, box(point(g * 10, 0), point(g * 10 + 1, 1)) FROM generate_series(1, 20) g;
            -- partitions, with a primary key, an index and a foreign key on the partitioned table
            CREATE TABLE public.meas (id int, d date, v int, c1_id int REFERENCES public.c1, PRIMARY KEY (id, d))
                PARTITION BY RANGE (d);
            CREATE TABLE public.meas_2024 PARTITION OF public.meas FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE TABLE public.meas_2025 PARTITION OF public.meas FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
            CREATE INDEX meas_v ON public.meas (v);
            INSERT INTO public.meas SELECT g, date '2024-06-01' + g * 3, g % 7, 1 + g % 50 FROM generate_series(1, 150) g;
            -- large enough for separate steps, referenced by a small table and referencing one
            CREATE TABLE public.big (id int PRIMARY KEY, c1_id int REFERENCES public.c1, pad text);
            INSERT INTO public.big SELECT g, 1 + g % 50, repeat('x', 60) FROM generate_series(1, 3000) g;
            CREATE INDEX big_c1 ON public.big (c1_id);
            CREATE TABLE public.leaf (id int PRIMARY KEY, big_id int REFERENCES public.big);
            INSERT INTO public.leaf SELECT g, g FROM generate_series(1, 30) g;
            """;

    @TempDir
    Path work;

    @Test
    void smallTablesLoadInOneStepAndTheTargetMatchesTheSource() throws Exception {
        TestDb source = TestServers.newDatabase(17, "load_src");
        TestDb target = TestServers.newDatabase(17, "load_tgt");
        source.exec(SOURCE_SQL);
        List<String> steps = new CopyOnWriteArrayList<>();
        RunProgress progress = CopyTestSupport.recordingSteps(steps);

        CopyResult result = CopyTestSupport.withProperty(DatabaseCopy.LOAD_MAX_BYTES_PROPERTY, LIMIT, () -> new DatabaseCopy(n -> source.connect(), n -> target.connect(),
                CopyTestSupport.jobs(2), progress).run());

        assertThat(result.tables()).as("every table with rows; the partitioned meas has none of its own").hasSize(11);
        // a small table: one step, its statements in it; the FK of two small tables added validated at once,
        // in the load of the second of them when the first is in by then, else as a step of its own
        assertThat(steps).contains("3 indexes, 2 constraints and ANALYZE of public.c3 (with its rows)",
                        "1 index, 2 constraints and ANALYZE of public.tree (with its rows)")
                .anyMatch(s -> s.startsWith("fk constraint public.c2 c2_c1_id_fkey"))
                .anyMatch(s -> s.startsWith("fk constraint public.cyc_a cyc_a_b"))
                .noneMatch(s -> s.startsWith("index public.c") || s.startsWith("analyze public.c")
                        || s.startsWith("fk validate public.c") || s.startsWith("fk validate public.tree"));
        // a large table keeps its separate steps, and the foreign keys touching it their NOT VALID + VALIDATE
        assertThat(steps).contains("index public.big_c1", "index public.big_pkey", "analyze public.big",
                "fk validate public.big big_c1_id_fkey", "fk validate public.leaf leaf_big_id_fkey");
        assertThat(target.scalar("SELECT count(*) FROM pg_catalog.pg_stats WHERE schemaname = 'public'"
                + " AND tablename = 'c3'")).as("ANALYZE ran in the load step: statistics of its 3 columns").isEqualTo("3");
        // created in its load step, a table takes its rows with COPY FREEZE: all-visible at once (PostgreSQL 14+);
        // not c1 (a view needs it in pre-data), the partitions (their parent), or big (separate steps)
        assertThat(target.scalar("SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class WHERE relkind = 'r'"
                + " AND relnamespace = 'public'::regnamespace AND relallvisible > 0"))
                .isEqualTo("boxes,c2,c3,cyc_a,cyc_b,leaf,tree");
        try (Connection s = source.connect(); Connection t = target.connect()) {
            DbCompare.assertSame(s, t);
        }
    }

    @Test
    void aForeignKeyGoesIntoTheLoadOfItsSecondTableWhenTheFirstIsIn() throws Exception {
        TestDb source = TestServers.newDatabase(17, "fold_src");
        TestDb target = TestServers.newDatabase(17, "fold_tgt");
        // loaded largest first: p, then c (its key to p goes in c's load), then g (its keys to c and p in g's)
        source.exec("""
                CREATE TABLE public.p (id int PRIMARY KEY, pad text);
                INSERT INTO public.p SELECT g, repeat('p', 200) FROM generate_series(1, 300) g;
                CREATE TABLE public.c (id int PRIMARY KEY, p_id int NOT NULL REFERENCES public.p, pad text);
                INSERT INTO public.c SELECT g, 1 + g % 300, repeat('c', 100) FROM generate_series(1, 200) g;
                CREATE TABLE public.g (id int PRIMARY KEY, c_id int REFERENCES public.c, p_id int REFERENCES public.p);
                INSERT INTO public.g SELECT g, 1 + g % 200, 1 + g % 300 FROM generate_series(1, 50) g;
                """);
        List<String> steps = new CopyOnWriteArrayList<>();
        new DatabaseCopy(n -> source.connect(), n -> target.connect(), CopyTestSupport.jobs(1),
                CopyTestSupport.recordingSteps(steps)).run();

        assertThat(steps).containsSubsequence("1 index, 1 constraint and ANALYZE of public.p (with its rows)",
                "1 index, 1 constraint and ANALYZE of public.c (with its rows)",
                "fk constraint public.c c_p_id_fkey (in the load of public.c)",
                "1 index, 1 constraint and ANALYZE of public.g (with its rows)");
        assertThat(steps).contains("fk constraint public.g g_c_id_fkey (in the load of public.g)",
                "fk constraint public.g g_p_id_fkey (in the load of public.g)").hasSize(6);
        assertThat(target.scalar("SELECT string_agg(conname || ':' || convalidated, ',' ORDER BY conname)"
                + " FROM pg_constraint WHERE contype = 'f'")).isEqualTo("c_p_id_fkey:true,g_c_id_fkey:true,g_p_id_fkey:true");
        try (Connection s = source.connect(); Connection t = target.connect()) {
            DbCompare.assertSame(s, t);
        }
    }

    @Test
    void twoWorkersLoadTablesThatShareAForeignKeyOneAfterTheOtherSoTheKeyGoesInALoad() throws Exception {
        TestDb source = TestServers.newDatabase(17, "apart_src");
        TestDb target = TestServers.newDatabase(17, "apart_tgt");
        // a chain of 40 tables of one size, each referencing the one before: loaded side by side, two
        // neighbours would each miss the other, and their key would be a step of its own
        StringBuilder sql = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            sql.append("CREATE TABLE public.k").append(i).append(" (id int PRIMARY KEY, prev int")
                    .append(i > 1 ? " REFERENCES public.k" + (i - 1) : "").append(");")
                    .append("INSERT INTO public.k").append(i).append(" SELECT g, g FROM generate_series(1, 200) g;");
        }
        source.exec(sql.toString());
        List<String> steps = new CopyOnWriteArrayList<>();
        new DatabaseCopy(n -> source.connect(), n -> target.connect(), CopyTestSupport.jobs(2),
                CopyTestSupport.recordingSteps(steps)).run();

        List<String> keys = steps.stream().filter(s -> s.startsWith("fk constraint")).toList();
        assertThat(keys).hasSize(39);
        // only the last few loads, with nothing else left to start, may have to run beside a neighbour
        assertThat(keys.stream().filter(s -> s.contains("(in the load of"))).hasSizeGreaterThanOrEqualTo(33);
        assertThat(target.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated")).isEqualTo("39");
    }

    @Test
    void aFailingIndexInALoadStepIsNamedAndTheResumedRunFinishesTheTable() throws Exception {
        TestDb source = TestServers.newDatabase(17, "loadfail_src");
        TestDb target = TestServers.newDatabase(17, "loadfail_tgt");
        source.exec(SOURCE_SQL);
        target.exec("ALTER DATABASE " + target.name() + " SET fault.fail = 'on'");
        JobIdentity job = new JobIdentity("copy", source.uri() + " " + target.uri(), "test copy", "", "");

        assertThatThrownBy(() -> CopyTestSupport.withProperty(DatabaseCopy.LOAD_MAX_BYTES_PROPERTY, LIMIT, () -> copy(source, target, RunJournal.open(work, job, false, false),
                new RunProgress())))
                .isInstanceOf(CopyFailedException.class)
                .hasMessageContaining("index public.c3_boom (in the load of table public.c3, rolled back whole)"
                        + " failed on the target")
                .hasMessageContaining("boom on 1")
                .hasMessageContaining("statement: CREATE INDEX c3_boom ON public.c3 USING btree (public.boom(n))")
                .hasMessageContaining("--resume");
        // the step rolled back whole: the table it created, its rows, indexes and constraints
        assertThat(target.scalar("SELECT to_regclass('public.c3') IS NULL")).isEqualTo("t");
        assertThat(target.scalar("SELECT count(*) FROM pg_catalog.pg_class WHERE relname LIKE 'c3\\_%'")).isEqualTo("0");

        // tree (larger than c3, so loaded before it by the one worker; no other table references it) as if
        // its load committed but the process died before marking it done: nothing that needs it ran yet
        Path journal = Files.list(work).filter(f -> f.toString().endsWith(".journal")).findFirst().orElseThrow();
        String text = Files.readString(journal, StandardCharsets.UTF_8);
        String done = "{\"type\":\"done\",\"step\":\"load public.tree\"";
        assertThat(text).contains(done).contains("{\"type\":\"start\",\"step\":\"load public.tree\"}");
        Files.writeString(journal, text.lines().filter(l -> !l.startsWith(done))
                .map(l -> l + "\n").reduce("", String::concat), StandardCharsets.UTF_8);

        target.exec("ALTER DATABASE " + target.name() + " RESET fault.fail");
        RunProgress progress = new RunProgress();
        CopyTestSupport.withProperty(DatabaseCopy.LOAD_MAX_BYTES_PROPERTY, LIMIT, () -> copy(source, target, RunJournal.open(work, job, true, false), progress));
        assertThat(progress.notes()).anySatisfy(n -> assertThat(n).startsWith("load public.tree: found already done"));
        try (Connection s = source.connect(); Connection t = target.connect()) {
            DbCompare.assertSame(s, t);
        }
    }

    private static CopyResult copy(TestDb source, TestDb target, RunJournal journal, RunProgress progress)
            throws Exception {
        return new DatabaseCopy(n -> source.connect(), n -> target.connect(), CopyTestSupport.jobs(1), progress)
                .journal(journal).run();
    }
}
