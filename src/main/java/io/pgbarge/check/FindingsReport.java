package io.pgbarge.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders findings for people (grouped by severity, codes aligned, long lines wrapped under their
 * column) and for scripts (JSON).
 */
public final class FindingsReport {
    static final int WIDTH = 100;
    static final int OBJECTS_SHOWN = 6;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FindingsReport() {
    }

    public static long count(List<Finding> findings, Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** The text report; {@code verbose} lists every object concerned instead of the first few. */
    public static String text(List<Finding> findings, String source, String target, boolean verbose) {
        StringBuilder out = new StringBuilder();
        if (source != null && target != null) {
            out.append("pgbarge check\n  source  ").append(source).append("\n  target  ").append(target).append("\n\n");
        }
        int codeWidth = findings.stream().mapToInt(f -> f.code().length()).max().orElse(0) + 2;
        String indent = "  " + " ".repeat(codeWidth);
        for (Severity severity : Severity.values()) {
            List<Finding> group = findings.stream().filter(f -> f.severity() == severity).toList();
            if (group.isEmpty()) {
                continue;
            }
            out.append(heading(severity)).append(" (").append(group.size()).append(")\n");
            for (Finding f : group) {
                out.append("  ").append(pad(f.code(), codeWidth));
                wrap(out, f.problem(), indent);
                List<String> objects = f.objects();
                if (!objects.isEmpty()) {
                    List<String> shown = verbose || objects.size() <= OBJECTS_SHOWN ? objects : objects.subList(0, OBJECTS_SHOWN - 1);
                    String list = String.join(", ", shown)
                            + (shown.size() < objects.size() ? ", … " + (objects.size() - shown.size()) + " more (-v lists all)" : "");
                    out.append(indent);
                    wrap(out, "objects: " + list, indent + "         ");
                }
                if (!f.fix().isEmpty()) {
                    out.append(indent);
                    wrap(out, "fix: " + f.fix(), indent + "     ");
                }
                out.append('\n');
            }
        }
        out.append(summary(findings)).append('\n');
        return out.toString();
    }

    /** One line: the counts and what they mean for a copy. */
    public static String summary(List<Finding> findings) {
        long b = count(findings, Severity.BLOCKER);
        long w = count(findings, Severity.WARNING);
        long i = count(findings, Severity.INFO);
        String counts = plural(b, "blocker") + ", " + plural(w, "warning") + ", " + plural(i, "note");
        return b > 0 ? counts + ": fix the blockers before `pgbarge copy`."
                : counts + ": nothing stops the copy" + (w > 0 ? "; read the warnings." : ".");
    }

    /** The JSON report: counts, then every finding with all its objects. */
    public static String json(List<Finding> findings, String source, String target) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (source != null) {
            root.put("source", source);
        }
        if (target != null) {
            root.put("target", target);
        }
        root.put("ok", count(findings, Severity.BLOCKER) == 0);
        root.put("blockers", count(findings, Severity.BLOCKER));
        root.put("warnings", count(findings, Severity.WARNING));
        root.put("infos", count(findings, Severity.INFO));
        List<Map<String, Object>> list = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("severity", f.severity().name());
            m.put("code", f.code());
            m.put("objects", f.objects());
            m.put("problem", f.problem());
            m.put("fix", f.fix());
            list.add(m);
        }
        root.put("findings", list);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String heading(Severity s) {
        return switch (s) {
            case BLOCKER -> "BLOCKERS: the copy would fail or lose data";
            case WARNING -> "WARNINGS: the copy adapts or leaves out something";
            case INFO -> "NOTES";
        };
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }

    /** Appends text wrapped at {@link #WIDTH}, continuation lines under {@code indent}; the first line is already indented. */
    static void wrap(StringBuilder out, String text, String indent) {
        int lineStart = out.lastIndexOf("\n") + 1;
        int col = out.length() - lineStart;
        String[] words = text.split(" ");
        boolean first = true;
        for (String w : words) {
            if (!first && col + 1 + w.length() > WIDTH && col > indent.length()) {
                out.append('\n').append(indent);
                col = indent.length();
                first = true;
            }
            if (!first) {
                out.append(' ');
                col++;
            }
            out.append(w);
            col += w.length();
            first = false;
        }
        out.append('\n');
    }
}
