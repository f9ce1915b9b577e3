package io.pgbarge.copy;

import io.pgbarge.testutil.Cli;
import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * --exclude-extension (as pg_dump 17): the extension and everything that needs it, however indirectly,
 * are left out and named in the summary; the rest is copied. Here hstore, which the target offers.
 */
@Timeout(180)
class ExcludeExtensionTest {

    private static final String SOURCE = "CREATE EXTENSION hstore; CREATE SCHEMA s;"
            + " CREATE TABLE s.props (id int PRIMARY KEY, attrs hstore);"
            + " INSERT INTO s.props SELECT i, hstore('k', i::text) FROM generate_series(1, 10) i;"
            + " CREATE VIEW s.props_view AS SELECT id, attrs -> 'k' AS k FROM s.props;"
            + " CREATE VIEW s.props_view2 AS SELECT k FROM s.props_view;"
            + " CREATE FUNCTION s.first_key(h hstore) RETURNS text LANGUAGE sql RETURN (akeys(h))[1];"
            + " CREATE FUNCTION s.uses_first() RETURNS text LANGUAGE sql RETURN s.first_key(hstore('a', 'b'));"
            + " CREATE TABLE s.orders (id int PRIMARY KEY, prop int REFERENCES s.props, note text);"
            + " INSERT INTO s.orders SELECT i, i, 'n' FROM generate_series(1, 10) i;"
            + " CREATE TABLE s.plain (x int); INSERT INTO s.plain VALUES (1), (2), (3);";

    @Test
    void copyLeavesOutTheExtensionWithWhatNeedsItAndCopiesTheRest() throws Exception {
        TestDb src = TestServers.newDatabase(17, "exext_src");
        TestDb tgt = TestServers.newDatabase(17, "exext_tgt");
        src.exec(SOURCE);
        Cli.Run r = Cli.run("copy", src.uri(), tgt.uri(), "--no-progress", "--exclude-extension", "hstore");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        assertLeftOut(r, tgt);
    }

    @Test
    void restoreLeavesOutTheExtensionWithWhatNeedsIt(@TempDir Path tmp) throws Exception {
        TestDb src = TestServers.newDatabase(17, "exext_src");
        TestDb tgt = TestServers.newDatabase(17, "exext_tgt");
        src.exec(SOURCE);
        Path file = tmp.resolve("a.dump");
        assertThat(Cli.run("dump", src.uri(), "-Fc", "-f", file.toString(), "--no-progress").code()).isEqualTo(ExitCode.OK);
        Cli.Run r = Cli.run("restore", file.toString(), "-d", tgt.uri(), "--no-progress", "--exclude-extension", "hstore");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        assertLeftOut(r, tgt);
    }

    @Test
    void anExtensionThatNeedsALeftOutOneIsLeftOutAndNamedToo() throws Exception {
        TestDb src = TestServers.newDatabase(17, "exext_src");
        TestDb tgt = TestServers.newDatabase(17, "exext_tgt");
        src.exec("CREATE EXTENSION cube; CREATE EXTENSION earthdistance;"
                + " CREATE TABLE public.places (id int, pos earth); INSERT INTO public.places VALUES (1, ll_to_earth(1, 1));"
                + " CREATE TABLE public.other (id int); INSERT INTO public.other VALUES (1)");
        Cli.Run r = Cli.run("copy", src.uri(), tgt.uri(), "--no-progress", "--exclude-extension", "cube");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("extension cube left out (--exclude-extension)")
                .contains("extension earthdistance").contains("public.places");
        assertThat(tgt.scalar("SELECT count(*) FROM pg_extension WHERE extname IN ('cube', 'earthdistance')")).isEqualTo("0");
        assertThat(tgt.scalar("SELECT count(*) FROM public.other")).isEqualTo("1");
    }

    private static void assertLeftOut(Cli.Run r, TestDb tgt) throws Exception {
        assertThat(r.out()).contains("extension hstore left out (--exclude-extension)")
                .contains("s.props").contains("s.props_view").contains("s.props_view2").contains("s.first_key")
                .contains("s.uses_first").contains("orders_prop_fkey");
        assertThat(r.out() + r.err()).doesNotContain("ERROR");
        assertThat(tgt.scalar("SELECT count(*) FROM pg_extension WHERE extname = 'hstore'")).isEqualTo("0");
        assertThat(tgt.scalar("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = 's' AND c.relname LIKE 'props%'")).isEqualTo("0");
        assertThat(tgt.scalar("SELECT count(*) FROM pg_proc WHERE proname IN ('first_key', 'uses_first')")).isEqualTo("0");
        assertThat(tgt.scalar("SELECT count(*) FROM s.orders")).isEqualTo("10");
        assertThat(tgt.scalar("SELECT count(*) FROM s.plain")).isEqualTo("3");
        assertThat(tgt.scalar("SELECT count(*) FROM pg_constraint WHERE conrelid = 's.orders'::regclass"))
                .isEqualTo("1"); // the primary key; the foreign key to the left-out table is gone
    }

}
