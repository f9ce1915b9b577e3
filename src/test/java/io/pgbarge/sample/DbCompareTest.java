package io.pgbarge.sample;

import io.pgbarge.TestDb;
import io.pgbarge.testutil.DbCompare;
import io.pgbarge.testutil.Sample;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DbCompare finds nothing between two loads of the sample, and finds each kind of change made to one
 * of them. Every change is made in a transaction that is rolled back afterwards, so one pair of
 * databases serves all tests (DbCompare reads the caller's open transaction through a savepoint).
 */
@Timeout(300)
class DbCompareTest {
    private static final int MAJOR = 17;
    private static TestDb source;
    private static TestDb target;
    private static Connection sourceConn;
    private static Connection targetConn;

    @BeforeAll
    static void loadTwice() throws Exception {
        source = Sample.newDatabase(MAJOR, "cmp_src");
        target = Sample.newDatabase(MAJOR, "cmp_tgt");
        sourceConn = source.connect();
        targetConn = target.connect();
    }

    @AfterAll
    static void close() throws Exception {
        sourceConn.close();
        targetConn.close();
    }

    @Test
    void twoLoadsOfTheSampleAreTheSame() throws Exception {
        assertThat(DbCompare.schemaDifferences(sourceConn, targetConn)).isEmpty();
        assertThat(DbCompare.dataDifferences(sourceConn, targetConn)).isEmpty();
        DbCompare.assertSame(sourceConn, targetConn);
        // and the caller's session is left as it was
        assertThat(source.connect().getAutoCommit()).isTrue();
        assertThat(sourceConn.getAutoCommit()).isTrue();
        try (Statement st = sourceConn.createStatement(); var rs = st.executeQuery("SHOW search_path")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("\"$user\", public");
        }
    }

    @Test
    void describesEveryKindOfObject() throws Exception {
        var d = DbCompare.describeSchema(sourceConn, MAJOR);
        assertThat(d).containsKeys("schema \"Sales Ops\"", "extension citext", "type app.mood", "type app.email",
                "type app.address", "type app.price_range", "sequence app.ticket_seq", "table app.customers",
                "partitioned table app.measurements", "table app.measurements_2024_h0", "view app.top_customers",
                "materialized view app.product_sales", "table app.customers column email",
                "constraint room_bookings_no_overlap on app.room_bookings", "index app.products_info_idx",
                "function app.orders_of(p_customer bigint)", "procedure app.cancel_old_orders(p_before timestamp with time zone, INOUT p_count integer)",
                "aggregate app.longest(text)", "trigger orders_log on app.orders",
                "default privileges of pgbarge_demo_owner in schema \"Sales Ops\" on tables",
                "table \"Sales Ops\".\"Ünïcødé \"\"Quoted\"\" Table\" column \"Größe\"");
        assertThat(d.get("sequence app.ticket_seq")).containsEntry("owned by", "app.orders.ticket_no")
                .containsEntry("increment", "7").containsEntry("cycle", "t");
        assertThat(d.get("table app.customers column name")).containsEntry("collation", "\"C\"");
        assertThat(d.get("table app.products")).containsEntry("options", "fillfactor=70");
        // the implicit objects are not there: array types, multiranges, range constructors
        assertThat(d.keySet()).noneMatch(k -> k.contains("multirange") || k.startsWith("type app._")
                || k.startsWith("function app.price_range("));
    }

    @Test
    void findsAChangedRow() throws Exception {
        assertThat(changed("UPDATE app.awkward SET t = t || ' ' WHERE label = 'unicode'", false))
                .containsExactly("table app.awkward data: checksum: ");
    }

    @Test
    void findsAChangedRowInABigPartitionedTable() throws Exception {
        assertThat(changed("UPDATE app.measurements SET reading = 0 WHERE sensor_id = 1 AND measured_on = '2024-05-05'", false))
                .hasSize(1).allMatch(d -> d.matches("table app\\.measurements_2024_h\\d data: checksum: "));
    }

    @Test
    void findsADeletedRow() throws Exception {
        assertThat(changed("DELETE FROM app.order_items WHERE order_id = 1005 AND line_no = 1", false))
                .containsExactly("table app.order_items data: checksum: ", "table app.order_items data: rows: ");
    }

    @Test
    void findsARowMovedBetweenParentAndChild() throws Exception {
        assertThat(changed("DELETE FROM ONLY app.vehicles WHERE id = 1;"
                + " INSERT INTO app.trucks (id, name, wheels, payload_kg) VALUES (1, 'Car 1', 4, 1000)", false))
                .contains("table app.vehicles data: rows: ", "table app.trucks data: rows: ");
    }

    @Test
    void findsADroppedIndex() throws Exception {
        assertThat(changed("DROP INDEX app.customers_unhappy_idx", true))
                .containsExactly("index app.customers_unhappy_idx: missing on target");
    }

    @Test
    void findsAnAlteredColumnDefault() throws Exception {
        assertThat(changed("ALTER TABLE app.orders ALTER COLUMN status SET DEFAULT 'paid'", true))
                .containsExactly("table app.orders column status: default: ");
    }

    @Test
    void findsAChangedComment() throws Exception {
        assertThat(changed("COMMENT ON COLUMN app.customers.email IS 'changed'", true))
                .containsExactly("table app.customers column email: comment: ");
        assertThat(changed("COMMENT ON INDEX app.customers_unhappy_idx IS NULL", true))
                .containsExactly("index app.customers_unhappy_idx: comment: ");
        assertThat(changed("COMMENT ON CONSTRAINT shipments_item_fkey ON app.shipments IS 'x'", true))
                .containsExactly("constraint shipments_item_fkey on app.shipments: comment: ");
        assertThat(changed("COMMENT ON SCHEMA \"Sales Ops\" IS 'x'", true))
                .containsExactly("schema \"Sales Ops\": comment: ");
        assertThat(changed("COMMENT ON FUNCTION app.orders_of(bigint) IS 'x'", true))
                .containsExactly("function app.orders_of(p_customer bigint): comment: ");
    }

    @Test
    void findsARevokedGrant() throws Exception {
        assertThat(changed("REVOKE SELECT ON app.products FROM pgbarge_demo_reader", true))
                .containsExactly("table app.products: acl: ");
        assertThat(changed("REVOKE UPDATE (name) ON app.employees FROM pgbarge_demo_reader", true))
                .containsExactly("table app.employees column name: acl: ");
        assertThat(changed("GRANT EXECUTE ON FUNCTION app.make_code(text, bigint) TO PUBLIC", true))
                .containsExactly("function app.make_code(prefix text, n bigint): acl: ");
    }

    @Test
    void findsOtherSchemaChanges() throws Exception {
        assertThat(changed("ALTER TABLE app.documents OWNER TO pgbarge_demo_owner", true))
                .containsExactly("table app.documents: acl: ", "table app.documents: owner: ");
        assertThat(changed("ALTER TYPE app.order_status ADD VALUE 'lost'", true))
                .containsExactly("type app.order_status: labels: ");
        assertThat(changed("ALTER TABLE app.orders DISABLE TRIGGER orders_log", true))
                .containsExactly("trigger orders_log on app.orders: enabled: ");
        assertThat(changed("ALTER SEQUENCE app.ticket_seq INCREMENT BY 8", true))
                .containsExactly("sequence app.ticket_seq: increment: ");
        assertThat(changed("ALTER TABLE app.shipments ALTER CONSTRAINT shipments_item_fkey NOT DEFERRABLE", true))
                .contains("constraint shipments_item_fkey on app.shipments: deferrable: ");
        assertThat(changed("CREATE OR REPLACE VIEW app.cheap_products AS SELECT id, sku, name, price FROM app.products"
                + " WHERE price < 50 WITH CASCADED CHECK OPTION", true))
                .containsExactly("view app.cheap_products: definition: ");
        assertThat(changed("CREATE OR REPLACE FUNCTION app.make_code(prefix text, n bigint) RETURNS text"
                + " LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT prefix || '_' || n $$", true))
                .containsExactly("function app.make_code(prefix text, n bigint): source: ");
        assertThat(changed("ALTER TABLE app.products SET (fillfactor = 60)", true))
                .containsExactly("table app.products: options: ");
        assertThat(changed("ALTER TABLE app.orders ALTER COLUMN note TYPE varchar(100)", true))
                .containsExactly("table app.orders column note: type: ");
        assertThat(changed("ALTER DOMAIN app.positive_amount DROP CONSTRAINT positive_amount_check", true))
                .containsExactly("type app.positive_amount: comment on constraints: ", "type app.positive_amount: constraints: ");
        assertThat(changed("CREATE TABLE app.extra (x int)", true))
                .containsExactly("table app.extra: only on target, not in source");
        assertThat(changed("ALTER TABLE app.measurements DETACH PARTITION app.measurements_other", true))
                .contains("table app.measurements_other: partition bound: ", "table app.measurements_other: parents: ");
    }

    @Test
    void ignoresOnlyWhatItIsToldTo() throws Exception {
        String sql = "ALTER TABLE app.documents OWNER TO pgbarge_demo_owner; COMMENT ON TABLE app.orders IS 'x';"
                + " REVOKE SELECT ON app.products FROM pgbarge_demo_reader";
        assertThat(changed(sql, true, DbCompare.Ignore.OWNERS)).containsExactly(
                "table app.orders: comment: ", "table app.products: acl: ");
        assertThat(changed(sql, true, DbCompare.Ignore.OWNERS, DbCompare.Ignore.COMMENTS)).containsExactly(
                "table app.products: acl: ");
        assertThat(changed(sql, true, DbCompare.Ignore.values())).isEmpty();
    }

    @Test
    void findsAChangedSequenceValue() throws Exception {
        // setval is not transactional: put the value back by hand
        try {
            assertThat(changed("SELECT nextval('app.countdown_seq'), nextval('app.countdown_seq')", false))
                    .containsExactly("sequence app.countdown_seq value: is called: ", "sequence app.countdown_seq value: last value: ");
        } finally {
            target.exec("SELECT setval('app.countdown_seq', 500, false)");
        }
        assertThat(DbCompare.dataDifferences(sourceConn, targetConn)).isEmpty();
    }

    @Test
    void findsAnUnpopulatedMaterializedView() throws Exception {
        assertThat(changed("REFRESH MATERIALIZED VIEW app.product_sales WITH NO DATA", false))
                .containsExactly("materialized view app.product_sales data: checksum: ",
                        "materialized view app.product_sales data: populated: ",
                        "materialized view app.product_sales data: rows: ");
    }

    @Test
    void assertSameFailsWithTheFullList() throws Exception {
        try {
            targetConn.setAutoCommit(false);
            try (Statement st = targetConn.createStatement()) {
                st.execute("DROP INDEX app.customers_unhappy_idx; UPDATE app.awkward SET n = 1 WHERE label = 'NaN'");
            }
            assertThatThrownBy(() -> DbCompare.assertSame(sourceConn, targetConn))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("2 way(s)")
                    .hasMessageContaining("index app.customers_unhappy_idx: missing on target")
                    .hasMessageContaining("table app.awkward data: checksum");
        } finally {
            targetConn.rollback();
            targetConn.setAutoCommit(true);
        }
    }

    /**
     * Runs {@code sql} on the target in a transaction, compares (schema or data), rolls back, and
     * returns the differences cut after "source"/"only" so that tests need not spell out values.
     */
    private static List<String> changed(String sql, boolean schema, DbCompare.Ignore... ignore) throws Exception {
        List<String> diffs;
        targetConn.setAutoCommit(false);
        try {
            try (Statement st = targetConn.createStatement()) {
                st.execute(sql);
            }
            diffs = schema ? DbCompare.schemaDifferences(sourceConn, targetConn, ignore)
                    : DbCompare.dataDifferences(sourceConn, targetConn);
        } finally {
            targetConn.rollback();
            targetConn.setAutoCommit(true);
        }
        System.out.println(sql + "\n  → " + String.join("\n  → ", diffs));
        List<String> cut = new ArrayList<>();
        for (String d : diffs) {
            int i = d.indexOf("source '");
            if (i < 0) {
                i = d.indexOf("source (none)");
            }
            cut.add(i < 0 ? d : d.substring(0, i));
        }
        return cut;
    }
}
