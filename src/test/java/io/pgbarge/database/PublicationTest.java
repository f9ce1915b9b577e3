package io.pgbarge.database;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.catalog.ServerInfo;
import io.pgbarge.ddl.Section;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Publications with their tables (column lists, row filters) and schemas, across versions. */
@Timeout(120)
class PublicationTest {
    /** Made on both sides: the tables engineer's statements make them in a real run. */
    private static final String TABLES = "CREATE SCHEMA app;"
            + " CREATE TABLE app.orders (id int PRIMARY KEY, total numeric, note text);"
            + " CREATE TABLE app.items (id int PRIMARY KEY, name text);"
            + " CREATE TABLE app.parted (id int, k int) PARTITION BY RANGE (k);"
            + " CREATE TABLE app.parted_1 PARTITION OF app.parted FOR VALUES FROM (0) TO (10);"
            + " CREATE SCHEMA other; CREATE TABLE other.t (id int PRIMARY KEY);";

    @ParameterizedTest(name = "PG {0} to PG {1}")
    @CsvSource({"13, 13", "17, 17", "16, 18", "18, 18"})
    void recreatesPublications(int from, int to) throws Exception {
        TestDb source = TestServers.newDatabase(from, "pub_src");
        TestDb target = TestServers.newDatabase(to, "pub_tgt");
        for (TestDb db : List.of(source, target)) {
            DatabaseRun.role(db, "pub_owner");
            db.exec(TABLES + " GRANT CREATE ON DATABASE " + db.name() + " TO pub_owner");
        }
        source.exec(fixture(from));

        DatabaseRun run = DatabaseRun.read(source, target);
        assertThat(run.statements).filteredOn(s -> !s.name().startsWith("DATABASE "))
                .allMatch(s -> s.section() == Section.POST_DATA);
        run.apply(target);

        int common = Math.min(from, to);
        assertThat(describe(target, common)).isEqualTo(describe(source, common));
        assertThat(run.notes).isEmpty();
    }

    /** From 17 to 13: what 13 cannot express is left out with a note, the rest is there. */
    @Test
    void leavesOutWhatAnOlderTargetCannotExpress() throws Exception {
        TestDb source = TestServers.newDatabase(17, "pub_src");
        TestDb target = TestServers.newDatabase(13, "pub_tgt");
        for (TestDb db : List.of(source, target)) {
            DatabaseRun.role(db, "pub_owner");
            db.exec(TABLES + " GRANT CREATE ON DATABASE " + db.name() + " TO pub_owner");
        }
        source.exec(fixture(17));

        DatabaseRun run = DatabaseRun.read(source, target);
        run.apply(target);

        assertThat(run.notes).containsExactlyInAnyOrder(
                "publication filtered: table app.orders left out: column lists need PostgreSQL 15, the target is 13",
                "publication filtered: table app.items left out: row filters need PostgreSQL 15, the target is 13",
                "publication by_schema: TABLES IN SCHEMA app left out: TABLES IN SCHEMA needs PostgreSQL 15, the target is 13");
        assertThat(target.query("SELECT pubname FROM pg_publication ORDER BY 1").stream().map(r -> r.get(0)))
                .containsExactly("Orders Pub", "by_root", "by_schema", "everything", "filtered", "nothing");
        assertThat(target.scalar("SELECT string_agg(prrelid::regclass::text, ',' ORDER BY 1) FROM pg_publication_rel"
                + " JOIN pg_publication p ON p.oid = prpubid WHERE pubname = 'by_schema'")).isEqualTo("other.t");
    }

    @Test
    void leavesOutForAllTablesAndSchemasWhenTheTargetLoginIsNotASuperuser() throws Exception {
        TestDb source = TestServers.newDatabase(17, "pub_src");
        TestDb target = TestServers.newDatabase(17, "pub_tgt");
        source.exec(TABLES + " CREATE PUBLICATION everything FOR ALL TABLES;"
                + " CREATE PUBLICATION partial FOR TABLE app.items, TABLES IN SCHEMA other;");
        ServerInfo plain = new ServerInfo(170000, "17", target.name(), "someone", false, "UTF8");
        DatabaseRun run = DatabaseRun.read(source, plain);
        assertThat(run.notes).containsExactly(
                "publication everything left out: FOR ALL TABLES needs a superuser on the target",
                "publication partial: TABLES IN SCHEMA other left out: TABLES IN SCHEMA needs a superuser on the target");
        assertThat(run.statements.stream().map(s -> s.sql())).containsExactly(
                "CREATE PUBLICATION partial WITH (publish = 'insert, update, delete, truncate')",
                "ALTER PUBLICATION partial ADD TABLE ONLY app.items",
                "ALTER PUBLICATION partial OWNER TO postgres");
    }

    private static String fixture(int major) {
        StringBuilder sql = new StringBuilder(
                "CREATE PUBLICATION \"Orders Pub\" FOR TABLE app.orders, app.items WITH (publish = 'insert, update');"
                        + " COMMENT ON PUBLICATION \"Orders Pub\" IS 'the orders';"
                        + " ALTER PUBLICATION \"Orders Pub\" OWNER TO pub_owner;"
                        + " CREATE PUBLICATION everything FOR ALL TABLES WITH (publish = 'delete, truncate');"
                        + " CREATE PUBLICATION by_root FOR TABLE app.parted WITH (publish_via_partition_root = true);"
                        + " CREATE PUBLICATION nothing WITH (publish = '');");
        if (major >= 15) {
            sql.append(" CREATE PUBLICATION filtered FOR TABLE app.orders (id, total) WHERE (total > 100),"
                    + " app.items WHERE (name IS NOT NULL AND length(name) > 2);"
                    + " CREATE PUBLICATION by_schema FOR TABLES IN SCHEMA app, TABLE other.t;");
        }
        if (major >= 18) {
            sql.append(" CREATE PUBLICATION gen FOR TABLE app.items WITH (publish_generated_columns = stored);");
        }
        return sql.toString();
    }

    private static List<List<String>> describe(TestDb db, int major) throws SQLException {
        List<List<String>> out = new ArrayList<>(db.query("SELECT pubname, pg_get_userbyid(pubowner), puballtables,"
                + " pubinsert, pubupdate, pubdelete, pubtruncate, pubviaroot, obj_description(oid, 'pg_publication')"
                + (major >= 18 ? ", pubgencols" : "") + " FROM pg_publication ORDER BY 1"));
        out.addAll(db.query("SELECT p.pubname, r.prrelid::regclass::text"
                + (major >= 15 ? ", pg_get_expr(r.prqual, r.prrelid), r.prattrs::text" : "")
                + " FROM pg_publication_rel r JOIN pg_publication p ON p.oid = r.prpubid ORDER BY 1, 2"));
        if (major >= 15) {
            out.addAll(db.query("SELECT p.pubname, n.nspname FROM pg_publication_namespace pn"
                    + " JOIN pg_publication p ON p.oid = pn.pnpubid JOIN pg_namespace n ON n.oid = pn.pnnspid ORDER BY 1, 2"));
        }
        return out;
    }
}
