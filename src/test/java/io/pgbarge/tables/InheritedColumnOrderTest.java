package io.pgbarge.tables;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inheritance children whose column order CREATE TABLE … INHERITS would not reproduce come out in
 * their source order (made standalone, then ALTER TABLE … INHERIT); the others are still made with
 * INHERITS and keep attislocal = false on what they inherit.
 */
@Timeout(300)
class InheritedColumnOrderTest {

    static final String FIXTURE = """
            CREATE TABLE app.base (a int NOT NULL, b text DEFAULT 'b', CONSTRAINT base_chk CHECK (a > 0));
            -- made on its own, then joined: its own order is c, b, a, d
            CREATE TABLE app.joined (c int, b text, a int NOT NULL, d date, CONSTRAINT base_chk CHECK (a > 0));
            ALTER TABLE app.joined INHERIT app.base;
            -- made with INHERITS, then the parent grows: e goes after x in the child
            CREATE TABLE app.grown (x int) INHERITS (app.base);
            CREATE TABLE app.other (o int);
            CREATE TABLE app.two (y int, o int, a int NOT NULL, b text, CONSTRAINT base_chk CHECK (a > 0));
            ALTER TABLE app.two INHERIT app.base, INHERIT app.other;
            ALTER TABLE app.base ADD COLUMN e int;
            -- made after the parent grew: INHERITS gives a, b, e, y as on the source
            CREATE TABLE app.plain_child (y int) INHERITS (app.base);
            """;

    @ParameterizedTest
    @CsvSource({"13, 13", "17, 17", "18, 18", "13, 17", "16, 18"})
    void childrenKeepTheirColumnOrder(int from, int to) throws Exception {
        TestDb source = TestServers.newDatabase(from, "order_src");
        TestDb target = TestServers.newDatabase(to, "order_tgt");
        source.exec("CREATE SCHEMA app");
        target.exec("CREATE SCHEMA app");
        source.exec(FIXTURE);

        TableObjectsRoundTripTest.copySchema(source, target);

        assertThat(columns(target)).isEqualTo(columns(source));
        assertThat(columns(source)).contains("app.joined 1 c integer f 0 null", "app.grown 3 x integer f 0 null",
                "app.grown 4 e integer f 1 null", "app.two 1 y integer f 0 null");
        assertThat(parents(target)).isEqualTo(parents(source));
        assertThat(checks(target)).isEqualTo(checks(source));
        // a child made with INHERITS keeps its inherited columns non-local, as on the source
        assertThat(local(target, "app.plain_child")).isEqualTo(local(source, "app.plain_child"));
    }

    /** Every column in attnum order, with its type, NOT NULL and inheritance count. */
    private static List<String> columns(TestDb db) throws Exception {
        return lines(db, "SELECT attrelid::regclass::text, row_number() OVER (PARTITION BY attrelid ORDER BY attnum),"
                + " attname, atttypid::regtype::text, attnotnull, attinhcount,"
                + " (SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = attrelid AND adnum = attnum)"
                + " FROM pg_attribute WHERE attrelid::regclass::text LIKE 'app.%' AND attnum > 0 AND NOT attisdropped"
                + " ORDER BY 1, 2");
    }

    private static List<String> parents(TestDb db) throws Exception {
        return lines(db, "SELECT inhrelid::regclass::text, inhparent::regclass::text, inhseqno FROM pg_inherits ORDER BY 1, 3");
    }

    private static List<String> checks(TestDb db) throws Exception {
        return lines(db, "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), coninhcount"
                + " FROM pg_constraint WHERE contype = 'c' ORDER BY 1, 2");
    }

    private static List<String> local(TestDb db, String table) throws Exception {
        return lines(db, "SELECT attname, attislocal FROM pg_attribute WHERE attrelid = '" + table + "'::regclass"
                + " AND attnum > 0 ORDER BY attnum");
    }

    private static List<String> lines(TestDb db, String sql) throws Exception {
        return db.query(sql).stream().map(r -> String.join(" ", r.stream().map(String::valueOf).toList())).toList();
    }
}
