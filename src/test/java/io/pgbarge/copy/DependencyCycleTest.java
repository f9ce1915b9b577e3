package io.pgbarge.copy;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** Cycles the server allows only step by step are recreated step by step, as pg_dump does. */
@Timeout(300)
class DependencyCycleTest {
    @Test
    void aViewWhoseQueryCallsAFunctionOfItsOwnRowTypeIsCreatedAsAStandInFirst() throws Exception {
        TestDb src = TestServers.newDatabase(17, "cycle_src");
        TestDb tgt = TestServers.newDatabase(17, "cycle_tgt");
        src.exec("""
                CREATE SCHEMA c;
                CREATE TABLE c.t (a int, label text COLLATE "C");
                INSERT INTO c.t VALUES (1, 'one'), (2, 'two'), (3, 'three');
                CREATE VIEW c.v AS SELECT a, label FROM c.t;
                CREATE FUNCTION c.keep(r c.v) RETURNS boolean LANGUAGE sql AS 'SELECT $1.a > 1';
                CREATE OR REPLACE VIEW c.v AS SELECT a, label FROM c.t WHERE c.keep(ROW(t.a, t.label)::c.v);
                """);
        CopyResult result = CopyTestSupport.copy(src, tgt, CopyTestSupport.jobs(2));
        assertThat(result.notes()).noneMatch(n -> n.contains("cycle"));
        assertThat(tgt.scalar("SELECT pg_get_viewdef('c.v'::regclass)"))
                .isEqualTo(src.scalar("SELECT pg_get_viewdef('c.v'::regclass)"));
        assertThat(tgt.scalar("SELECT string_agg(label, ',' ORDER BY a) FROM c.v")).isEqualTo("two,three");
        assertThat(tgt.scalar("SELECT attcollation::regcollation::text FROM pg_attribute"
                + " WHERE attrelid = 'c.v'::regclass AND attname = 'label'")).isEqualTo("\"C\"");
    }
}
