package io.pgbarge.cli;

import io.pgbarge.archive.ArchiveFormatException;
import io.pgbarge.archive.ArchiveListing;
import io.pgbarge.conn.ConnectionFailedException;
import io.pgbarge.conn.ConnectionSpec;
import io.pgbarge.conn.Connector;
import io.pgbarge.exec.ConnectionSource;
import io.pgbarge.journal.JournalException;
import io.pgbarge.journal.RunJournal;
import io.pgbarge.journal.WorkDir;
import io.pgbarge.plan.RoleMapping;
import io.pgbarge.report.Console;
import io.pgbarge.report.RunProgress;
import io.pgbarge.restore.DatabaseRestore;
import io.pgbarge.restore.RestoreFailedException;
import io.pgbarge.restore.RestoreInput;
import io.pgbarge.restore.RestoreOptions;
import io.pgbarge.restore.ScriptRestore;
import io.pgbarge.verify.ArchiveRows;
import io.pgbarge.verify.ArchiveVerify;
import io.pgbarge.verify.VerifyFailedException;
import io.pgbarge.verify.VerifyProgress;
import io.pgbarge.verify.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pgbarge restore [FILE | DIR | -] -d TARGET}: what pg_restore (or psql for plain dumps) does, in parallel. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore a pg_dump archive (custom, directory or tar format) or a plain SQL dump into TARGET.",
                "FILE may be '-' (or left out) to read standard input: a custom archive or a plain SQL script.",
                "Plain scripts run in order; their indexes and constraints are built after the data, in parallel."})
