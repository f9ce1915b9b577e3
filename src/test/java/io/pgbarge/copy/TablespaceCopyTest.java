package io.pgbarge.copy;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** TABLESPACE placement is kept where the target has a tablespace of that name, dropped with a note otherwise. */
@Timeout(300)
class TablespaceCopyTest {
    @Test
    void keepsTablespacesTheTargetHasAndNotesTheOthers() throws Exception {
        TestDb src = TestServers.newDatabase(16, "ts_src");
        TestDb tgt = TestServers.newDatabase(17, "ts_tgt");
        String fast = "pgbarge_fast_" + ProcessHandle.current().pid();
        String slow = "pgbarge_slow_" + ProcessHandle.current().pid();
        src.exec("CREATE TABLESPACE " + fast + " LOCATION '" + serverOwnedDir() + "'");
        src.exec("CREATE TABLESPACE " + slow + " LOCATION '" + serverOwnedDir() + "'");
        tgt.exec("CREATE TABLESPACE " + fast + " LOCATION '" + serverOwnedDir() + "'");
        src.exec("CREATE TABLE public.hot (id int PRIMARY KEY USING INDEX TABLESPACE " + fast + ", v text) TABLESPACE " + fast + ";"
                + " CREATE INDEX hot_v ON public.hot (v) TABLESPACE " + fast + ";"
                + " CREATE TABLE public.cold (id int) TABLESPACE " + slow + ";"
                + " INSERT INTO public.hot SELECT i, 'v' || i FROM generate_series(1, 1000) i;"
                + " INSERT INTO public.cold SELECT generate_series(1, 10)");

        CopyResult result = CopyTestSupport.copy(src, tgt, CopyTestSupport.jobs(2));

        String where = "SELECT string_agg(c.relname || '=' || COALESCE(t.spcname, 'default'), ',' ORDER BY c.relname)"
                + " FROM pg_class c LEFT JOIN pg_tablespace t ON t.oid = c.reltablespace"
                + " WHERE c.relname IN ('hot', 'hot_pkey', 'hot_v', 'cold')";
        assertThat(tgt.scalar(where)).isEqualTo("cold=default,hot=" + fast + ",hot_pkey=" + fast + ",hot_v=" + fast);
        assertThat(tgt.scalar("SELECT count(*) FROM public.hot")).isEqualTo("1000");
        assertThat(result.notes()).anyMatch(n -> n.contains(slow) && n.contains("does not exist on the target"));
        assertThat(tgt.scalar("SHOW default_tablespace")).isEmpty();
    }

    /** A directory the server's OS user owns (nobody, when the tests run as root). */
    private static String serverOwnedDir() throws Exception {
        Path dir = Files.createTempDirectory("pgbarge-ts-");
        if ("root".equals(System.getProperty("user.name"))) {
            new ProcessBuilder("chown", "nobody", dir.toString()).inheritIO().start().waitFor();
        }
        return dir.toString();
    }
}
