package io.pgbarge.copy;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** Large objects, extension configuration rows, event triggers and publications through a whole copy. */
@Timeout(300)
class DatabaseLevelCopyTest {
    private static final String EXTENSION_TABLE = """
            CREATE EXTENSION citext;
            
            CREATE TABLE public.settings (id int, standard boolean);
            CREATE SEQUENCE public.settings_seq;
            ALTER EXTENSION citext ADD TABLE public.settings;
            ALTER EXTENSION citext ADD SEQUENCE public.settings_seq;
            UPDATE pg_extension SET extconfig = ARRAY['public.settings'::regclass::oid,
                'public.settings_seq'::regclass::oid], extcondition = ARRAY['WHERE NOT standard', '']
              WHERE extname = 'citext';
            INSERT INTO public.settings VALUES (1, true);
            """;

    @Test
    void copiesLargeObjectsExtensionRowsEventTriggersAndPublications() throws Exception {
        TestDb src = TestServers.newDatabase(17, "dblevel_src");
        TestDb tgt = TestServers.newDatabase(17, "dblevel_tgt");
        src.exec(EXTENSION_TABLE + """
                INSERT INTO public.settings VALUES (2, false), (3, false);
                SELECT setval('public.settings_seq', 42);
                SELECT lo_from_bytea(424242, decode(repeat('ab', 3000000), 'hex'));
                SELECT lo_from_bytea(0, '\\x00ff00'::bytea) FROM generate_series(1, 5);
                COMMENT ON LARGE OBJECT 424242 IS 'big one';
                CREATE TABLE public.t (id int PRIMARY KEY, v text);
                INSERT INTO public.t SELECT i, 'v' || i FROM generate_series(1, 100) i;
                CREATE PUBLICATION pub_t FOR TABLE public.t WITH (publish = 'insert, update');
                CREATE FUNCTION public.log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
                CREATE EVENT TRIGGER log_ddl ON ddl_command_end EXECUTE FUNCTION public.log_ddl();
                """);
        // the target's copy of the extension holds its own standard row, as CREATE EXTENSION would make it
        tgt.exec(EXTENSION_TABLE);

        CopyTestSupport.copy(src, tgt, CopyTestSupport.jobs(2));

        String loSums = "SELECT string_agg(oid::text || ':' || md5(lo_get(oid)), ',' ORDER BY oid) FROM pg_largeobject_metadata";
        assertThat(tgt.scalar(loSums)).isEqualTo(src.scalar(loSums));
        assertThat(tgt.scalar("SELECT count(*) FROM pg_largeobject_metadata")).isEqualTo("6");
        assertThat(tgt.scalar("SELECT obj_description(424242, 'pg_largeobject')")).isEqualTo("big one");
        assertThat(tgt.scalar("SELECT string_agg(id::text, ',' ORDER BY id) FROM public.settings")).isEqualTo("1,2,3");
        assertThat(tgt.scalar("SELECT last_value FROM public.settings_seq")).isEqualTo("42");
        assertThat(tgt.scalar("SELECT pubinsert::text || pubupdate::text || pubdelete::text FROM pg_publication WHERE pubname = 'pub_t'"))
                .isEqualTo("truetruefalse");
        assertThat(tgt.scalar("SELECT count(*) FROM pg_publication_rel WHERE prrelid = 'public.t'::regclass")).isEqualTo("1");
        assertThat(tgt.scalar("SELECT evtevent FROM pg_event_trigger WHERE evtname = 'log_ddl'")).isEqualTo("ddl_command_end");

        TestDb without = TestServers.newDatabase(17, "dblevel_nolo");
        without.exec(EXTENSION_TABLE);
        new DatabaseCopy(n -> src.connect(), n -> without.connect(),
                new CopyOptions(2, false, false, false, false, true, false), new io.pgbarge.report.RunProgress()).run();
        assertThat(without.scalar("SELECT count(*) FROM pg_largeobject_metadata")).isEqualTo("0");
        assertThat(without.scalar("SELECT count(*) FROM public.t")).isEqualTo("100");
    }
}
