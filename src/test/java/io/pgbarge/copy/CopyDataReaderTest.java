package io.pgbarge.copy;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.report.RunProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pump reads the source's rows straight from the session's input buffer (CopyDataReader), and
 * leaves every other message to pgjdbc: the rows must arrive whole and counted whatever their size
 * against the pump's 256 KiB buffer, in text and binary, with notices in the middle of the copy.
 */
@Timeout(300)
class CopyDataReaderTest {
    private static final String SOURCE_SQL = """
            CREATE TABLE t (id int PRIMARY KEY, body text);
            -- small rows around rows larger than the buffer, and one exactly filling what is left of it
            INSERT INTO t SELECT g, CASE WHEN g % 50 = 0 THEN repeat(md5(g::text), 12000)
                                         WHEN g = 7 THEN repeat('x', 262144 - 40) ELSE 'row ' || g END
              FROM generate_series(1, 400) g;
            CREATE FUNCTION noisy(i int) RETURNS int LANGUAGE plpgsql AS $$
            BEGIN
              IF i % 100 = 0 THEN RAISE NOTICE 'passing %', i; END IF;
              RETURN i;
            END $$;
            """;
    private static final String SUM = "SELECT count(*) || ':' || md5(string_agg(id || '|' || body, ',' ORDER BY id)) FROM ";

    @Test
    void theSessionsInputIsReachableSoRowsSkipPgjdbcsPerRowPath() throws Exception {
        TestDb db = TestServers.newDatabase(17, "cdr_reach");
        try (Connection c = db.connect()) {
            // null would mean every row goes through pgjdbc again (a pgjdbc without the field): still
            // correct, but the CPU saved is gone, so a new pgjdbc must keep this true
            assertThat(CopyDataReader.of(c)).isNotNull();
        }
    }

    @Test
    void rowsOfEverySizeAndNoticesBetweenThemArriveWholeInTextAndBinary() throws Exception {
        TestDb source = TestServers.newDatabase(17, "cdr_src");
        TestDb target = TestServers.newDatabase(17, "cdr_tgt");
        source.exec(SOURCE_SQL);
        target.exec("CREATE TABLE t (id int PRIMARY KEY, body text)");
        String expected = source.scalar(SUM + "t");
        for (String query : new String[] {"COPY t TO STDOUT (FORMAT binary)", "COPY t TO STDOUT",
                "COPY (SELECT noisy(id), body FROM t) TO STDOUT (FORMAT binary)"}) {
            target.exec("TRUNCATE t");
            CopyPump.Counts counts;
            RunProgress.TableState state = new RunProgress().addTable("t", 0, 0);
            try (Connection s = source.connect(); Connection t = target.connect()) {
                s.setAutoCommit(false);
                counts = CopyPump.pump(s, query, t, "COPY t FROM STDIN" + (query.contains("binary") ? " (FORMAT binary)" : ""),
                        state);
                s.commit();
            }
            assertThat(counts.sourceRows()).as(query).isEqualTo(400);
            assertThat(counts.targetRows()).as(query).isEqualTo(400);
            // for the live display; binary COPY's end marker comes as a message of its own and counts too
            assertThat(state.rows.get()).as("rows counted as they pass: " + query).isBetween(400L, 401L);
            assertThat(target.scalar(SUM + "t")).as(query).isEqualTo(expected);
        }
    }
}
