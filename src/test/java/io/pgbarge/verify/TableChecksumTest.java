package io.pgbarge.verify;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The checksum formula itself: order-independent, sensitive to every change, the same on 13–18. */
@Timeout(300)
class TableChecksumTest {
    private static final List<String> AB = List.of("a", "b");

    private static TableChecksum.Result checksum(TestDb db, String table, List<String> columns) throws Exception {
        try (Connection c = db.connect()) {
            VerifySession.apply(c);
            return TableChecksum.compute(c, table, true, columns);
        }
    }

    @Test
    void theSameRowsInAnotherOrderAndColumnLayoutGiveTheSameChecksum() throws Exception {
        TestDb db = TestServers.newDatabase(17, "ck_order");
        db.exec("CREATE TABLE public.t1 (a integer, b text);"
                + "INSERT INTO public.t1 SELECT g, 'row ' || g FROM generate_series(1, 5000) g ORDER BY g;"
                // the same rows, inserted backwards, into a table whose columns lie in another order
                // with a dropped column between them
                + "CREATE TABLE public.t2 (b text, x integer, a integer); ALTER TABLE public.t2 DROP COLUMN x;"
                + "INSERT INTO public.t2 (a, b) SELECT g, 'row ' || g FROM generate_series(1, 5000) g ORDER BY g DESC;"
                + "UPDATE public.t2 SET b = b WHERE a % 7 = 0;"); // moves some rows to the end of the heap
        TableChecksum.Result one = checksum(db, "public.t1", AB);
        TableChecksum.Result two = checksum(db, "public.t2", AB);
        assertThat(one.rows()).isEqualTo(5000);
        assertThat(two).isEqualTo(one);
        assertThat(one.checksum()).matches("[0-9a-f]{32}");
    }

    @Test
    void everyKindOfChangeChangesTheChecksum() throws Exception {
        TestDb db = TestServers.newDatabase(17, "ck_change");
        db.exec("CREATE TABLE public.base (a integer, b text);"
                + "INSERT INTO public.base VALUES (1, 'x'), (2, 'y'), (3, NULL);"
                // values swapped between two rows: the same values per column, other rows
                + "CREATE TABLE public.swapped (a integer, b text);"
                + "INSERT INTO public.swapped VALUES (1, 'y'), (2, 'x'), (3, NULL);"
                // NULL against the empty string
                + "CREATE TABLE public.empty_string (a integer, b text);"
                + "INSERT INTO public.empty_string VALUES (1, 'x'), (2, 'y'), (3, '');"
                // a duplicated row: under XOR two equal rows would cancel out, under a sum they do not
                + "CREATE TABLE public.doubled (a integer, b text);"
                + "INSERT INTO public.doubled VALUES (1, 'x'), (2, 'y'), (3, NULL), (1, 'x'), (1, 'x');"
                + "CREATE TABLE public.empty (a integer, b text);");
        TableChecksum.Result base = checksum(db, "public.base", AB);
        assertThat(checksum(db, "public.swapped", AB).checksum()).isNotEqualTo(base.checksum());
        assertThat(checksum(db, "public.empty_string", AB).checksum()).isNotEqualTo(base.checksum());
        TableChecksum.Result doubled = checksum(db, "public.doubled", AB);
        assertThat(doubled.checksum()).isNotEqualTo(base.checksum());
        assertThat(doubled.rows()).isEqualTo(5);
        assertThat(checksum(db, "public.empty", AB)).isEqualTo(new TableChecksum.Result(0, "0".repeat(32)));
    }

