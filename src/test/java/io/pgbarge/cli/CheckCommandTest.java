package io.pgbarge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class CheckCommandTest {
    record Run(int exit, String out, String err) {
    }

    static Run check(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new CheckCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void nothingBlocksACopyBetweenEmptyDatabasesAsSuperuser() throws Exception {
        TestDb source = TestServers.newDatabase(16, "cmd_src");
        TestDb target = TestServers.newDatabase(17, "cmd_tgt");
        source.exec("CREATE TABLE public.t (id int PRIMARY KEY); INSERT INTO public.t SELECT generate_series(1, 100)");
        Run r = check(source.uri(), target.uri(), "--jobs", "2");
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).as(r.out()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("source  postgresql://postgres@127.0.0.1:")
                .contains("NOTES").contains("versions").contains("PostgreSQL 16").contains("target-empty")
                .doesNotContain("BLOCKERS")
                .contains("0 blockers, 0 warnings,").contains("nothing stops the copy");
    }

    @Test
    void tooManyJobsIsABlockerWithItsOwnExitCodeAndTheJsonParses() throws Exception {
        TestDb source = TestServers.newDatabase(17, "cmd_src");
        TestDb target = TestServers.newDatabase(17, "cmd_tgt");
        Run r = check(source.uri(), target.uri(), "--jobs", "500", "--json");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(CheckCommand.BLOCKERS).isEqualTo(7);
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("ok").asBoolean()).isFalse();
        assertThat(root.get("blockers").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode first = root.get("findings").get(0);
        assertThat(first.get("severity").asText()).isEqualTo("BLOCKER");
        assertThat(first.get("code").asText()).isEqualTo("too-few-connections");
        assertThat(first.get("objects").get(0).asText()).isEqualTo("--jobs 500");
        assertThat(first.get("fix").asText()).contains("--jobs");
        assertThat(root.get("source").asText()).contains(source.name());
    }

    @Test
    void badStringsAreUsageErrorsAndUnreachableServersConnectionErrors() {
        Run bad = check("host=h port=x", "postgresql://127.0.0.1:1/x");
        assertThat(bad.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains("invalid SOURCE connection string");

        Run badTarget = check("postgresql://127.0.0.1:1/x", "host=h port=x");
        assertThat(badTarget.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(badTarget.err()).contains("invalid TARGET connection string");

        Run jobs = check("postgresql://127.0.0.1:1/x", "postgresql://127.0.0.1:1/y", "--jobs", "0");
        assertThat(jobs.exit()).isEqualTo(ExitCode.USAGE);

        Run unreachable = check("postgresql://postgres@127.0.0.1:1/x?connect_timeout=5", "postgresql://127.0.0.1:1/y");
        assertThat(unreachable.exit()).isEqualTo(ExitCode.CONNECTION);
        assertThat(unreachable.err()).contains("could not connect");
    }
}
