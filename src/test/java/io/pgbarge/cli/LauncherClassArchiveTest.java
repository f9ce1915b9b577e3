package io.pgbarge.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's class-data-sharing archive (./pgbarge): written by the first main job of a build,
 * checked whole and put in place by the next run, replaced for a new build, and a torn one (a run
 * killed while writing it) thrown away instead of crashing the JVM. Run on a one-class stand-in jar, so
 * that the launcher, the JVM and the files are real and the test needs no build of pgbarge.
 */
class LauncherClassArchiveTest {
    @TempDir
    static Path dir;
    static Path jar;

    @BeforeAll
    static void standInJar() throws Exception {
        Path src = dir.resolve("Hello.java");
        Files.writeString(src, "public class Hello { public static void main(String[] a) {"
                + " System.out.println(\"ran \" + String.join(\" \", a)); } }");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        int rc = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                src.toString());
        assertThat(rc).isZero();
        jar = Files.createDirectories(dir.resolve("app")).resolve("pgbarge.jar");
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Hello");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
            out.putNextEntry(new JarEntry("Hello.class"));
            out.write(Files.readAllBytes(classes.resolve("Hello.class")));
            out.closeEntry();
        }
    }

    private record Run(int code, String output) {
    }

    private static Run launch(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", Path.of("pgbarge").toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PGBARGE_JAR", jar.toString());
        pb.environment().remove("PGBARGE_CDS");
        pb.environment().remove("PGBARGE_JAVA_OPTS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    private static List<String> archives() throws IOException {
        try (Stream<Path> s = Files.list(jar.getParent())) {
            return s.map(x -> x.getFileName().toString()).filter(n -> n.contains(".jsa")).sorted().toList();
        }
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void theFirstJobWritesTheArchiveTheNextRunChecksAndUsesItAndATornOneIsThrownAway() throws Exception {
        // --help and the like archive nothing: too few classes to be worth keeping
        assertThat(launch("--version")).isEqualTo(new Run(0, "ran --version\n"));
        assertThat(archives()).isEmpty();

        assertThat(launch("copy", "a", "b")).isEqualTo(new Run(0, "ran copy a b\n"));
        assertThat(archives()).singleElement().satisfies(n -> assertThat(n).matches("pgbarge\\.jar\\.jsa\\.\\d+\\.tmp"));

        // the writer is gone: its archive is checked and put in place, and used without a word
        assertThat(launch("copy", "c", "d")).isEqualTo(new Run(0, "ran copy c d\n"));
        assertThat(archives()).containsExactly("pgbarge.jar.jsa");
        byte[] whole = Files.readAllBytes(jar.resolveSibling("pgbarge.jar.jsa"));
        assertThat(launch("restore", "x")).isEqualTo(new Run(0, "ran restore x\n"));

        // a new build: the old archive goes, the next job writes one for the new jar
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        assertThat(launch("dump", "y")).isEqualTo(new Run(0, "ran dump y\n"));
        assertThat(archives()).singleElement().satisfies(n -> assertThat(n).endsWith(".tmp"));
        Files.delete(jar.resolveSibling(archives().get(0)));

        // a run killed while writing left half an archive: the JVM would crash on it (SIGBUS), so it is
        // checked, thrown away, and this job writes a new one
        Path torn = jar.resolveSibling("pgbarge.jar.jsa." + deadPid() + ".tmp");
        Files.write(torn, java.util.Arrays.copyOf(whole, whole.length / 3));
        Files.setLastModifiedTime(torn, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 10_000));
        Run run = launch("copy", "e", "f");
        assertThat(run).isEqualTo(new Run(0, "ran copy e f\n"));
        assertThat(torn).doesNotExist();
        assertThat(archives()).singleElement().satisfies(n -> assertThat(n).endsWith(".tmp"));
    }

    @Test
    void offRunsWithoutAnArchive() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", Path.of("pgbarge").toAbsolutePath().toString(), "copy")
                .redirectErrorStream(true);
        Path other = Files.createDirectories(dir.resolve("off")).resolve("pgbarge.jar");
        Files.copy(jar, other);
        pb.environment().put("PGBARGE_JAR", other.toString());
        pb.environment().put("PGBARGE_CDS", "off");
        Process p = pb.start();
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("ran copy\n");
        assertThat(p.waitFor()).isZero();
        try (Stream<Path> s = Files.list(other.getParent())) {
            assertThat(s.map(Path::getFileName).map(Path::toString)).containsExactly("pgbarge.jar");
        }
    }
}
