package io.pgbarge.report;

import static io.pgbarge.report.Console.Mode.LIVE;
import static io.pgbarge.report.Console.Mode.PLAIN;
import static io.pgbarge.report.Console.Mode.QUIET;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleTest {
    private static final Map<String, String> XTERM = Map.of("TERM", "xterm-256color");

    @Test
    void liveOnlyOnARealTerminal() {
        assertThat(Console.choose(false, false, true, XTERM, "Linux")).isEqualTo(LIVE);
        assertThat(Console.choose(false, false, false, XTERM, "Linux")).isEqualTo(PLAIN);
        assertThat(Console.choose(true, false, true, XTERM, "Linux")).isEqualTo(PLAIN);
        assertThat(Console.choose(false, false, true, Map.of("TERM", "dumb"), "Linux")).isEqualTo(PLAIN);
        assertThat(Console.choose(false, false, true, Map.of(), "Linux")).isEqualTo(PLAIN);
        assertThat(Console.choose(false, false, true, Map.of(), "Windows 11")).isEqualTo(LIVE);
        assertThat(Console.choose(false, false, true, Map.of("TERM", "xterm", "CI", "true"), "Linux")).isEqualTo(PLAIN);
        assertThat(Console.choose(false, false, true, Map.of("TERM", "xterm", "CI", "false"), "Linux")).isEqualTo(LIVE);
        assertThat(Console.choose(false, true, true, XTERM, "Linux")).isEqualTo(QUIET);
    }

    @Test
    void progressOnErrSummaryOnOut() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunProgress p = new RunProgress();
        try (Console c = new Console(p, PLAIN, new PrintStream(err, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertThat(c.mode()).isEqualTo(PLAIN);
            c.finish();
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("status: phase starting");
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Summary\n");
    }
}
