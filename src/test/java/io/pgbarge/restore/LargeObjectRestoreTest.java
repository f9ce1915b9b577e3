package io.pgbarge.restore;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.archive.Archive;
import io.pgbarge.archive.ArchiveReader;
import io.pgbarge.archive.LargeObject;
import io.pgbarge.archive.LargeObjectReader;
import io.pgbarge.archive.TocEntry;
import io.pgbarge.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The lo_test archives: six large objects arrive with their bytes, one with its comment. */
@Timeout(300)
class LargeObjectRestoreTest {

    @ParameterizedTest
    @ValueSource(strings = {"lo_test.Fc.dump", "lo_test.Fc.Z0.dump", "lo_test.Fd", "lo_test.Ft.tar",
            "lo_test.Fc.piped.dump"})
    void largeObjectsArrive(String name) throws Exception {
        Path archive = RestoreFixtures.archive(name);
        TestDb db = TestServers.newDatabase(15, "restore_lo");
        RestoreFixtures.Run run = RestoreFixtures.restore(archive.toString(), "-d", db.uri(), "-j", "2");
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        check(db, archive);
    }

    @Test
    void customArchiveThroughStandardInput() throws Exception {
        Path archive = RestoreFixtures.archive("lo_test.Fc.piped.dump");
        TestDb db = TestServers.newDatabase(15, "restore_lo_stdin");
        InputStream old = System.in;
        RestoreFixtures.Run run;
        try (InputStream in = Files.newInputStream(archive)) {
            System.setIn(in);
            run = RestoreFixtures.restore("-", "-d", db.uri(), "-j", "2");
        } finally {
            System.setIn(old);
        }
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        check(db, archive);
    }

    private static void check(TestDb db, Path archive) throws Exception {
        Map<String, String> expected = new TreeMap<>();
        try (Archive a = ArchiveReader.open(archive)) {
            for (TocEntry e : a.entries()) {
                if (e.isLargeObjects() && e.hasData()) {
                    try (LargeObjectReader r = a.openLargeObjects(e)) {
                        for (LargeObject lo; (lo = r.next()) != null; ) {
                            expected.put(Long.toString(lo.oid()), md5(lo.data().readAllBytes()));
                        }
                    }
                }
            }
        }
        assertThat(expected).hasSize(6);
        Map<String, String> actual = new TreeMap<>();
        for (List<String> row : db.query("SELECT oid::text, md5(lo_get(oid)) FROM pg_largeobject_metadata")) {
            actual.put(row.get(0), row.get(1));
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(db.scalar("SELECT obj_description(424242, 'pg_largeobject')")).isEqualTo("binary lo with comment");
        assertThat(db.scalar("SELECT count(*) FROM public.docs")).isNotEqualTo("0");
    }

    private static String md5(byte[] b) throws Exception {
        return String.format("%032x", new BigInteger(1, MessageDigest.getInstance("MD5").digest(b)));
    }
}
