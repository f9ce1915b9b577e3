package io.pgbarge.script;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shared plain dumps, read completely: the counts of each kind of statement must match what a
 * line-based grep of the file finds, and replaying every item on a fresh PostgreSQL 15 database must
 * load every row.
 */
class RealDumpsTest {

    private static Path dataset(String relative) {
        Path root = TestServers.datasets();
        assumeTrue(root != null, "shared datasets are not available");
        Path p = root.resolve(relative);
        assumeTrue(Files.isRegularFile(p), relative + " is not available");
        return p;
    }

    private static long grep(List<String> lines, String regex) {
        Pattern p = Pattern.compile(regex);
        return lines.stream().filter(l -> p.matcher(l).find()).count();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pagila/pagila.sql", "chinook/chinook.sql", "archives/pagila_neon.plain.sql", "archives/lo_test.plain.sql"})
    @Timeout(120)
    void parsesCompletelyAndCountsMatchGrep(String relative) throws Exception {
        Path file = dataset(relative);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);

        Map<StatementKind, Integer> kinds = new EnumMap<>(StatementKind.class);
        int copies = 0;
        long rowLines = 0;
        int restrict = 0;
        try (SqlScriptReader r = new SqlScriptReader(Files.newInputStream(file))) {
            for (ScriptItem it = r.next(); it != null; it = r.next()) {
                if (it instanceof ScriptStatement s) {
                    kinds.merge(s.classify().kind(), 1, Integer::sum);
                    // two statements merged into one would carry pg_dump's header comment of the second
                    assertThat(s.sql()).doesNotContain("\n-- Name: ").endsWith(";");
                    assertThat(lines.get((int) s.line() - 1)).startsWith(s.sql().lines().findFirst().orElseThrow());
                } else if (it instanceof CopyBlock c) {
                    copies++;
                    assertThat(c.copyStatement()).startsWith("COPY ").endsWith(" FROM stdin;");
                    assertThat(lines.get((int) c.line() - 1)).isEqualTo(c.copyStatement());
                    byte[] data = c.rows().readAllBytes();
                    for (byte b : data) {
                        if (b == '\n') {
                            rowLines++;
                        }
                    }
                } else if (it instanceof MetaCommand m) {
                    assertThat(m.name()).isIn("restrict", "unrestrict");
                    restrict++;
                }
            }
            assertThat(r.line()).isEqualTo(lines.size() + 1L);
        }

        assertThat(copies).isEqualTo(grep(lines, "^COPY .* FROM stdin;$")).isEqualTo(grep(lines, "^\\\\\\.$"));
        assertThat(restrict).isEqualTo(grep(lines, "^\\\\(un)?restrict "));
        assertThat(count(kinds, StatementKind.CREATE_TABLE)).isEqualTo(grep(lines, "^CREATE TABLE "));
        assertThat(count(kinds, StatementKind.CREATE_INDEX)).isEqualTo(grep(lines, "^CREATE (UNIQUE )?INDEX "));
        assertThat(count(kinds, StatementKind.CREATE_TRIGGER)).isEqualTo(grep(lines, "^CREATE TRIGGER "));
        assertThat(count(kinds, StatementKind.CREATE_FUNCTION)).isEqualTo(grep(lines, "^CREATE (FUNCTION|AGGREGATE|PROCEDURE) "));
        assertThat(count(kinds, StatementKind.SETVAL)).isEqualTo(grep(lines, "^SELECT pg_catalog.setval\\("));
        assertThat(count(kinds, StatementKind.SET)).isEqualTo(grep(lines, "^(SET |SELECT pg_catalog.set_config\\()"));
        assertThat(count(kinds, StatementKind.LARGE_OBJECT)).isEqualTo(grep(lines, "^SELECT pg_catalog.lo"));
        assertThat(count(kinds, StatementKind.ATTACH_PARTITION)).isEqualTo(grep(lines, "^ALTER TABLE .* ATTACH PARTITION "));
        long constraints = count(kinds, StatementKind.ADD_PRIMARY_KEY) + count(kinds, StatementKind.ADD_UNIQUE)
                + count(kinds, StatementKind.ADD_FOREIGN_KEY) + count(kinds, StatementKind.ADD_CHECK) + count(kinds, StatementKind.ADD_EXCLUDE);
        assertThat(constraints).isEqualTo(grep(lines, "^    ADD CONSTRAINT "));
        assertThat(count(kinds, StatementKind.ADD_FOREIGN_KEY)).isEqualTo(grep(lines, "^    ADD CONSTRAINT .* FOREIGN KEY "));
        assertThat(count(kinds, StatementKind.ADD_PRIMARY_KEY)).isEqualTo(grep(lines, "^    ADD CONSTRAINT .* PRIMARY KEY "));
        assertThat(count(kinds, StatementKind.COMMENT)).isEqualTo(grep(lines, "^COMMENT ON "));
        assertThat(count(kinds, StatementKind.OWNER)).isEqualTo(grep(lines, "^ALTER .* OWNER TO "));
        assertThat(rowLines).isPositive();
    }

    private static long count(Map<StatementKind, Integer> kinds, StatementKind k) {
        return kinds.getOrDefault(k, 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pagila/pagila.sql", "chinook/chinook.sql", "archives/pagila_neon.plain.sql", "archives/lo_test.plain.sql"})
    @Timeout(300)
    void replaysOnPostgres15(String relative) throws Exception {
        Path file = dataset(relative);
        TestDb db = TestServers.newDatabase(15, "script_real");
        ScriptReplayer done;
        try (InputStream in = Files.newInputStream(file); Connection c = db.connect()) {
            done = ScriptReplayer.replay(in, c);
        }
        long rows = 0;
        for (List<String> t : db.query("SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r'"
                + " AND n.nspname NOT IN ('pg_catalog', 'information_schema')")) {
            rows += Long.parseLong(db.scalar("SELECT count(*) FROM " + t.get(0)));
        }
        assertThat(rows).isEqualTo(done.copiedRows);
        if (relative.contains("pagila")) {
            assertThat(rows).isEqualTo(46_273L);
            assertThat(db.scalar("SELECT count(*) FROM public.payment")).isEqualTo("16049");
        }
        if (relative.contains("lo_test")) {
            assertThat(db.scalar("SELECT count(*) FROM pg_largeobject_metadata")).isEqualTo("6");
            assertThat(db.scalar("SELECT count(*) FROM pg_largeobject_metadata WHERE oid = 424242")).isEqualTo("1");
        }
    }
}