public final class RestoreCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "archive file, directory, or - for standard input")
    String file;

    @Option(names = {"-d", "--dbname"}, paramLabel = "TARGET", description = "the database to restore into (libpq connection string)")
    String target;

    @Option(names = {"-F", "--format"}, paramLabel = "c|d|t|p", description = "accepted for pg_restore compatibility: the format is detected")
    String format;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "sessions loading data and building indexes at a time (default: ${DEFAULT-VALUE})")
    int jobs = 1;

    @Option(names = {"-c", "--clean"}, description = "drop the archive's objects (DROP … IF EXISTS) before creating them")
    boolean clean;

    @Option(names = "--if-exists", description = "use IF EXISTS when dropping objects (always done)")
    boolean ifExists;

    @Option(names = {"-1", "--single-transaction"}, description = "restore as one transaction: all or nothing")
    boolean singleTransaction;

    @Option(names = {"-O", "--no-owner"}, description = "do not set owners: everything is owned by the target login")
    boolean noOwner;

    @Option(names = {"-x", "--no-privileges", "--no-acl"}, description = "do not restore GRANTs")
    boolean noPrivileges;

    @Option(names = {"-n", "--schema"}, paramLabel = "SCHEMA", description = "restore only objects in this schema (repeatable)")
    List<String> schemas = new ArrayList<>();

    @Option(names = {"-t", "--table"}, paramLabel = "TABLE", description = "restore only this table, view or sequence, with its data (repeatable)")
    List<String> tables = new ArrayList<>();

    @Option(names = {"-s", "--schema-only"}, description = "restore the objects, no data")
    boolean schemaOnly;

    @Option(names = {"-a", "--data-only"}, description = "restore the data only, into existing tables")
    boolean dataOnly;

    @Option(names = {"-l", "--list"}, description = "print the archive's table of contents and exit")
    boolean list;

    @Option(names = {"-L", "--use-list"}, paramLabel = "LIST", description = "restore only the entries of this list (edited -l output), in its order")
    Path useList;

    @Option(names = "--role-map", paramLabel = "SRC=DST", description = "entries naming source role SRC (owners, grants, default privileges, policies) name target role DST instead (repeatable; archives only)")
    List<String> roleMap = new ArrayList<>();

    @Option(names = "--create-roles", description = "create the roles the archive needs and the target lacks, as NOLOGIN roles without password (archives only; needs a superuser or CREATEROLE login)")
    boolean createRoles;

    @Option(names = "--skip-missing-extensions", description = "leave out every extension the target cannot have (not offered, or not creatable by the login), with everything that needs it; each is listed in the summary (archives only)")
    boolean skipMissingExtensions;

    @Option(names = "--exclude-extension", paramLabel = "NAME", description = "leave out this extension and everything that needs it (repeatable; archives only)")
    List<String> excludeExtensions = new ArrayList<>();

    @Option(names = "--wake-timeout", paramLabel = "SECONDS", description = "retry the first connection for up to SECONDS while the server refuses, times out or is starting up, as a suspended serverless compute does while it wakes (0: no retry; default: ${DEFAULT-VALUE})")
    int wakeTimeout = 30;

    @Option(names = "--verify", description = "afterwards compare every loaded table's row count and checksum, and every sequence value, with the archive's own (hashed as the rows stream in); exit 6 when something differs")
    boolean verify;

    @Option(names = "--resume", description = "continue the interrupted restore of the same archive into the same TARGET: finished tables, indexes and constraints are not done again")
    boolean resume;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "where the restore's journal (for --resume) is kept (default: $XDG_STATE_HOME/pgbarge or ~/.local/state/pgbarge)")
    Path workDir;

    @Option(names = "--no-progress", description = "plain log lines instead of the live progress display")
    boolean noProgress;

    @Option(names = {"-v", "--verbose"}, description = "more detail, and stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() {
        RoleMapping mapping;
        try {
            mapping = RoleMapping.parse(roleMap);
        } catch (IllegalArgumentException e) {
            System.err.println("pgbarge: " + e.getMessage());
            return ExitCode.USAGE;
        }
        RestoreOptions options = new RestoreOptions(jobs, clean, ifExists, singleTransaction, noOwner, noPrivileges,
                schemas, tables, schemaOnly, dataOnly, useList).withRoles(mapping, createRoles)
                .withExtensions(new io.pgbarge.copy.MissingExtensions.Policy(skipMissingExtensions,
                        new java.util.HashSet<>(excludeExtensions)));
        String problem = options.problem();
        if (problem != null) {
            System.err.println("pgbarge: " + problem);
            return ExitCode.USAGE;
        }
        if (verify && schemaOnly) {
            System.err.println("pgbarge: --verify compares the rows restored with the archive's; with -s/--schema-only"
                    + " no rows are restored (compare schemas with pgbarge verify SOURCE TARGET --schema-only)");
            return ExitCode.USAGE;
        }
        if (verify && list) {
            System.err.println("pgbarge: --verify applies to a restore, not to -l/--list");
            return ExitCode.USAGE;
        }
        if (wakeTimeout < 0 || wakeTimeout > 3600) {
            System.err.println("pgbarge: --wake-timeout must be between 0 and 3600 seconds, got " + wakeTimeout);
            return ExitCode.USAGE;
        }
        if (format != null && !format.matches("(?i)c|custom|d|directory|t|tar|p|plain")) {
            System.err.println("pgbarge: unrecognized archive format \"" + format + "\"; please specify \"c\", \"d\", \"t\" or \"p\"");
            return ExitCode.USAGE;
        }
        if (resume && clean) {
            System.err.println("pgbarge: --resume continues an interrupted restore and --clean starts over: choose one");
            return ExitCode.USAGE;
        }
        if (resume && singleTransaction) {
            System.err.println("pgbarge: --single-transaction leaves nothing to resume (all or nothing): drop --resume");
            return ExitCode.USAGE;
        }
        if (resume && (file == null || file.equals("-"))) {
            System.err.println("pgbarge: --resume needs the archive as a file or directory: standard input cannot be read again");
            return ExitCode.USAGE;
        }
        if (!list && target == null) {
            System.err.println("pgbarge: -d/--dbname TARGET is required (or -l to list an archive)");
            return ExitCode.USAGE;
        }
        RestoreInput input;
        try {
            input = RestoreInput.open(file, System.in);
        } catch (NoSuchFileException e) {
            System.err.println("pgbarge: " + e.getFile() + ": no such file or directory");
            return ExitCode.USAGE;
        } catch (ArchiveFormatException e) {
            return Failure.report(System.err, verbose, "pgbarge: " + e.getMessage(), e, ExitCode.BAD_INPUT);
        } catch (IOException e) {
            return Failure.report(System.err, verbose,
                    "pgbarge: cannot read " + (file == null ? "standard input" : file) + ": " + e.getMessage(), e,
                    ExitCode.USAGE);
        }
        try (input) {
            if (list) {
                if (input.archive() == null) {
                    System.err.println("pgbarge: " + input.name() + " is a plain SQL script, not an archive: -l lists archives");
                    return ExitCode.USAGE;
                }
                System.out.print(ArchiveListing.render(input.archive(), verbose));
                System.out.flush();
                return ExitCode.OK;
            }
            if (input.archive() == null && resume) {
                System.err.println("pgbarge: --resume applies to archives; " + input.name()
                        + " is a plain SQL script, which runs from its start");
                return ExitCode.USAGE;
            }
            if (input.archive() == null && (!options.roleMapping().isEmpty() || options.createRoles())) {
                System.err.println("pgbarge: --role-map and --create-roles apply to archives; " + input.name()
                        + " is a plain SQL script, which runs as written");
                return ExitCode.USAGE;
            }
            if (input.archive() == null && (skipMissingExtensions || !excludeExtensions.isEmpty())) {
                System.err.println("pgbarge: --skip-missing-extensions and --exclude-extension apply to archives; "
                        + input.name() + " is a plain SQL script, which runs as written (its dependencies are not"
                        + " known). Dump with -Fc, or use pgbarge copy.");
                return ExitCode.USAGE;
            }
            return restore(input, options);
        } catch (IOException e) {
            return Failure.report(System.err, verbose, "pgbarge: " + e.getMessage(), e,
                    e instanceof ArchiveFormatException ? ExitCode.BAD_INPUT : ExitCode.RUN_FAILED);
        }
    }

    private int restore(RestoreInput input, RestoreOptions options) {
        ConnectionSpec spec;
        spec = ConnectionArgs.parse("TARGET", target, System.err::println);
        if (spec == null) {
            return ExitCode.USAGE;
        }
        try {
            Connector.open(spec, "pgbarge:check", CopyRun.wakeUp(java.time.Duration.ofSeconds(wakeTimeout), "target")).close();
        } catch (ConnectionFailedException e) {
            return Failure.report(System.err, verbose, "pgbarge: " + e.getMessage(), e, ExitCode.CONNECTION);
        } catch (java.sql.SQLException e) {
            return Failure.report(System.err, verbose, "pgbarge: " + e.getMessage(), e, ExitCode.CONNECTION);
        }
        ConnectionSource tgt = name -> Connector.open(spec, name);
        RunProgress progress = new RunProgress();
        RunJournal journal = null;
        if (input.archive() != null && !options.singleTransaction() && file != null && !file.equals("-")) {
            try {
                journal = RunJournal.open(workDir == null ? WorkDir.defaultDir() : workDir, job(spec, options),
                        resume, options.clean());
            } catch (JournalException e) {
                return Failure.report(System.err, verbose, "pgbarge: " + e.getMessage(), e, ExitCode.USAGE);
            } catch (IOException e) {
                return Failure.report(System.err, verbose, "pgbarge: cannot read " + file + ": " + e.getMessage(), e,
                        ExitCode.USAGE);
            }
        }
        ArchiveRows expected = verify ? new ArchiveRows() : null;
        DatabaseRestore restore = input.archive() != null
                ? new DatabaseRestore(tgt, options, progress).verifyInto(expected).journal(journal) : null;
        InterruptHook hook = restore == null ? null : InterruptHook.install(restore::interrupt);
        try {
            return run(input, options, tgt, progress, restore, expected);
        } finally {
            if (hook != null) {
                hook.close();
            }
        }
    }

    /** The job a journal belongs to: this archive (by path, size and age) into this target. */
    private io.pgbarge.journal.JobIdentity job(ConnectionSpec spec, RestoreOptions options) throws IOException {
        Path archive = Path.of(file).toRealPath();
        Path stamped = java.nio.file.Files.isDirectory(archive) ? archive.resolve("toc.dat") : archive;
        String fingerprint = "size " + java.nio.file.Files.size(stamped) + ", modified "
                + java.nio.file.Files.getLastModifiedTime(stamped);
        String shape = (options.schemaOnly() ? "schema-only " : "") + (options.dataOnly() ? "data-only " : "")
                + (options.noOwner() ? "no-owner " : "") + (options.noPrivileges() ? "no-privileges " : "")
                + (options.createRoles() ? "create-roles " : "") + "schemas=" + options.schemas() + " tables="
                + options.tables() + " list=" + options.listFile() + " role-map-to="
                + new java.util.TreeSet<>(options.roleMapping().targets());
        return new io.pgbarge.journal.JobIdentity("restore", archive + "\n" + spec.server(),
                "restore of " + archive + " into " + spec.server(), fingerprint, shape);
    }

    private int run(RestoreInput input, RestoreOptions options, ConnectionSource tgt, RunProgress progress,
                    DatabaseRestore restore, ArchiveRows expected) {
        try (Console console = Console.start(progress, noProgress)) {
            if (restore != null) {
                restore.run(input.archive());
            } else {
                new ScriptRestore(tgt, options, progress).verifyInto(expected).run(input.script(), input.name());
            }
            if (expected != null) {
                progress.phaseStarted("verify");
                VerifyReport report = ArchiveVerify.run(tgt, expected, jobs, VerifyProgress.NONE);
                progress.phaseFinished("verify");
                console.finish();
                System.out.print(report.render());
                System.out.flush();
                return report.equal() ? ExitCode.OK : ExitCode.MISMATCH;
            }
            console.finish();
            return ExitCode.OK;
        } catch (VerifyFailedException e) {
            System.err.println();
            return Failure.report(System.err, verbose,
                    "pgbarge: the restore finished, but verifying it failed: " + e.getMessage(), e,
                    e.reason() == VerifyFailedException.Reason.CONNECTION ? ExitCode.CONNECTION : ExitCode.RUN_FAILED);
        } catch (RestoreFailedException e) {
            System.err.println();
            return Failure.report(System.err, verbose, "pgbarge: " + e.getMessage(), e, switch (e.reason()) {
                case USAGE -> ExitCode.USAGE;
                case TARGET_NOT_EMPTY -> ExitCode.TARGET_NOT_EMPTY;
                case CONNECTION -> ExitCode.CONNECTION;
                case RUN_FAILED -> ExitCode.RUN_FAILED;
                case BLOCKED -> ExitCode.BLOCKERS;
                case INTERRUPTED -> ExitCode.INTERRUPTED;
                case BAD_INPUT -> ExitCode.BAD_INPUT;
            });
        } catch (InterruptedException e) {
            return Failure.interrupted(System.err, "pgbarge: interrupted");
        } catch (RuntimeException e) {
            return Failure.internal(System.err, verbose, e);
        }
    }
}