    /** Every built-in type the copy carries, with values whose text form depends on session settings. */
    private static final String AWKWARD = "CREATE TYPE public.mood AS ENUM ('sad', 'ok');"
            + "CREATE TABLE public.awkward (id integer, i2 smallint, i8 bigint, n numeric, f4 real, f8 double precision,"
            + " t text, vc varchar(20), ch char(5), by bytea, d date, ts timestamp, tstz timestamptz, tm time, tmtz timetz,"
            + " iv interval, bo boolean, u uuid, j json, jb jsonb, ip inet, cidr cidr, mac macaddr, bits bit(8),"
            + " vbits bit varying(16), tsv tsvector, ia integer[], ta text[], nr numrange, tr tstzrange, pt point,"
            + " m money, mood public.mood, oidv regclass, fa double precision[]);"
            + "INSERT INTO public.awkward VALUES"
            + " (1, -32768, 9223372036854775807, 12345678901234567890.123456789, 0.1, 0.1,"
            + "  'quotes '' \" and \\ backslash, tab\tand ünïcødé 🚢', 'vc', 'ab', '\\x00ff10'::bytea, '2024-02-29',"
            + "  '2024-02-29 13:14:15.123456', '2024-06-30 23:59:59.999999+02', '23:59:59.5', '10:00:00+05:30',"
            + "  '1 year 2 mons 3 days 04:05:06.7', true, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',"
            + "  '{\"b\": 1,  \"a\": [1, 2.50]}', '{\"b\": 1, \"a\": [1, 2.50]}', '192.168.0.1/24', '10.0.0.0/8',"
            + "  '08:00:2b:01:02:03', B'10101010', B'101', 'a fat:1 cat:2', '{1,NULL,3}', '{\"x y\",NULL,\"\"}',"
            + "  '[1.5,2.5)', '[2024-01-01 00:00+00,2024-01-02 00:00+00)', '(1.5,-2.25)', 1234.56, 'ok',"
            + "  'pg_catalog.pg_class', '{0.1,1e-300,-0,NaN,Infinity}'),"
            + " (2, NULL, NULL, 'NaN', 1e30, 1.0/3, NULL, NULL, NULL, '', '-infinity', 'infinity', '1900-01-01 00:00:00+00',"
            + "  '00:00', '00:00+00', '-1 days +01:00', false, NULL, 'null', '[]', '::1', '::/0', NULL, NULL, NULL, '',"
            + "  '{}', '{}', 'empty', '(,)', NULL, -0.01, 'sad', NULL, '{}'),"
            + " (3, 0, 0, 0.000, -0, 5e-324, '', '', '', NULL, '0001-01-01 BC', '1999-12-31 23:59:59', '2000-01-01 00:00+14',"
            + "  NULL, NULL, '0', NULL, NULL, '\"x\"', '\"x\"', NULL, NULL, NULL, B'00000000', B'', NULL, NULL, NULL,"
            + "  NULL, NULL, '(0,0)', 0, NULL, NULL, NULL)";

    private static final List<String> AWKWARD_COLUMNS = List.of("id", "i2", "i8", "n", "f4", "f8", "t", "vc", "ch",
            "by", "d", "ts", "tstz", "tm", "tmtz", "iv", "bo", "u", "j", "jb", "ip", "cidr", "mac", "bits", "vbits",
            "tsv", "ia", "ta", "nr", "tr", "pt", "m", "mood", "oidv", "fa");

    @Test
    void theSameDataGivesTheSameChecksumOnEveryMajorVersionWhateverTheServersSettings() throws Exception {
        Map<Integer, TableChecksum.Result> byVersion = new LinkedHashMap<>();
        String[] zones = {"America/New_York", "Asia/Kolkata", "Pacific/Chatham", "UTC", "Europe/Berlin"};
        int i = 0;
        for (int major : new int[] {13, 15, 16, 17, 18}) {
            TestDb db = TestServers.newDatabase(major, "ck_v" + major);
            // defaults that change the text form of values: each database sets them differently
            db.exec("ALTER DATABASE " + db.name() + " SET TimeZone = '" + zones[i++] + "';"
                    + "ALTER DATABASE " + db.name() + " SET DateStyle = 'SQL, DMY';"
                    + "ALTER DATABASE " + db.name() + " SET IntervalStyle = 'sql_standard';"
                    + "ALTER DATABASE " + db.name() + " SET extra_float_digits = -2;"
                    + "ALTER DATABASE " + db.name() + " SET bytea_output = 'escape';");
            // the rows are inserted under UTC, so that the literals mean the same instants everywhere
            db.exec("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY'; SET IntervalStyle = 'postgres';" + AWKWARD);
            byVersion.put(major, checksum(db, "public.awkward", AWKWARD_COLUMNS));
        }
        assertThat(byVersion.get(13).rows()).isEqualTo(3);
        assertThat(byVersion.values()).as("checksum by major version: %s", byVersion).containsOnly(byVersion.get(13));
    }

    @Test
    void withoutTheVerifySettingsTheTextFormWouldDiffer() throws Exception {
        // proves the settings matter: the same value under two time zones prints differently
        TestDb db = TestServers.newDatabase(17, "ck_settings");
        db.exec("CREATE TABLE public.t (a timestamptz); INSERT INTO public.t VALUES ('2024-01-01 00:00+00')");
        String query = TableChecksum.query("public.t", true, List.of("a"));
        List<String> utc;
        List<String> ny;
        try (Connection c = db.connect(); var st = c.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            try (var rs = st.executeQuery(query)) {
                rs.next();
                utc = List.of(rs.getString(2), rs.getString(3));
            }
            st.execute("SET TimeZone = 'America/New_York'");
            try (var rs = st.executeQuery(query)) {
                rs.next();
                ny = List.of(rs.getString(2), rs.getString(3));
            }
        }
        assertThat(ny).isNotEqualTo(utc);
    }
}
