package io.pgbarge.sample;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.testutil.Sample;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** sample.sql loads, as one JDBC execute, on every supported major version, and has what it claims. */
@Timeout(300)
class SampleLoadsTest {

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 15, 16, 17, 18})
    void loadsOnEveryMajorVersion(int major) throws Exception {
        TestDb db = TestServers.newDatabase(major, "sample_load");
        long start = System.nanoTime();
        Sample.load(db);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("sample.sql loaded on PostgreSQL %d in %d ms%n", major, millis);
        // The target is < 10 s; the bound here is loose so that a busy CI machine does not fail it.
        assertThat(millis).isLessThan(60_000);

        // volume, across partitions and inheritance
        assertThat(db.scalar("SELECT count(*) FROM app.customers")).isEqualTo("20000");
        assertThat(db.scalar("SELECT count(*) FROM app.order_items")).isEqualTo("120000");
        assertThat(db.scalar("SELECT count(*) FROM app.measurements")).isEqualTo("120000");
        assertThat(db.scalar("SELECT count(*) FROM ONLY app.measurements_other")).isEqualTo("10000");
        assertThat(db.scalar("SELECT count(*) FROM ONLY app.vehicles")).isEqualTo("300");
        assertThat(db.scalar("SELECT count(*) FROM app.vehicles")).isEqualTo("400");
        assertThat(db.scalar("SELECT count(*) FROM \"Sales Ops\".regional_sales_rest")).isEqualTo("8000");

        // awkward data survived the trip in
        assertThat(db.scalar("SELECT length(body) >= 5 * 1024 * 1024 FROM app.documents WHERE id = 1")).isEqualTo("t");
        assertThat(db.scalar("SELECT b FROM app.awkward WHERE label = 'bytes'")).isEqualTo("\\x000102fffe00ff00");
        assertThat(db.scalar("SELECT t FROM app.awkward WHERE label = 'unicode'")).contains("😀", "e\u0301");
        assertThat(db.scalar("SELECT \"naïve \"\"café\"\"\" FROM \"Sales Ops\".\"Ünïcødé \"\"Quoted\"\" Table\" WHERE \"ID\" = 4"))
                .contains("\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67");
        assertThat(db.scalar("SELECT count(*) FROM app.awkward WHERE n::text = 'Infinity'"))
                .isEqualTo(major >= 14 ? "1" : "0");
        assertThat(db.scalar("SELECT d FROM app.awkward WHERE label = '-infinity'")).isEqualTo("-infinity");
        assertThat(db.scalar("SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = 'app.mood'::regtype"))
                .isEqualTo("sad,meh,ok,très bien,happy");

        // the object kinds it promises
        assertThat(db.scalar("SELECT string_agg(extname, ',' ORDER BY extname) FROM pg_extension WHERE extnamespace = 'ext'::regnamespace"))
                .isEqualTo("btree_gist,citext,hstore,pg_trgm");
        assertThat(db.scalar("SELECT string_agg(DISTINCT partstrat::text, ',') FROM pg_partitioned_table")).isEqualTo("h,l,r");
        assertThat(db.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'x'")).isEqualTo("1");
        assertThat(db.scalar("SELECT count(*) FROM pg_constraint WHERE condeferred")).isEqualTo("1");
        assertThat(db.scalar("SELECT string_agg(attidentity::text, ',' ORDER BY attidentity) FROM pg_attribute"
                + " WHERE attidentity <> '' AND attrelid::regclass::text LIKE 'app.%'")).isEqualTo("a,d");
        assertThat(db.scalar("SELECT attgenerated FROM pg_attribute WHERE attrelid = 'app.products'::regclass AND attname = 'weight_kg'"))
                .isEqualTo("s");
        assertThat(db.scalar("SELECT string_agg(tgenabled::text, ',' ORDER BY tgenabled) FROM pg_trigger WHERE NOT tgisinternal"))
                .isEqualTo("D,O,O,R");
        assertThat(db.scalar("SELECT relpersistence FROM pg_class WHERE oid = 'app.audit_log'::regclass")).isEqualTo("u");
        assertThat(db.scalar("SELECT count(*) FROM pg_aggregate WHERE aggfnoid::regproc::text LIKE 'app.%'")).isEqualTo("2");
        assertThat(db.scalar("SELECT count(*) FROM pg_proc WHERE prokind = 'p' AND pronamespace = 'app'::regnamespace")).isEqualTo("1");
        assertThat(db.scalar("SELECT count(*) FROM pg_matviews WHERE schemaname IN ('app', 'Sales Ops')")).isEqualTo("2");
        assertThat(db.scalar("SELECT last_value || '/' || is_called FROM app.ticket_seq")).isEqualTo("777777/true");
        assertThat(db.scalar("SELECT last_value || '/' || is_called FROM app.countdown_seq")).isEqualTo("500/false");
        assertThat(db.scalar("SELECT has_column_privilege('pgbarge_demo_reader', 'app.employees', 'name', 'SELECT')"
                + " AND NOT has_column_privilege('pgbarge_demo_reader', 'app.employees', 'salary', 'SELECT')")).isEqualTo("t");
        assertThat(db.scalar("SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'Sales Ops'"))
                .isEqualTo("pgbarge_demo_owner");
    }
}
