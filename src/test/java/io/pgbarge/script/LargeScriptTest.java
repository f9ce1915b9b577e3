package io.pgbarge.script;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A 200 MB script streams through the reader with a few MB of buffers. */
class LargeScriptTest {
    private static final long ROWS = 2_100_000; // about 100 bytes each

    @Test
    @Timeout(60)
    void twoHundredMegabytesInBoundedMemory() throws Exception {
        long expectedBytes = 0;
        for (long i = 0; i < ROWS; i++) {
            expectedBytes += GeneratedScript.rowBytes(i);
        }
        assertThat(expectedBytes).isGreaterThan(200_000_000L);

        List<String> kinds = new ArrayList<>();
        long rowLines = 0;
        long bytes = 0;
        byte[] buf = new byte[64 * 1024];
        try (SqlScriptReader r = new SqlScriptReader(new GeneratedScript(ROWS))) {
            for (ScriptItem it = r.next(); it != null; it = r.next()) {
                if (it instanceof CopyBlock c) {
                    kinds.add("COPY@" + c.line());
                    try (InputStream in = c.rows()) {
                        int n;
                        while ((n = in.read(buf)) > 0) {
                            bytes += n;
                            for (int i = 0; i < n; i++) {
                                if (buf[i] == '\n') {
                                    rowLines++;
                                }
                            }
                        }
                    }
                } else if (it instanceof ScriptStatement s) {
                    kinds.add(s.classify().kind() + "@" + s.line());
                } else {
                    kinds.add(((MetaCommand) it).name() + "@" + it.line());
                }
            }
            assertThat(r.peakBufferBytes()).isLessThan(1L << 20);
            assertThat(r.bytesRead()).isEqualTo(GeneratedScript.HEAD.length() + expectedBytes + GeneratedScript.TAIL.length());
        }
        assertThat(rowLines).isEqualTo(ROWS);
        assertThat(bytes).isEqualTo(expectedBytes);
        long copyLine = GeneratedScript.HEAD.lines().count();
        assertThat(kinds).containsExactly("restrict@4", "SET@5", "CREATE_TABLE@6", "COPY@" + copyLine,
                "CREATE_INDEX@" + (copyLine + ROWS + 3), "SETVAL@" + (copyLine + ROWS + 4), "unrestrict@" + (copyLine + ROWS + 5));
    }

    /** The same in a separate JVM limited to a 16 MB heap: a reader that buffered the data would fail. */
    @Test
    @Timeout(60)
    void runsInASixteenMegabyteHeap() throws Exception {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        String cp = Path.of("target", "classes").toAbsolutePath() + java.io.File.pathSeparator
                + Path.of("target", "test-classes").toAbsolutePath();
        Path out = Files.createTempFile("pgbarge-bounded", ".out");
        try {
            Process p = new ProcessBuilder(javaBin.toString(), "-Xmx16m", "-XX:+UseSerialGC", "-cp", cp,
                    BoundedMemoryMain.class.getName(), Long.toString(ROWS))
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            assertThat(p.waitFor(50, TimeUnit.SECONDS)).isTrue();
            String text = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(text).isZero();
            String[] f = text.trim().split(" ");
            assertThat(Long.parseLong(f[0])).isEqualTo(7);
            assertThat(Long.parseLong(f[1])).isEqualTo(ROWS);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
