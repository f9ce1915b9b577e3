package io.pgbarge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.copy.CopyOptions;
import io.pgbarge.copy.DatabaseCopy;
import io.pgbarge.report.RunProgress;
import io.pgbarge.testutil.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(300)
class VerifyCommandTest {

    /** One run of the command: exit code, stdout, stderr. */
    record Run(int exit, String out, String err) {
    }

    static Run verify(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            CommandLine cl = new CommandLine(new VerifyCommand(o, e));
            cl.setOut(new PrintWriter(o, true));
            cl.setErr(new PrintWriter(e, true));
            int exit = cl.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void equalThenOneChangedRowThenJson() throws Exception {
        TestDb source = Sample.newDatabase(17, "vcli_src");
        TestDb target = TestServers.newDatabase(17, "vcli_tgt");
        Sample.createRoles(target);
        new DatabaseCopy(n -> source.connect(), n -> target.connect(), CopyOptions.defaults(), new RunProgress()).run();

        Run equal = verify(source.uri(), target.uri(), "--jobs", "3");
        assertThat(equal.exit()).as(equal.out() + equal.err()).isEqualTo(ExitCode.OK);
        assertThat(equal.out()).contains("source and target are equal").startsWith("verified ");
        assertThat(equal.err()).contains("verified ").contains("tables");

        target.exec("UPDATE app.products SET name = name || '!' WHERE id = 42");
        Run changed = verify(source.uri(), target.uri());
        assertThat(changed.exit()).isEqualTo(ExitCode.MISMATCH);
        assertThat(changed.out()).contains("table app.products: content differs (checksum) — same row count (5,000)")
                .contains("1 difference found");

        Run json = verify(source.uri(), target.uri(), "--json", "--data-only");
        assertThat(json.exit()).isEqualTo(ExitCode.MISMATCH);
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertThat(doc.get("equal").asBoolean()).isFalse();
        assertThat(doc.get("checked").get("schema").asBoolean()).isFalse();
        assertThat(doc.get("lines").get(0).asText()).startsWith("table app.products: content differs");

        Run schemaOnly = verify(source.uri(), target.uri(), "--schema-only");
        assertThat(schemaOnly.exit()).as("a changed row is no schema difference").isEqualTo(ExitCode.OK);
    }

    @Test
    void anUnreachableServerIsAConnectionError() {
        TestDb db = TestServers.newDatabase(17, "vcli_conn");
        Run r = verify(db.uri(), "postgresql://127.0.0.1:1/nowhere");
        assertThat(r.exit()).isEqualTo(ExitCode.CONNECTION);
        assertThat(r.err()).contains("127.0.0.1");
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThat(verify("postgresql://h:notaport/db", "postgresql://h/db").exit()).isEqualTo(ExitCode.USAGE);
        Run both = verify("a", "b", "--schema-only", "--data-only");
        assertThat(both.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(both.err()).contains("mutually exclusive");
        assertThat(verify("a", "b", "--jobs", "0").exit()).isEqualTo(ExitCode.USAGE);
        assertThat(verify("only-one").exit()).isEqualTo(ExitCode.USAGE);
    }
}
