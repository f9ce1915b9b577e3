package io.pgbarge.csv;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.cli.ExitCode;
import io.pgbarge.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code pgbarge import-csv} end to end, against real servers, with awkward files. */
@Timeout(180)
class ImportCsvTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    private static synchronized Run run(byte[] stdin, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin == null ? new byte[0] : stdin));
            List<String> a = new ArrayList<>(List.of("import-csv", "--no-progress", "--wake-timeout", "0"));
            a.addAll(List.of(args));
            int code = Main.execute(a.toArray(String[]::new));
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }

    private static Run run(String... args) {
        return run(null, args);
    }

    private Path file(String name, String text) throws IOException {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private String rejects(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void quotedDelimitersNewlinesBomCrlfAndEmptyVersusNull() throws Exception {
        TestDb db = TestServers.newDatabase(13, "csv_awkward");
        db.exec("CREATE TABLE notes (id int PRIMARY KEY, name text, note text)");
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String body = "id,name,note\r\n"
                + "1,\"a, b\",\"line1\r\nline2\"\r\n"
                + "2,\"\",\r\n"
                + "3,\"say \"\"hi\"\"\",x\r\n"
                + "4,\\.,\"\\.\"\r\n"
                + "5,é ü,last";
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(bom);
        b.write(body.getBytes(StandardCharsets.UTF_8));
        Path f = file("notes.csv", b.toByteArray());
        Run r = run(f.toString(), "--table", "notes", "--rejects", rejects("r.csv"), db.uri());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("Loaded 5 row(s) into public.notes");
        assertThat(db.query("SELECT id, name, note, name IS NULL, note IS NULL FROM notes ORDER BY id")).containsExactly(
                List.of("1", "a, b", "line1\r\nline2", "f", "f"),
                java.util.Arrays.asList("2", "", null, "f", "t"),
                List.of("3", "say \"hi\"", "x", "f", "f"),
                List.of("4", "\\.", "\\.", "f", "f"),
                List.of("5", "é ü", "last", "f", "f"));
        assertThat(Files.exists(dir.resolve("r.csv"))).isFalse();
    }

    @Test
    void raggedRowsAndAWrongTypeGoToTheRejectsFileTheRestLands() throws Exception {
        TestDb db = TestServers.newDatabase(16, "csv_rejects");
        db.exec("CREATE TABLE items (id int, qty int NOT NULL, name text)");
        String csv = "id,qty,name\n"
                + "1,10,a\n"
                + "2,20\n"                  // line 3: too few fields
                + "3,abc,\"multi\nline\"\n" // line 4: qty is not an integer
                + "4,40,d,extra\n"          // line 6: too many fields
                + "5,,e\n"                  // line 7: NULL into NOT NULL
                + "6,60,f\n";
        Path f = file("items.csv", csv);
        for (String jobs : new String[] {"1", "3"}) {
            db.exec("TRUNCATE items");
            Run r = run(f.toString(), "--table", "items", "--rejects", rejects("items.rejects.csv"), "-j", jobs,
                    "--batch-bytes", "12", db.uri());
            assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.MISMATCH);
            assertThat(r.err()).contains("4 row(s) rejected").contains("items.rejects.csv");
            assertThat(db.query("SELECT id FROM items ORDER BY id")).extracting(x -> x.get(0))
                    .containsExactly("1", "6");
            List<String> lines = Files.readAllLines(dir.resolve("items.rejects.csv"));
            String all = String.join("\n", lines);
            assertThat(lines.get(0)).isEqualTo("input,line,reason,record");
            assertThat(all).contains(",3,\"expected 3 field(s), found 2\",\"2,20\"")
                    .contains(",6,\"expected 3 field(s), found 4\"")
                    .containsPattern(",4,\"invalid input syntax for type integer: \"\"abc\"\" \\(column qty\\)")
                    .containsPattern(",7,\"null value in column \"\"qty\"\".*");
        }
    }

    @Test
    void latin1InputWithEncoding() throws Exception {
        TestDb db = TestServers.newDatabase(16, "csv_latin1");
        db.exec("CREATE TABLE words (w text)");
        Path f = file("words.csv", "w\ncafé\nSão Paulo\n".getBytes(StandardCharsets.ISO_8859_1));
        Run r = run(f.toString(), "--table", "words", "--encoding", "LATIN1", db.uri());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(db.query("SELECT w FROM words")).extracting(x -> x.get(0))
                .containsExactlyInAnyOrder("café", "São Paulo");
        // the same bytes read as UTF-8 are refused row by row, with the server's reason
        db.exec("TRUNCATE words");
        Run utf8 = run(f.toString(), "--table", "words", "--rejects", rejects("w.csv"), db.uri());
        assertThat(utf8.code()).isEqualTo(ExitCode.MISMATCH);
        assertThat(Files.readString(dir.resolve("w.csv"), StandardCharsets.UTF_8))
                .contains("invalid byte sequence for encoding \"\"UTF8\"\"");
    }

    @Test
    void gzippedTsvStdinAndSeveralFilesIntoOneTable() throws Exception {
        TestDb db = TestServers.newDatabase(17, "csv_many");
        db.exec("CREATE TABLE t (a int, b text)");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(gz)) {
            o.write("b\ta\nx y\t1\n\"tab\there\"\t2\n".getBytes(StandardCharsets.UTF_8));
        }
        Path tsv = file("part1.tsv.gz", gz.toByteArray());
        Path csv = file("part2.dat", "a,b\n3,three\n");
        Path tsvAgain = file("part3.tsv", "a\tb\n5\tfive\n");
        Run r1 = run(tsv.toString(), "--table", "t", db.uri());
        assertThat(r1.code()).as(r1.err()).isEqualTo(ExitCode.OK);
        Run r2 = run("a,b\n4,four\n".getBytes(StandardCharsets.UTF_8), csv.toString(), "-", "--table", "t", db.uri());
        assertThat(r2.code()).as(r2.err()).isEqualTo(ExitCode.OK);
        assertThat(r2.out()).contains("Loaded 2 row(s)").contains("from 2 input(s)");
        Run r3 = run(tsvAgain.toString(), "--tsv", "--table", "t", db.uri());
        assertThat(r3.code()).as(r3.err()).isEqualTo(ExitCode.OK);
        assertThat(db.query("SELECT a, b FROM t ORDER BY a")).containsExactly(
                List.of("1", "x y"), List.of("2", "tab\there"), List.of("3", "three"), List.of("4", "four"),
                List.of("5", "five"));
    }

    @Test
    void createInfersEachTypeFromEveryValue() throws Exception {
        TestDb db = TestServers.newDatabase(18, "csv_create");
        String csv = "i,big,num,dbl,flag,day,ts,tstz,id,doc,txt,empty,Mixed Case\n"
                + "1,1,1,1.5,true,2024-01-31,2024-01-31 10:00:00,2024-01-31T10:00:00Z,"
                + "0e4a2c1e-3f1d-4c5a-9b6e-2a7d8c9e0f11,\"{\"\"a\"\": 1}\",x,,1\n"
                + "-7,3000000000,2.25,-3e5,no,2023-12-01,2024-02-01T00:00:01.123,2024-01-31 12:00+02:00,"
                + "C0FFEE00-0000-4000-8000-000000000000,[1],007,,\n";
        Path f = file("typed.csv", csv);
        Run r = run(f.toString(), "--table", "sales.typed", "--create", db.uri());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.USAGE); // no schema sales yet
        assertThat(r.err()).contains("schema \"sales\" does not exist");
        db.exec("CREATE SCHEMA sales");
        r = run(f.toString(), "--table", "sales.typed", "--create", db.uri());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("Created sales.typed (i integer, big bigint");
        assertThat(db.query("SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = 'sales.typed'::regclass AND attnum > 0 ORDER BY attnum")).containsExactly(
                List.of("i", "integer"), List.of("big", "bigint"), List.of("num", "numeric"),
                List.of("dbl", "double precision"), List.of("flag", "boolean"), List.of("day", "date"),
                List.of("ts", "timestamp without time zone"), List.of("tstz", "timestamp with time zone"),
                List.of("id", "uuid"), List.of("doc", "jsonb"), List.of("txt", "text"), List.of("empty", "text"),
                List.of("Mixed Case", "integer"));
        assertThat(db.query("SELECT big, num, txt, doc->>'a' FROM sales.typed ORDER BY i")).containsExactly(
                java.util.Arrays.asList("3000000000", "2.25", "007", null), List.of("1", "1", "x", "1"));
        Run again = run(f.toString(), "--table", "sales.typed", "--create", db.uri());
        assertThat(again.code()).isEqualTo(ExitCode.TARGET_NOT_EMPTY);
        assertThat(again.err()).contains("already exists");
    }

    @Test
    void createFromStandardInputWithoutHeader() throws Exception {
        TestDb db = TestServers.newDatabase(16, "csv_create_stdin");
        Run r = run("1;2024-05-01\n2;\n".getBytes(StandardCharsets.UTF_8), "-", "--no-header", "--delimiter", ";",
                "--table", "plain", "--create", db.uri());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(db.query("SELECT column1, column2 FROM plain ORDER BY 1")).containsExactly(
                List.of("1", "2024-05-01"), java.util.Arrays.asList("2", null));
        assertThat(db.scalar("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'plain'::regclass"
                + " AND attname = 'column2'")).isEqualTo("date");
    }

    @Test
    void maxErrorsStopsTheLoadAndNothingLands() throws Exception {
        TestDb db = TestServers.newDatabase(16, "csv_maxerr");
        db.exec("CREATE TABLE n (v int)");
        StringBuilder csv = new StringBuilder("v\n");
        for (int i = 1; i <= 200; i++) {
            csv.append(i % 50 == 0 ? "bad" : String.valueOf(i)).append('\n');
        }
        Path f = file("n.csv", csv.toString());
        Run r = run(f.toString(), "--table", "n", "--max-errors", "2", "--rejects", rejects("n.rej"),
                "--batch-bytes", "64", "-j", "2", db.uri());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(r.err()).contains("more than 2 rejected row(s) (--max-errors 2)").contains("Nothing was loaded")
                .doesNotContain("\tat ");
        assertThat(db.scalar("SELECT count(*) FROM n")).isEqualTo("0");
        Run ok = run(f.toString(), "--table", "n", "--max-errors", "4", "--rejects", rejects("n.rej"), db.uri());
        assertThat(ok.code()).as(ok.err()).isEqualTo(ExitCode.MISMATCH);
        assertThat(db.scalar("SELECT count(*) FROM n")).isEqualTo("196");
    }

    @Test
    void parallelLoadOfQuotedNewlinesKeepsEveryRecordWhole() throws Exception {
        TestDb db = TestServers.newDatabase(16, "csv_parallel");
        db.exec("CREATE TABLE p (id int PRIMARY KEY, body text)");
        StringBuilder csv = new StringBuilder("id,body\n");
        for (int i = 1; i <= 3000; i++) {
            csv.append(i == 1500 ? "abc" : String.valueOf(i)).append(",\"row ").append(i).append("\nhas, a newline\"\n");
        }
        csv.append("17,\"a duplicate key\"\n"); // line 6002
        Path f = file("p.csv", csv.toString());
        Run r = run(f.toString(), "--table", "p", "-j", "3", "--batch-bytes", "4096", "--rejects", rejects("p.rej"),
                db.uri());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.MISMATCH);
        assertThat(r.err()).contains("2 row(s) rejected");
        assertThat(db.scalar("SELECT count(*) FROM p")).isEqualTo("2999");
        assertThat(db.scalar("SELECT count(*) FROM p WHERE body = 'row ' || id || E'\\nhas, a newline'")).isEqualTo("2999");
        assertThat(db.scalar("SELECT count(*) FROM p WHERE id = 1500")).isEqualTo("0");
        assertThat(Files.readString(dir.resolve("p.rej"))).contains(",6002,").contains("a duplicate key")
                .contains(",3000,\"invalid input syntax for type integer: \"\"abc\"\"");
    }

    @Test
    void headerThatDoesNotMatchTheTableIsRefusedNamingTheColumns() throws Exception {
        TestDb db = TestServers.newDatabase(16, "csv_header");
        db.exec("CREATE TABLE h (id int, name text NOT NULL)");
        Path f = file("h.csv", "ID,nmae,extra\n1,a,b\n");
        Run r = run(f.toString(), "--table", "h", db.uri());
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("\"nmae\" is not a column of public.h").contains("\"extra\" is not a column")
                .contains("\"name\" is NOT NULL without a default").doesNotContain("\"ID\"").doesNotContain("\tat ");
        assertThat(db.scalar("SELECT count(*) FROM h")).isEqualTo("0");
        // by position instead, the header line is data and is rejected by the server
        Path g = file("g.csv", "1,a\n2,b\n");
        Run pos = run(g.toString(), "--no-header", "--table", "h", db.uri());
        assertThat(pos.code()).as(pos.err()).isEqualTo(ExitCode.OK);
        assertThat(db.scalar("SELECT string_agg(name, ',' ORDER BY id) FROM h")).isEqualTo("a,b");
    }

    @Test
    void escapeNullStringAndBlankHeaderCellsWithCreate() throws Exception {
        TestDb db = TestServers.newDatabase(15, "csv_escape");
        Path f = file("e.csv", "a|| c\n\"say \\\"hi\\\" \\\\ bye\"|NA|\"NA\"\nplain|x|\n");
        Run r = run(f.toString(), "--delimiter", "|", "--escape", "\\", "--null", "NA", "--create", "--table", "esc",
                db.uri());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("Created public.esc (a text, column2 text,  c text)");
        assertThat(db.query("SELECT a, column2, \" c\" FROM esc ORDER BY a DESC")).containsExactly(
                java.util.Arrays.asList("say \"hi\" \\ bye", null, "NA"),
                java.util.Arrays.asList("plain", "x", ""));
    }

    @Test
    void missingOrUnreadableInputsAndMissingTable() throws Exception {
        TestDb db = TestServers.newDatabase(16, "csv_missing");
        Run r = run(dir.resolve("nope.csv").toString(), "--table", "t", db.uri());
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("nope.csv: no such file").doesNotContain("\tat ");
        Run d = run(dir.toString(), "--table", "t", db.uri());
        assertThat(d.code()).isEqualTo(ExitCode.USAGE);
        assertThat(d.err()).contains("is a directory");
        Path f = file("t.csv", "a\n1\n");
        Run t = run(f.toString(), "--table", "no_such_table", db.uri());
        assertThat(t.code()).isEqualTo(ExitCode.USAGE);
        assertThat(t.err()).contains("no_such_table does not exist").contains("--create");
        Path broken = file("broken.csv.gz", new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0});
        db.exec("CREATE TABLE t (a int)");
        Run g = run(broken.toString(), "--table", "t", db.uri());
        assertThat(g.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(g.err()).contains("cannot read").contains("broken.csv.gz").contains("Nothing was loaded");
        Run flags = run(f.toString(), "--table", "t", "--delimiter", "ab", db.uri());
        assertThat(flags.code()).isEqualTo(ExitCode.USAGE);
        assertThat(flags.err()).contains("--delimiter must be a single");
    }
}
