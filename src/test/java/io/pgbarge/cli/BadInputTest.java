package io.pgbarge.cli;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.testutil.Cli.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static io.pgbarge.testutil.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input a user can get wrong, through the real command line: one clear message, its own exit code,
 * no stack trace (without -v), no password. The cases CliTest, RestoreCommandTest, VerifyCommandTest
 * and the conn tests already cover are not repeated here (a wrong password: RealServerConnectionTest, on a
 * server of its own with password authentication; an archive truncated in its data: ArchiveRestoreBehaviourTest).
 */
@Timeout(300)
class BadInputTest {

    /** The run printed no stack trace and no password. */
    private static Run clean(Run r) {
        assertThat(r.err()).as(r.err()).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("s3cret");
        assertThat(r.out()).doesNotContain("s3cret");
        return r;
    }

    @Test
    void anUnknownHostIsAConnectionErrorNamingIt() {
        for (String[] args : new String[][] {
                {"copy", "postgresql://bob:s3cret@no-such-host.invalid/app", "postgresql://localhost:1/x", "--wake-timeout", "0"},
                {"verify", "postgresql://bob:s3cret@no-such-host.invalid/app", "postgresql://localhost:1/x"},
                {"dump", "postgresql://bob:s3cret@no-such-host.invalid/app", "-f", "/dev/null"},
                {"check", "postgresql://bob:s3cret@no-such-host.invalid/app", "postgresql://localhost:1/x"},
                {"schema", "postgresql://bob:s3cret@no-such-host.invalid/app"}}) {
            Run r = clean(run(args));
            assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(ExitCode.CONNECTION);
            assertThat(r.err()).as(args[0]).contains("no-such-host.invalid");
        }
    }

    /** A small SQL script to restore (never standard input: the test JVM's belongs to Maven). */
    private static String script(Path dir) throws Exception {
        return Files.writeString(dir.resolve("one.sql"), "CREATE TABLE public.one (x integer);\n").toString();
    }

    @Test
    void tlsDemandedOfAServerWithoutItIsAConnectionErrorSayingSo(@TempDir Path dir) throws Exception {
        TestDb db = TestServers.newDatabase(17, "bad_tls");
        String tls = db.uri() + (db.uri().contains("?") ? "&" : "?") + "sslmode=require";
        for (String[] args : new String[][] {
                {"copy", tls, db.uri(), "--wake-timeout", "0"},
                {"restore", "-d", tls, script(dir), "--wake-timeout", "0"},
                {"verify", db.uri(), tls}}) {
            Run r = clean(run(args));
            assertThat(r.code()).as(args[0] + "\n" + r.err()).isEqualTo(ExitCode.CONNECTION);
            assertThat(r.err()).as(args[0]).contains("does not accept SSL").contains("sslmode");
        }
    }

    @Test
    void aMissingDatabaseIsAConnectionErrorForEveryCommand(@TempDir Path dir) throws Exception {
        TestDb db = TestServers.newDatabase(17, "bad_db");
        String missing = db.server().uri("no_such_database_here");
        for (String[] args : new String[][] {
                {"verify", db.uri(), missing},
                {"dump", missing, "-f", "/dev/null"},
                {"restore", "-d", missing, script(dir), "--wake-timeout", "0"}}) {
            Run r = clean(run(args));
            assertThat(r.code()).as(args[0] + "\n" + r.err()).isEqualTo(ExitCode.CONNECTION);
            assertThat(r.err()).as(args[0]).contains("no_such_database_here");
        }
    }

    @Test
    void invalidFlagValuesAndCombinationsAreUsageErrors() {
        String[][] cases = {
                {"dump", "x", "-j", "0"},
                {"dump", "x", "-F", "q"},
                {"dump", "x", "-s", "-a"},
                {"dump", "x", "-Z", "12"},
                {"restore", "-d", "x", "-F", "zz", "f"},
                {"restore", "-d", "x", "-j", "0", "f"},
                {"restore", "-d", "x", "--verify", "-s", "f"},
                {"copy", "a", "b", "--jobs", "abc"},
                {"check", "a", "b", "--jobs", "0"},
                {"verify", "a", "b", "--jobs", "300"},
                {"copy", "a"},
                {"frobnicate"}};
        for (String[] args : cases) {
            Run r = clean(run(args));
            assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err().lines().filter(l -> l.startsWith("pgbarge: ")).count()).as(String.join(" ", args))
                    .isEqualTo(1);
        }
    }

    @Test
    void garbageEmptyAndTruncatedFilesAreRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        TestDb db = TestServers.newDatabase(17, "bad_files");
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        Path garbage = Files.write(dir.resolve("garbage.dump"), noise);
        Path empty = Files.write(dir.resolve("empty.dump"), new byte[0]);
        Path header = Files.write(dir.resolve("header.dump"), new byte[] {'P', 'G', 'D', 'M', 'P', 1, 14, 0, 4, 8, 1});
        for (Path p : new Path[] {garbage, empty, header}) {
            Run r = clean(run("restore", p.toString(), "-d", db.uri(), "--no-progress"));
            assertThat(r.code()).as(p + "\n" + r.err()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(r.err()).contains(p.toString());
        }
        assertThat(db.scalar("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace")).isEqualTo("0");
    }
}
