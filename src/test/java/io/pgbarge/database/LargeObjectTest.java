package io.pgbarge.database;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.copy.LargeObjectCopier;
import io.pgbarge.ddl.Section;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Large objects: metadata in batches, owner, comment, grants, and contents streamed in chunks. */
@Timeout(300)
class LargeObjectTest {
    private static final String DESCRIBE = "SELECT m.oid, pg_get_userbyid(m.lomowner), m.lomacl::text,"
            + " obj_description(m.oid, 'pg_largeobject'), md5(lo_get(m.oid)), length(lo_get(m.oid))"
            + " FROM pg_largeobject_metadata m ORDER BY 1";

    @ParameterizedTest(name = "PG {0} to PG {1}")
    @CsvSource({"13, 13", "17, 17", "16, 18"})
    void copiesMetadataAndContents(int from, int to) throws Exception {
        TestDb source = TestServers.newDatabase(from, "lo_src");
        TestDb target = TestServers.newDatabase(to, "lo_tgt");
        for (TestDb db : new TestDb[] {source, target}) {
            DatabaseRun.role(db, "lo_owner");
            DatabaseRun.role(db, "lo_reader");
        }
        source.exec("SELECT lo_from_bytea(90001, convert_to(string_agg(md5(i::text), ''), 'UTF8'))"
                + "   FROM generate_series(1, 170000) i;" // 5.4 MB
                + " SELECT lo_from_bytea(90002, convert_to(repeat('x', 1048576), 'UTF8'));" // exactly one chunk
                + " SELECT lo_from_bytea(90003, convert_to(repeat('y', 1048577), 'UTF8'));"
                + " SELECT lo_create(90004);" // empty
                + " SELECT lo_from_bytea(90005, '\\x00ff00'::bytea);"
                + " ALTER LARGE OBJECT 90001 OWNER TO lo_owner; ALTER LARGE OBJECT 90005 OWNER TO lo_owner;"
                + " GRANT SELECT ON LARGE OBJECT 90001, 90005 TO lo_reader;"
                + " REVOKE UPDATE ON LARGE OBJECT 90005 FROM lo_owner;"
                + " COMMENT ON LARGE OBJECT 90002 IS 'one chunk';"
                + " SELECT lo_from_bytea(0, convert_to('small ' || i, 'UTF8')) FROM generate_series(1, 2500) i;");

        DatabaseRun run = DatabaseRun.read(source, target);
        assertThat(run.objects.largeObjects()).hasSize(2505);
        assertThat(run.objects.largeObjectBytes()).isPositive();
        assertThat(run.statements.stream().filter(s -> s.kind().equals("LARGE OBJECT")))
                .as("lo_create batched by owner and privileges").hasSize(5);
        assertThat(run.statements.stream().filter(s -> s.kind().equals("ACL")))
                .allMatch(s -> s.section() == Section.POST_DATA);

        AtomicLong reported = new AtomicLong();
        long[] copied = new long[1];
        run.apply(target, () -> {
            try (Connection s = source.connect(); Connection t = target.connect()) {
                s.setAutoCommit(false);
                s.createStatement().execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                copied[0] = LargeObjectCopier.copy(s, t, run.objects.largeObjectOids(), reported::addAndGet);
                s.commit();
            }
        });

        assertThat(target.query(DESCRIBE)).isEqualTo(source.query(DESCRIBE));
        long expected = Long.parseLong(source.scalar("SELECT sum(length(lo_get(oid))) FROM pg_largeobject_metadata"));
        assertThat(copied[0]).isEqualTo(expected).isEqualTo(reported.get());
        assertThat(run.notes).isEmpty();
    }
}
