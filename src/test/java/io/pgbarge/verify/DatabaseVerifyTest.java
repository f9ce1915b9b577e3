package io.pgbarge.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.copy.CopyOptions;
import io.pgbarge.copy.DatabaseCopy;
import io.pgbarge.report.RunProgress;
import io.pgbarge.testutil.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample database copied with the real copy, then verified: equal right after the copy (also
 * across major versions, where the checksums must still match), and every change made to the target
 * afterwards found and named.
 */
@Timeout(600)
class DatabaseVerifyTest {

    static TestDb[] copiedSample(int sourceMajor, int targetMajor, String hint) throws Exception {
        TestDb source = Sample.newDatabase(sourceMajor, hint + "_src");
        TestDb target = TestServers.newDatabase(targetMajor, hint + "_tgt");
        Sample.createRoles(target);
        new DatabaseCopy(n -> source.connect(), n -> target.connect(), CopyOptions.defaults(), new RunProgress()).run();
        return new TestDb[] {source, target};
    }

    static VerifyReport verify(TestDb source, TestDb target, VerifyOptions options) throws Exception {
        return new DatabaseVerify(n -> source.connect(), n -> target.connect(), options, VerifyProgress.NONE).run();
    }

    static final class CountingProgress implements VerifyProgress {
        final AtomicInteger done = new AtomicInteger();

        @Override
        public void tableVerified(TableResult result, int n, int total) {
            done.incrementAndGet();
        }
    }

