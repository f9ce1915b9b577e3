package io.pgbarge.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgbarge.catalog.ServerInfo;
import io.pgbarge.report.Format;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The outcome of {@code pgbarge verify}: every relation's counts and checksums, every sequence's
 * value, every schema difference — as readable lines ({@link #differences()}, {@link #render()}) and
 * as a JSON document ({@link #toJson()}).
 *
 * @param source         the source server
 * @param target         the target server
 * @param schemaChecked  whether the schemas were compared
 * @param dataChecked    whether rows and sequences were compared
 * @param tables         every relation verified, in the source's order
 * @param sequences      every sequence verified
 * @param schemaDifferences every object whose definition differs
 * @param schemaObjects  how many (kind, name) definitions were compared
 * @param notes          what was not compared, and why
 * @param elapsed        wall time of the whole verification
 * @param sourceName     what the target was compared with, as the lines name it: "source", or "archive"
 *                       for restore --verify
 */
public record VerifyReport(ServerInfo source, ServerInfo target, boolean schemaChecked, boolean dataChecked,
                           List<TableResult> tables, List<SequenceResult> sequences,
                           List<SchemaDifference> schemaDifferences, int schemaObjects, List<String> notes,
                           Duration elapsed, String sourceName) {

    /** Longest SQL excerpt shown per side in a readable line. */
    static final int EXCERPT = 160;

    public VerifyReport {
        tables = List.copyOf(tables);
        sequences = List.copyOf(sequences);
        schemaDifferences = List.copyOf(schemaDifferences);
        notes = List.copyOf(notes);
        sourceName = sourceName == null ? "source" : sourceName;
    }

    public VerifyReport(ServerInfo source, ServerInfo target, boolean schemaChecked, boolean dataChecked,
                        List<TableResult> tables, List<SequenceResult> sequences,
                        List<SchemaDifference> schemaDifferences, int schemaObjects, List<String> notes,
                        Duration elapsed) {
        this(source, target, schemaChecked, dataChecked, tables, sequences, schemaDifferences, schemaObjects, notes,
                elapsed, "source");
    }

    /** True when nothing differs. */
    public boolean equal() {
        return differenceCount() == 0;
    }

    public int differenceCount() {
        return (int) (tables.stream().filter(t -> !t.equal()).count()
                + sequences.stream().filter(s -> !s.equal()).count()) + schemaDifferences.size();
    }

    /** One readable line per difference (schema differences that differ in SQL add the two excerpts). */
    public List<String> differences() {
        List<String> out = new ArrayList<>();
        for (SchemaDifference d : schemaDifferences) {
            out.add(describe(d));
        }
        for (TableResult t : tables) {
            if (!t.equal()) {
                out.add(describe(t, sourceName));
            }
        }
        for (SequenceResult s : sequences) {
            if (!s.equal()) {
                out.add(describe(s, sourceName));
            }
        }
        return out;
    }

    static String describe(TableResult t, String src) {
        String head = t.kind() + " " + t.name() + ": ";
        if (t.problem() != null) {
            return head + t.problem();
        }
        boolean srcPopulated = !DataVerifier.NOT_POPULATED.equals(t.sourceChecksum());
        boolean tgtPopulated = !DataVerifier.NOT_POPULATED.equals(t.targetChecksum());
        if (srcPopulated != tgtPopulated) {
            return head + (srcPopulated ? "populated on " + src + ", not on target" : "populated on target, not on " + src);
        }
        if (!t.rowsEqual()) {
            return head + "rows " + src + " " + count(t.sourceRows()) + " target " + count(t.targetRows());
        }
        return head + "content differs (checksum) — same row count (" + count(t.sourceRows()) + "), checksum " + src + " "
                + t.sourceChecksum() + " target " + t.targetChecksum();
    }

    static String describe(SequenceResult s, String src) {
        String head = "sequence " + s.name() + ": ";
        if (s.problem() != null) {
            return head + s.problem();
        }
        List<String> parts = new ArrayList<>();
        if (!Objects.equals(s.sourceLastValue(), s.targetLastValue())) {
            parts.add("last_value " + src + " " + s.sourceLastValue() + " target " + s.targetLastValue());
        }
        if (!Objects.equals(s.sourceIsCalled(), s.targetIsCalled())) {
            parts.add("is_called " + src + " " + s.sourceIsCalled() + " target " + s.targetIsCalled());
        }
        return head + String.join(", ", parts);
    }

    static String describe(SchemaDifference d) {
        String head = d.kind().toLowerCase(Locale.ROOT) + " " + d.name() + ": " + d.change().words();
        if (d.change() != SchemaDifference.Change.DIFFERENT) {
            return head;
        }
        String[] e = excerpts(d.sourceSql(), d.targetSql());
        return head + "\n    source: " + e[0] + "\n    target: " + e[1];
    }

    /**
     * The two texts around where they first differ, each at most {@link #EXCERPT} characters, on one line
     * each: a long CREATE TABLE that differs in one column shows that column, not its first 160 characters.
     */
    static String[] excerpts(String a, String b) {
        String x = oneLine(a);
        String y = oneLine(b);
        int p = 0;
        while (p < x.length() && p < y.length() && x.charAt(p) == y.charAt(p)) {
            p++;
        }
        int from = 0;
        if (p > EXCERPT - 50) {
            // start a little before the difference, at the beginning of a word
            from = p - 60;
            int space = x.lastIndexOf(' ', from);
            from = space < 0 || space < from - 20 ? from : space + 1;
        }
        return new String[] {cut(x, from), cut(y, from)};
    }

    private static String cut(String s, int from) {
        int to = Math.min(s.length(), from + EXCERPT);
        return (from > 0 ? "…" : "") + s.substring(Math.min(from, s.length()), to) + (to < s.length() ? "…" : "");
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }

    private static String count(Long n) {
        return n == null ? "(unknown)" : Format.count(n);
    }

    /** The differences, then one summary line; what a person reads after a run. */
    public String render() {
        StringBuilder b = new StringBuilder();
        for (String d : differences()) {
            b.append(d).append('\n');
        }
        for (String n : notes) {
            b.append("note: ").append(n).append('\n');
        }
        b.append(summary()).append('\n');
        return b.toString();
    }

    /** {@code verified 24 tables (120,345 rows), 9 sequences, 310 schema objects in 2.1s: source and target are equal}. */
    public String summary() {
        List<String> what = new ArrayList<>();
        if (dataChecked) {
            long rows = tables.stream().mapToLong(t -> t.sourceRows() == null ? 0 : t.sourceRows()).sum();
            what.add(tables.size() + " tables (" + Format.count(rows) + " rows)");
            what.add(sequences.size() + " sequences");
        }
        if (schemaChecked) {
            what.add(schemaObjects + " schema objects");
        }
        int n = differenceCount();
        return "verified " + String.join(", ", what) + " in " + Format.duration(elapsed) + ": "
                + (n == 0 ? sourceName + " and target are equal" : n + (n == 1 ? " difference" : " differences") + " found");
    }

    // ----------------------------------------------------------------------------------------------
    // JSON
    // ----------------------------------------------------------------------------------------------

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * <pre>
     * {"equal": false, "differences": 2,
     *  "source": {"version": "17.2", "database": "shop"}, "target": {…},
     *  "checked": {"schema": true, "data": true},
     *  "tables": [{"kind": "table", "name": "app.orders", "equal": false,
     *              "source": {"rows": 1000, "checksum": "…"}, "target": {"rows": 999, "checksum": "…"},
     *              "problem": null, "difference": "table app.orders: rows source 1,000 target 999"}],
     *  "sequences": [{"name": "app.s", "equal": true, "source": {"last_value": 42, "is_called": true}, "target": {…}}],
     *  "schema": {"compared": 310, "differences": [{"kind": "INDEX", "name": "app.orders_pkey",
     *             "change": "missing_on_target", "source_sql": "CREATE …", "target_sql": null}]},
     *  "notes": [], "summary": {"tables": 24, "tables_differing": 1, "rows_source": …, "rows_target": …,
     *             "sequences": 9, "sequences_differing": 0, "schema_differences": 1, "elapsed_ms": 2100},
     *  "lines": ["…every readable difference…"]}
     * </pre>
     */
    public ObjectNode json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("equal", equal());
        root.put("differences", differenceCount());
        root.put("compared_with", sourceName);
        root.set("source", server(source));
        root.set("target", server(target));
        ObjectNode checked = root.putObject("checked");
        checked.put("schema", schemaChecked);
        checked.put("data", dataChecked);
        ArrayNode ts = root.putArray("tables");
        for (TableResult t : tables) {
            ObjectNode o = ts.addObject();
            o.put("kind", t.kind());
            o.put("name", t.name());
            o.put("equal", t.equal());
            side(o.putObject("source"), t.sourceRows(), t.sourceChecksum());
            side(o.putObject("target"), t.targetRows(), t.targetChecksum());
            o.put("problem", t.problem());
            o.put("difference", t.equal() ? null : describe(t, sourceName));
        }
        ArrayNode ss = root.putArray("sequences");
        for (SequenceResult s : sequences) {
            ObjectNode o = ss.addObject();
            o.put("name", s.name());
            o.put("equal", s.equal());
            ObjectNode src = o.putObject("source");
            src.put("last_value", s.sourceLastValue());
            src.put("is_called", s.sourceIsCalled());
            ObjectNode tgt = o.putObject("target");
            tgt.put("last_value", s.targetLastValue());
            tgt.put("is_called", s.targetIsCalled());
            o.put("problem", s.problem());
            o.put("difference", s.equal() ? null : describe(s, sourceName));
        }
        ObjectNode schema = root.putObject("schema");
        schema.put("checked", schemaChecked);
        schema.put("compared", schemaObjects);
        ArrayNode ds = schema.putArray("differences");
        for (SchemaDifference d : schemaDifferences) {
            ObjectNode o = ds.addObject();
            o.put("kind", d.kind());
            o.put("name", d.name());
            o.put("change", d.change().name().toLowerCase(Locale.ROOT));
            o.put("source_sql", d.sourceSql());
            o.put("target_sql", d.targetSql());
            o.put("difference", describe(d));
        }
        ArrayNode ns = root.putArray("notes");
        notes.forEach(ns::add);
        ObjectNode sum = root.putObject("summary");
        sum.put("tables", tables.size());
        sum.put("tables_differing", tables.stream().filter(t -> !t.equal()).count());
        sum.put("rows_source", tables.stream().mapToLong(t -> t.sourceRows() == null ? 0 : t.sourceRows()).sum());
        sum.put("rows_target", tables.stream().mapToLong(t -> t.targetRows() == null ? 0 : t.targetRows()).sum());
        sum.put("sequences", sequences.size());
        sum.put("sequences_differing", sequences.stream().filter(s -> !s.equal()).count());
        sum.put("schema_objects", schemaObjects);
        sum.put("schema_differences", schemaDifferences.size());
        sum.put("elapsed_ms", elapsed == null ? 0 : elapsed.toMillis());
        ArrayNode lines = root.putArray("lines");
        differences().forEach(lines::add);
        return root;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(json());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    private static ObjectNode server(ServerInfo s) {
        ObjectNode o = JSON.createObjectNode();
        if (s != null) {
            o.put("version", s.version());
            o.put("major", s.major());
            o.put("database", s.database());
        }
        return o;
    }

    private static void side(ObjectNode o, Long rows, String checksum) {
        if (DataVerifier.NOT_POPULATED.equals(checksum)) {
            o.put("populated", false);
            o.putNull("rows");
            o.putNull("checksum");
            return;
        }
        if (rows == null) {
            o.putNull("rows");
        } else {
            o.put("rows", rows);
        }
        o.put("checksum", checksum);
    }
}
