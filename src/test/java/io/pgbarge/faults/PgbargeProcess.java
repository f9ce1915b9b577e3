package io.pgbarge.faults;

import io.pgbarge.cli.Main;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** pgbarge run as its own JVM, as a user runs it, so that it can be killed or sent Ctrl-C. */
final class PgbargeProcess {
    private final Process process;
    private final Path output;

    private PgbargeProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    static PgbargeProcess start(String... args) throws IOException {
        return start(List.of(), args);
    }

    /** @param jvmArgs options of the child JVM itself (system properties) */
    static PgbargeProcess start(List<String> jvmArgs, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(SIGINT_DEFAULT);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", classPath(), Main.class.getName()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("pgbarge-child-", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        return new PgbargeProcess(p, out);
    }

    /**
     * A JVM started with SIGINT ignored (as everything a non-interactive shell starts in the background
     * inherits: a test run under {@code nohup … &}) keeps ignoring it, and Ctrl-C tests would see the
     * copy run to its end. GNU env's --default-signal restores the default before it execs the JVM (same
     * pid); where env lacks it, the child inherits what the test run has.
     */
    private static final List<String> SIGINT_DEFAULT = sigintDefault();

    private static List<String> sigintDefault() {
        List<String> env = List.of("env", "--default-signal=INT");
        try {
            Process probe = new ProcessBuilder(concat(env, "true")).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0 ? env : List.of();
        } catch (IOException | InterruptedException e) {
            return List.of();
        }
    }

    private static List<String> concat(List<String> head, String last) {
        List<String> all = new ArrayList<>(head);
        all.add(last);
        return all;
    }

    /** The test's own class path (surefire gives the real one in java.class.path), with target/classes. */
    private static String classPath() {
        String cp = System.getProperty("java.class.path");
        return Path.of("target", "classes").toAbsolutePath() + File.pathSeparator + cp;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: the process dies at once, with no chance to clean up. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGINT, as Ctrl-C in a terminal sends. */
    void sigint() throws IOException, InterruptedException {
        Process k = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
        k.waitFor(10, TimeUnit.SECONDS);
    }

    /** Waits for the exit code; fails the test if the process does not end in time (a hang). */
    int exitCode(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("pgbarge did not end within " + seconds + " s; output:\n" + output());
        }
        return process.exitValue();
    }

    boolean alive() {
        return process.isAlive();
    }

    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }
}
