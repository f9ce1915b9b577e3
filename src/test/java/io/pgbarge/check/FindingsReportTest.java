package io.pgbarge.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FindingsReportTest {
    static final List<Finding> FINDINGS = List.of(
            Finding.blocker("extension-missing", List.of("extension hstore 1.8", "column attrs of table public.doc"),
                    "extension hstore is used on the source but the target does not offer it.", "Install it."),
            Finding.warning("target-older", List.of(), "the target is older.", "Upgrade it."),
            Finding.info("versions", List.of(), "source is 17, target is 13.", ""));

    @Test
    void textGroupsBySeverityAndAlignsTheCodes() {
        String text = FindingsReport.text(FINDINGS, "postgresql://a/x", "postgresql://b/y", false);
        assertThat(text).contains("source  postgresql://a/x");
        assertThat(text.indexOf("BLOCKERS")).isLessThan(text.indexOf("WARNINGS")).isLessThan(text.indexOf("NOTES"));
        // every problem starts in the same column
        String[] lines = text.split("\n");
        int col = -1;
        for (String l : lines) {
            for (String code : List.of("extension-missing", "target-older", "versions")) {
                if (l.startsWith("  " + code + " ")) {
                    int c = l.indexOf(' ', 2 + code.length());
                    while (l.charAt(c) == ' ') {
                        c++;
                    }
                    assertThat(col == -1 || col == c).as(l).isTrue();
                    col = c;
                }
            }
        }
        assertThat(text).contains("objects: extension hstore 1.8, column attrs of table public.doc")
                .contains("fix: Install it.")
                .endsWith("1 blocker, 1 warning, 1 note: fix the blockers before `pgbarge copy`.\n");
        for (String l : lines) {
            assertThat(l.length()).as(l).isLessThanOrEqualTo(FindingsReport.WIDTH);
        }
    }

    @Test
    void longObjectListsAreCutUnlessVerbose() {
        List<String> many = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "table public.t" + i).toList();
        List<Finding> f = List.of(Finding.info("unlogged-tables", many, "20 tables are UNLOGGED.", ""));
        assertThat(FindingsReport.text(f, null, null, false)).contains("… 15 more (-v lists all)").doesNotContain("t19");
        assertThat(FindingsReport.text(f, null, null, true)).contains("table public.t19").doesNotContain("more");
    }

    @Test
    void jsonParses() throws Exception {
        JsonNode root = new ObjectMapper().readTree(FindingsReport.json(FINDINGS, "src", "tgt"));
        assertThat(root.get("ok").asBoolean()).isFalse();
        assertThat(root.get("blockers").asInt()).isEqualTo(1);
        assertThat(root.get("findings")).hasSize(3);
        JsonNode first = root.get("findings").get(0);
        assertThat(first.get("severity").asText()).isEqualTo("BLOCKER");
        assertThat(first.get("code").asText()).isEqualTo("extension-missing");
        assertThat(first.get("objects")).hasSize(2);
        assertThat(first.get("fix").asText()).isEqualTo("Install it.");
    }
}
