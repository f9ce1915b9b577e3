package io.pgbarge.faults;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The journals a child pgbarge writes into its work directory, read by the fault tests. */
final class Journals {
    private Journals() {
    }

    static List<Path> in(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.toString().endsWith(".journal")).toList();
        }
    }

    /** Waits until a journal in {@code dir} holds {@code text}; fails with pgbarge's output otherwise. */
    static void await(Path dir, String text, PgbargeProcess p) throws Exception {
        for (int i = 0; i < 3000; i++) {
            for (Path j : in(dir)) {
                if (Files.readString(j, StandardCharsets.UTF_8).contains(text)) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the journal never recorded " + text + "; output:\n" + p.output());
    }

    /** Group 1 of {@code done} in every journal line that matches it. */
    static List<String> matching(Path dir, Pattern done) throws Exception {
        List<String> out = new ArrayList<>();
        for (Path j : in(dir)) {
            for (String line : Files.readAllLines(j, StandardCharsets.UTF_8)) {
                Matcher m = done.matcher(line);
                if (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }
}
