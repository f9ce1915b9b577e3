package io.pgbarge.cli;

import io.pgbarge.archive.write.CompressionSpec;
import io.pgbarge.conn.ConnectionFailedException;
import io.pgbarge.conn.ConnectionSpec;
import io.pgbarge.conn.Connector;
import io.pgbarge.dump.DatabaseDump;
import io.pgbarge.dump.DumpFailedException;
import io.pgbarge.dump.DumpFormat;
import io.pgbarge.dump.DumpOptions;
import io.pgbarge.dump.DumpResult;
import io.pgbarge.select.TableFilter;
import io.pgbarge.exec.ConnectionSource;
import io.pgbarge.report.Console;
import io.pgbarge.report.RunProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pgbarge dump SOURCE -f PATH}: what {@code pg_dump} does, in pg_dump's formats, with N tables at a time. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = {"Dump a database into an archive pg_restore reads (custom, directory, tar) or a SQL script",
                "psql runs (plain), from one consistent snapshot, with N tables at a time in every format.",
                "SOURCE is a libpq connection string or a database name."})
public final class DumpCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SOURCE", description = "the database to dump")
    String source;

    @Option(names = {"-f", "--file"}, paramLabel = "PATH",
            description = "output file, or directory for -Fd (plain format: standard output when left out)")
    Path file;

    @Option(names = {"-F", "--format"}, paramLabel = "c|d|t|p",
            description = "custom (default), directory, tar or plain")
    String format = "c";

    @Option(names = {"-Z", "--compress"}, paramLabel = "LEVEL|METHOD[:LEVEL]",
            description = "0-9 (gzip level), gzip:N, lz4:N, zstd:N or none (default: gzip for -Fc/-Fd, none otherwise)")
    String compress;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "tables dumped at a time (default: ${DEFAULT-VALUE})")
    int jobs = 1;

    @Option(names = {"-n", "--schema"}, paramLabel = "PATTERN", description = "dump only these schemas")
    List<String> schemas = new ArrayList<>();

    @Option(names = {"-N", "--exclude-schema"}, paramLabel = "PATTERN", description = "do not dump these schemas")
    List<String> excludeSchemas = new ArrayList<>();

    @Option(names = {"-t", "--table"}, paramLabel = "PATTERN", description = "dump only these tables (views, sequences…)")
    List<String> tables = new ArrayList<>();

    @Option(names = {"-T", "--exclude-table"}, paramLabel = "PATTERN", description = "do not dump these tables")
    List<String> excludeTables = new ArrayList<>();

    @Option(names = "--exclude-table-data", paramLabel = "PATTERN", description = "dump these tables without their rows")
    List<String> excludeTableData = new ArrayList<>();

    @Option(names = {"-s", "--schema-only"}, description = "dump only the object definitions, no data")
    boolean schemaOnly;

    @Option(names = {"-a", "--data-only"}, description = "dump only the data (rows, sequence values, large objects)")
    boolean dataOnly;

    @Option(names = {"-O", "--no-owner"}, description = "leave the owners out (the restoring user will own everything)")
    boolean noOwner;

    @Option(names = {"-x", "--no-privileges", "--no-acl"}, description = "leave GRANTs out")
    boolean noPrivileges;

    @Option(names = "--no-progress", description = "plain log lines instead of the live progress display")
    boolean noProgress;

    @Option(names = {"-v", "--verbose"}, description = "more detail, and stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() {
        DumpOptions options;
        try {
            DumpFormat f = DumpFormat.parse(format);
            CompressionSpec c = compress == null ? null : CompressionSpec.parse(compress);
            if (jobs < 1 || jobs > 256) {
                throw new IllegalArgumentException("--jobs must be between 1 and 256, got " + jobs);
            }
            TableFilter filter = TableFilter.of(schemas, excludeSchemas, tables, excludeTables, excludeTableData);
            options = new DumpOptions(f, file, c, jobs, schemaOnly, dataOnly, noOwner, noPrivileges, filter);
        } catch (IllegalArgumentException e) {
            System.err.println("pgbarge: " + e.getMessage());
            return ExitCode.USAGE;
        }
        ConnectionSpec spec;
        spec = ConnectionArgs.parse("SOURCE", source, System.err::println);
        if (spec == null) {
            return ExitCode.USAGE;
        }
        ConnectionSource src = name -> Connector.open(spec, name);
        try {
            Connector.open(spec, "pgbarge:check").close();
        } catch (ConnectionFailedException e) {
            return Failure.report(System.err, verbose, "pgbarge: " + e.getMessage(), e, ExitCode.CONNECTION);
        } catch (java.sql.SQLException e) {
            System.err.println("pgbarge: " + e.getMessage());
            return ExitCode.CONNECTION;
        }
        RunProgress progress = new RunProgress();
        // a plain script on standard output must not share it with the summary
        boolean toStdout = file == null;
        try (Console console = Console.start(progress, noProgress || toStdout, toStdout)) {
            DumpResult r = new DatabaseDump(src, options, progress).run();
            console.close();
            if (!toStdout) {
                System.out.printf("dumped %d tables (%d rows, %s)%s into %s in %.1f s%n", r.tables().size(), r.rows(),
                        io.pgbarge.report.Format.bytes(r.bytes()), r.largeObjects() > 0 ? " and " + r.largeObjects() + " large objects" : "",
                        r.path(), r.duration().toMillis() / 1000.0);
                for (String n : r.notes()) {
                    System.out.println("note: " + n);
                }
            }
            return ExitCode.OK;
        } catch (DumpFailedException e) {
            System.err.println();
            return Failure.report(System.err, verbose, "pgbarge: " + e.getMessage(), e, switch (e.reason()) {
                case USAGE -> ExitCode.USAGE;
                case CONNECTION -> ExitCode.CONNECTION;
                case RUN_FAILED -> ExitCode.RUN_FAILED;
            });
        } catch (InterruptedException e) {
            return Failure.interrupted(System.err, "pgbarge: interrupted");
        } catch (RuntimeException e) {
            return Failure.internal(System.err, verbose, e);
        }
    }
}