    private static TableResult table(VerifyReport r, String name) {
        return r.tables().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + name));
    }

    @ParameterizedTest(name = "PostgreSQL {0} -> {1}")
    @CsvSource({"17, 17", "13, 17", "17, 18"})
    void aFreshCopyIsEqual(int sourceMajor, int targetMajor) throws Exception {
        TestDb[] dbs = copiedSample(sourceMajor, targetMajor, "ver_eq");
        CountingProgress progress = new CountingProgress();
        VerifyReport r = new DatabaseVerify(n -> dbs[0].connect(), n -> dbs[1].connect(), new VerifyOptions(3, true, true),
                progress).run();

        assertThat(r.differences()).as(r.render()).isEmpty();
        assertThat(r.equal()).isTrue();
        // what was compared: every leaf table and inheritance member, both materialized views
        assertThat(r.tables()).extracting(TableResult::name).contains("app.orders", "app.vehicles", "app.trucks",
                "app.measurements_2024_h1", "\"Sales Ops\".regional_sales_rest",
                "\"Sales Ops\".\"Ünïcødé \"\"Quoted\"\" Table\"", "app.awkward", "app.product_sales")
                .doesNotContain("app.measurements", "\"Sales Ops\".regional_sales");
        assertThat(progress.done.get()).isEqualTo(r.tables().size());
        TableResult orders = table(r, "app.orders");
        assertThat(orders.sourceRows()).isEqualTo(60_000L);
        assertThat(orders.sourceChecksum()).matches("[0-9a-f]{32}").isEqualTo(orders.targetChecksum());
        assertThat(table(r, "app.vehicles").sourceRows()).as("ONLY: the parent's own rows").isEqualTo(300L);
        assertThat(r.sequences()).extracting(SequenceResult::name).contains("app.ticket_seq", "app.orders_id_seq");
        assertThat(r.schemaObjects()).isGreaterThan(200);
        JsonNode json = new ObjectMapper().readTree(r.toJson());
        assertThat(json.get("equal").asBoolean()).isTrue();
        assertThat(json.get("summary").get("rows_source").asLong()).isEqualTo(json.get("summary").get("rows_target").asLong())
                .isGreaterThan(100_000);
    }

    @Test
    void everyChangeToTheTargetIsFoundAndNamed() throws Exception {
        TestDb[] dbs = copiedSample(17, 17, "ver_diff");
        TestDb source = dbs[0];
        TestDb target = dbs[1];
        long ticket = Long.parseLong(source.scalar("SELECT last_value FROM app.ticket_seq"));
        target.exec("UPDATE app.employees SET salary = salary + 1 WHERE id = 7;"               // one column of one row
                + "DELETE FROM ONLY app.vehicles WHERE id = 5;"                                // a row less (parent only)
                + "INSERT INTO \"Sales Ops\".regional_sales VALUES ('south', 999999, 1.00, '2024-01-01');" // a row more
                + "UPDATE app.trucks SET name = CASE id WHEN 1001 THEN 'Truck 1002' ELSE 'Truck 1001' END"
                + " WHERE id IN (1001, 1002);"                                                // values swapped between rows
                + "SELECT setval('app.ticket_seq', 424242);"                                   // a sequence moved
                + "DROP INDEX app.order_items_product_idx;"                                    // an index dropped
                + "ALTER TABLE app.vehicles ALTER COLUMN wheels SET DEFAULT 6;"                // a default altered
                + "CREATE TABLE app.stray (id integer)");                                     // an object only on the target

        VerifyReport r = verify(source, target, new VerifyOptions(2, true, true));
        List<String> lines = r.differences();
        String all = String.join("\n", lines);

        assertThat(r.equal()).isFalse();
        assertThat(lines).contains(
                "table app.vehicles: rows source 300 target 299",
                "table \"Sales Ops\".regional_sales_south: rows source 4,000 target 4,001",
                "sequence app.ticket_seq: last_value source " + ticket + " target 424242",
                "index app.order_items_product_idx: missing on target",
                "table app.stray: extra on target, not in source");
        // a changed value: both checksums named
        assertThat(lines).anyMatch(l -> l.matches("table app\\.employees: content differs \\(checksum\\) — same row count"
                + " \\(500\\), checksum source [0-9a-f]{32} target [0-9a-f]{32}"));
        assertThat(lines).anyMatch(l -> l.startsWith("table app.trucks: content differs (checksum) — same row count (100),"
                + " checksum source "));
        assertThat(all).contains("default app.vehicles.wheels: definition differs\n"
                + "    source: ALTER TABLE ONLY app.vehicles ALTER COLUMN wheels SET DEFAULT 4\n"
                + "    target: ALTER TABLE ONLY app.vehicles ALTER COLUMN wheels SET DEFAULT 6");
        // the inheritance child took the parent's new default (ALTER TABLE without ONLY recurses)
        assertThat(all).contains("default app.trucks.wheels: definition differs");
        // the stray table's OWNER statement is part of it: one line for the table, not one per part
        assertThat(all).doesNotContain("owner TABLE app.stray");
        // nothing else: the untouched tables still compare equal
        assertThat(r.tables().stream().filter(t -> !t.equal()).map(TableResult::name))
                .containsExactlyInAnyOrder("app.employees", "app.vehicles", "\"Sales Ops\".regional_sales_south", "app.trucks");
        assertThat(r.sequences().stream().filter(s -> !s.equal()).map(SequenceResult::name)).containsExactly("app.ticket_seq");
        assertThat(r.schemaDifferences()).extracting(SchemaDifference::name)
                .containsExactlyInAnyOrder("app.order_items_product_idx", "app.vehicles.wheels", "app.trucks.wheels",
                        "app.stray");
        assertThat(r.summary()).endsWith(lines.size() + " differences found");

        JsonNode json = new ObjectMapper().readTree(r.toJson());
        assertThat(json.get("equal").asBoolean()).isFalse();
        assertThat(json.get("differences").asInt()).isEqualTo(lines.size());
        JsonNode employees = StreamSupport.stream(json.get("tables").spliterator(), false)
                .filter(t -> t.get("name").asText().equals("app.employees")).findFirst().orElseThrow();
        assertThat(employees.get("equal").asBoolean()).isFalse();
        assertThat(employees.get("source").get("rows").asLong()).isEqualTo(employees.get("target").get("rows").asLong());
        assertThat(employees.get("source").get("checksum").asText()).isNotEqualTo(employees.get("target").get("checksum").asText());
        List<String> schemaNames = new ArrayList<>();
        json.get("schema").get("differences").forEach(d -> schemaNames.add(d.get("kind").asText() + " " + d.get("name").asText()
                + " " + d.get("change").asText()));
        assertThat(schemaNames).contains("INDEX app.order_items_product_idx missing_on_target", "DEFAULT app.vehicles.wheels different");
        JsonNode seq = StreamSupport.stream(json.get("sequences").spliterator(), false)
                .filter(s -> s.get("name").asText().equals("app.ticket_seq")).findFirst().orElseThrow();
        assertThat(seq.get("target").get("last_value").asLong()).isEqualTo(424242);
        assertThat(json.get("summary").get("tables_differing").asInt()).isEqualTo(4);

        // --schema-only sees only the schema differences, --data-only only the rows and sequences
        VerifyReport schemaOnly = verify(source, target, new VerifyOptions(2, true, false));
        assertThat(schemaOnly.tables()).isEmpty();
        assertThat(schemaOnly.differences()).hasSize(4);
        VerifyReport dataOnly = verify(source, target, new VerifyOptions(2, false, true));
        assertThat(dataOnly.schemaDifferences()).isEmpty();
        assertThat(dataOnly.differences()).hasSize(5);
    }

    @Test
    void aMissingTableAndAnUnpopulatedMaterializedViewAreReportedNotFatal() throws Exception {
        TestDb[] dbs = copiedSample(17, 17, "ver_missing");
        dbs[1].exec("DROP TABLE app.documents; REFRESH MATERIALIZED VIEW app.product_sales WITH NO DATA;");

        VerifyReport r = verify(dbs[0], dbs[1], new VerifyOptions(4, false, true));

        assertThat(r.differences()).containsExactlyInAnyOrder(
                "table app.documents: missing on target",
                "materialized view app.product_sales: populated on source, not on target");
    }
}
