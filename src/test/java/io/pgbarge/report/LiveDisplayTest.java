package io.pgbarge.report;

import static io.pgbarge.report.TwoTables.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LiveDisplayTest {
    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;?]*[A-Za-z]");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String raw() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The lines of the last frame, without terminal control. */
    private List<String> lastFrame() {
        String r = raw();
        int cut = Math.max(r.lastIndexOf("\r"), 0);
        String frame = ANSI.matcher(r.substring(cut)).replaceAll("").replace("\r", "");
        return Arrays.stream(frame.split("\n")).filter(s -> !s.isEmpty()).toList();
    }

    private LiveDisplay display(TwoTables run, int width, int maxTables) {
        return new LiveDisplay(run.progress, out, () -> width, run.clock, maxTables, true);
    }

    @Test
    void showsOverallAndOneLinePerRunningTable() {
        TwoTables run = new TwoTables();
        run.start();
        run.midway();
        LiveDisplay d = display(run, 120, 8);
        d.redraw();
        List<String> lines = lastFrame();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0))
                .startsWith("data   46%  [█████▌")
                .contains("52.0 MiB of ~112.0 MiB", "tables 0/2", "rows 450,000", "5.2 MiB/s", "ETA 12s");
        assertThat(lines.get(1)).contains("public.orders", "400,000 rows", "40.0 MiB", " 40% ", "ETA 15s");
        // customers is past its estimate: capped below 100%, and no made-up ETA
        assertThat(lines.get(2)).contains("public.customers", "12.0 MiB", " 99% ", "ETA ?");
        assertThat(String.join("\n", lines)).doesNotContainPattern("\\b(1\\d\\d|[2-9]\\d\\d)%").doesNotContain("-");
    }

    @Test
    void redrawsInPlaceAndRestoresTheCursorOnClose() {
        TwoTables run = new TwoTables();
        run.start();
        LiveDisplay d = display(run, 120, 8);
        d.redraw();
        run.midway();
        d.redraw();
        assertThat(raw()).contains("\r\u001b[3A"); // back over the 3 lines drawn before
        run.finish();
        d.close();
        d.close(); // idempotent
        assertThat(raw()).endsWith("\u001b[?25h");
        assertThat(raw().split("\u001b\\[\\?25h", -1)).hasSize(2);
        List<String> last = lastFrame();
        assertThat(last).hasSize(1);
        assertThat(last.get(0)).startsWith("done  100%").contains("112.0 MiB of 112.0 MiB", "tables 2/2", "ETA 0s");
        d.redraw(); // after close: nothing more
        assertThat(raw()).endsWith("\u001b[?25h");
    }

    @Test
    void startHidesTheCursorAndCloseStopsTheTimer() {
        TwoTables run = new TwoTables();
        run.start();
        LiveDisplay d = display(run, 80, 8);
        d.start();
        d.close();
        assertThat(raw()).startsWith("\u001b[?25l").endsWith("\u001b[?25h");
        assertThat(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("pgbarge-progress") && t.isAlive())
                .peek(t -> {
                    try {
                        t.join(2000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                .filter(Thread::isAlive)).isEmpty();
    }

    @Test
    void atMostNTableLinesThenHowManyMore() {
        TwoTables run = new TwoTables();
        RunProgress.TableState third = run.progress.addTable("public.items", MIB, 10);
        RunProgress.TableState waiting = run.progress.addTable("public.later", MIB, 10);
        run.start();
        run.progress.tableStarted(third);
        third.started = run.clock.instant().plusMillis(1);
        LiveDisplay d = display(run, 100, 1);
        d.redraw();
        List<String> lines = lastFrame();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains("public.orders"); // the oldest running table first
        assertThat(lines.get(2)).isEqualTo("  … and 2 more");
        assertThat(waiting.running()).isFalse();
    }

    @Test
    void longNamesAreCutInTheMiddleAndLinesNeverWrap() {
        TwoTables run = new TwoTables();
        RunProgress.TableState longOne = run.progress.addTable(
                "analytics.events_partitioned_by_day_with_a_very_long_and_descriptive_name_2024_05_01", 50 * MIB, 1);
        RunProgress.TableState emoji = run.progress.addTable("public.\"🚀 launches 表\n\"", MIB, 1);
        run.start();
        run.progress.tableStarted(longOne);
        longOne.started = run.clock.instant();
        run.progress.tableStarted(emoji);
        emoji.started = run.clock.instant();
        run.midway();
        LiveDisplay wide = display(run, 100, 8);
        wide.redraw();
        List<String> lines = lastFrame();
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("analytics.events…_name_2024_05_01"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("🚀 launches 表?"));
        for (String l : lines) {
            assertThat(TextWidth.width(l)).isLessThanOrEqualTo(99);
        }
    }

    @Test
    void tinyTerminalsDoNotBreakIt() {
        TwoTables run = new TwoTables();
        RunProgress.TableState emoji = run.progress.addTable("🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀", MIB, 1);
        run.start();
        run.progress.tableStarted(emoji);
        run.midway();
        for (int w = -1; w <= 60; w++) {
            bytes.reset();
            LiveDisplay d = display(run, w, 8);
            d.redraw();
            for (String l : lastFrame()) {
                assertThat(TextWidth.width(l)).as("width %d: %s", w, l).isLessThanOrEqualTo(Math.max(1, w - 1));
            }
        }
    }

    @Test
    void notesScrollAboveTheBlock() {
        TwoTables run = new TwoTables();
        run.start();
        LiveDisplay d = display(run, 100, 8);
        d.redraw();
        run.progress.note("owner of table public.orders set to login: role bob missing on target");
        d.redraw();
        d.redraw();
        String text = ANSI.matcher(raw()).replaceAll("");
        Matcher m = Pattern.compile("note: owner of table public.orders").matcher(text);
        assertThat(m.results().count()).isEqualTo(1); // printed once, not at every redraw
    }

    @Test
    void beforeTheTablesAreKnownOnlyThePhase() {
        RunProgress p = new RunProgress();
        p.phaseStarted("catalog");
        p.addSteps(3);
        LiveDisplay d = new LiveDisplay(p, out, () -> 80, new MutableClock(TwoTables.T0), 8, false);
        d.redraw();
        assertThat(lastFrame()).containsExactly("catalog  steps 0/3");
        d.close();
    }
}
