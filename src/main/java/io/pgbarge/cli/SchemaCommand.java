package io.pgbarge.cli;

import io.pgbarge.conn.ConnectionFailedException;
import io.pgbarge.conn.ConnectionSpec;
import io.pgbarge.conn.Connector;
import io.pgbarge.copy.SchemaExport;
import io.pgbarge.exec.PgError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pgbarge schema SOURCE [-f FILE]}: the DDL pgbarge would run, as a SQL script (like pg_dump --schema-only). */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Write the DDL that `pgbarge copy` would run on a target for SOURCE, as a SQL script",
                "that psql can run (like pg_dump --schema-only). Nothing is changed anywhere."})
final class SchemaCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SOURCE", description = "the database whose schema to write")
    String source;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "write to FILE instead of standard output")
    Path file;

    @Option(names = {"-v", "--verbose"}, description = "stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() {
        ConnectionSpec spec;
        spec = ConnectionArgs.parse("SOURCE", source, System.err::println);
        if (spec == null) {
            return ExitCode.USAGE;
        }
        try (Writer out = open()) {
            List<String> notes = SchemaExport.write(name -> Connector.open(spec, name), out);
            out.flush();
            notes.forEach(n -> System.err.println("pgbarge: note: " + n));
            return ExitCode.OK;
        } catch (ConnectionFailedException e) {
            System.err.println("pgbarge: " + e.getMessage());
            return ExitCode.CONNECTION;
        } catch (SQLException e) {
            return Failure.report(System.err, verbose, "pgbarge: reading the schema of " + spec.redacted()
                    + " failed:\n  " + PgError.of(e).render().replace("\n", "\n  "), e, ExitCode.RUN_FAILED);
        } catch (IOException e) {
            System.err.println("pgbarge: cannot write " + (file == null ? "standard output" : file) + ": " + e.getMessage());
            return ExitCode.USAGE;
        }
    }

    private Writer open() throws IOException {
        if (file == null) {
            return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)) {
                @Override
                public void close() throws IOException {
                    flush(); // never close System.out
                }
            };
        }
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }
}
