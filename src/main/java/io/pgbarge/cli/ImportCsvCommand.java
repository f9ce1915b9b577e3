package io.pgbarge.cli;

import io.pgbarge.conn.ConnectionFailedException;
import io.pgbarge.conn.ConnectionSpec;
import io.pgbarge.conn.Connector;
import io.pgbarge.csv.CsvFormat;
import io.pgbarge.csv.CsvImport;
import io.pgbarge.csv.CsvImportException;
import io.pgbarge.csv.CsvImportOptions;
import io.pgbarge.csv.CsvImportResult;
import io.pgbarge.report.Console;
import io.pgbarge.report.Format;
import io.pgbarge.report.RunProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code pgbarge import-csv FILE… --table NAME TARGET}: what {@code psql \copy t FROM file CSV HEADER} does, and more. */
@Command(name = "import-csv", mixinStandardHelpOptions = true,
        description = {"Load CSV (or TSV) files into one table of TARGET, all or nothing.",
                "FILE may be '-' for standard input, and may be gzip-compressed.",
                "By default the first line is a header whose names are matched to the table's columns.",
                "Rows the server refuses go to a rejects file with their line number and the reason; the rest load."})
final class ImportCsvCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE… TARGET", hideParamSyntax = true, description = "the input files (- for standard input), then the target database")
    List<String> args = new ArrayList<>();

    @Option(names = {"-t", "--table"}, required = true, paramLabel = "NAME", description = "the table to load into (schema.table as in SQL)")
    String table;

    @Option(names = "--create", description = "create the table, with column types inferred from every value (reads the input once more)")
    boolean create;

    @Option(names = "--no-header", description = "the first line is data: fields load into the table's columns in order")
    boolean noHeader;

    @Option(names = "--delimiter", paramLabel = "CHAR", description = "field delimiter (default: ',', or a tab with --tsv or a .tsv file)")
    String delimiter;

    @Option(names = "--quote", paramLabel = "CHAR", description = "quote character (default: '\"')")
    String quote;

    @Option(names = "--escape", paramLabel = "CHAR", description = "escape character inside quotes (default: the quote character, i.e. \"\")")
    String escape;

    @Option(names = "--null", paramLabel = "STRING", description = "the unquoted text that means NULL (default: an empty unquoted field; a quoted \"\" is an empty string)")
    String nullString;

    @Option(names = {"-E", "--encoding"}, paramLabel = "ENCODING", description = "the files' encoding, as PostgreSQL names it: UTF8 (default), LATIN1, WIN1252, …")
    String encoding;

    @Option(names = "--tsv", description = "tab-separated values (quotes keep their CSV meaning)")
    boolean tsv;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "sessions loading at a time (default: ${DEFAULT-VALUE})")
    int jobs = 1;

    @Option(names = "--max-errors", paramLabel = "N", description = "stop, loading nothing, once more than N rows are rejected (default: no limit)")
    long maxErrors = -1;

    @Option(names = "--rejects", paramLabel = "FILE", description = "where rejected rows go, with line number and reason (default: TABLE.rejects.csv)")
    Path rejects;

    @Option(names = "--wake-timeout", paramLabel = "SECONDS", description = "retry the first connection for up to SECONDS while the server wakes (default: ${DEFAULT-VALUE})")
    int wakeTimeout = 30;

    @Option(names = "--no-progress", description = "plain log lines instead of the live progress display")
    boolean noProgress;

    @Option(names = {"-v", "--verbose"}, description = "stack traces of errors")
    boolean verbose;

    /** Batch size in bytes; hidden, for tests that need several batches from small files. */
    @Option(names = "--batch-bytes", hidden = true)
    int batchBytes = CsvImportOptions.DEFAULT_BATCH_BYTES;

    @Override
    public Integer call() {
        if (args.size() < 2) {
            return usage("give at least one FILE (or - for standard input) and then TARGET");
        }
        List<String> files = args.subList(0, args.size() - 1);
        String targetText = args.get(args.size() - 1);
        if (jobs < 1 || jobs > 64) {
            return usage("--jobs must be between 1 and 64, got " + jobs);
        }
        if (wakeTimeout < 0 || wakeTimeout > 3600) {
            return usage("--wake-timeout must be between 0 and 3600 seconds, got " + wakeTimeout);
        }
        if (batchBytes < 1) {
            return usage("--batch-bytes must be positive");
        }
        boolean tsvInput = tsv || (delimiter == null && !files.isEmpty()
                && files.stream().allMatch(f -> f.toLowerCase(Locale.ROOT).matches(".*\\.tsv(\\.gz)?")));
        CsvFormat format;
        try {
            format = CsvFormat.of(delimiter, quote, escape, nullString, !noHeader, encoding, tsvInput);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        ConnectionSpec spec = ConnectionArgs.parse("TARGET", targetText, System.err::println);
        if (spec == null) {
            return ExitCode.USAGE;
        }
        Path rejectsFile = rejects != null ? rejects
                : Path.of(table.replaceAll("[^A-Za-z0-9_.-]", "_") + ".rejects.csv");
        CsvImportOptions options = new CsvImportOptions(files, table, format, create, jobs, maxErrors, rejectsFile,
                batchBytes);
        try {
            CsvImport.checkInputs(files); // before connecting: a typo in a path should not wait for a server
        } catch (CsvImportException e) {
            return usage(e.getMessage());
        }
        try {
            Connector.open(spec, "pgbarge:check", CopyRun.wakeUp(Duration.ofSeconds(wakeTimeout), "target")).close();
        } catch (ConnectionFailedException e) {
            return Failure.report(System.err, verbose, "pgbarge: " + e.getMessage(), e, ExitCode.CONNECTION);
        } catch (java.sql.SQLException e) {
            return Failure.report(System.err, verbose, "pgbarge: " + e.getMessage(), e, ExitCode.CONNECTION);
        }
        RunProgress progress = new RunProgress();
        Instant start = Instant.now();
        try (Console console = Console.start(progress, noProgress)) {
            CsvImportResult r = new CsvImport(name -> Connector.open(spec, name), options, progress, System.in).run();
            console.close();
            summary(r, Duration.between(start, Instant.now()), files.size());
            progress.notes().forEach(n -> System.out.println("Note: " + n));
            if (r.rejected() > 0) {
                System.err.println("pgbarge: " + Format.count(r.rejected()) + " row(s) rejected, see " + r.rejects()
                        + " (the other rows were loaded)");
                return ExitCode.MISMATCH;
            }
            return ExitCode.OK;
        } catch (CsvImportException e) {
            System.err.println();
            return Failure.report(System.err, verbose, "pgbarge: " + e.getMessage(), e, switch (e.reason()) {
                case USAGE -> ExitCode.USAGE;
                case TABLE_EXISTS -> ExitCode.TARGET_NOT_EMPTY;
                case CONNECTION -> ExitCode.CONNECTION;
                case RUN_FAILED -> ExitCode.RUN_FAILED;
                case BAD_INPUT -> ExitCode.BAD_INPUT;
            });
        } catch (InterruptedException e) {
            return Failure.interrupted(System.err, "pgbarge: interrupted; nothing was loaded");
        } catch (RuntimeException e) {
            return Failure.internal(System.err, verbose, e);
        }
    }

    private static void summary(CsvImportResult r, Duration took, int files) {
        System.out.println("Loaded " + Format.count(r.rowsLoaded()) + " row(s) into " + r.table() + " from " + files
                + " input(s): " + Format.bytes(r.bytes()) + " in " + Format.duration(took) + " ("
                + Format.rate(r.bytes() / Math.max(0.001, took.toNanos() / 1e9)) + ")");
        if (!r.created().isEmpty()) {
            System.out.println("Created " + r.table() + " (" + String.join(", ", r.created()) + ")");
        }
        if (r.rejected() > 0) {
            System.out.println("Rejected " + Format.count(r.rejected()) + " row(s): " + r.rejects());
        }
    }

    private static int usage(String message) {
        System.err.println("pgbarge: " + message);
        return ExitCode.USAGE;
    }
}
