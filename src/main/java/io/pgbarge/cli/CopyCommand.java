package io.pgbarge.cli;

import io.pgbarge.copy.CopyOptions;
import io.pgbarge.plan.RoleMapping;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code pgbarge copy SOURCE TARGET}: what {@code pg_dump SOURCE | psql TARGET} does, in parallel. */
@Command(name = "copy", mixinStandardHelpOptions = true,
        description = {"Copy a whole database from SOURCE into TARGET: schema, rows, indexes, constraints,",
                "from one consistent snapshot of the source, with N tables at a time; or part of it",
                "(-t/-n/-T/-N, pg_dump's patterns), or only rows into existing tables (-a).",
                "SOURCE and TARGET are libpq connection strings: postgresql://user:pass@host:5432/db?sslmode=require,",
                "'host=… dbname=…', or a database name (PG* environment variables and ~/.pgpass apply)."})
final class CopyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SOURCE", description = "the database to copy from")
    String source;

    @Parameters(index = "1", paramLabel = "TARGET", description = "the database to copy into (should be empty)")
    String target;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "tables copied at a time, and sessions per server (default: ${DEFAULT-VALUE})")
    int jobs = CopyOptions.defaults().jobs();

    @Option(names = {"-c", "--clean"}, description = "drop objects the copy creates that already exist on the target (DROP … IF EXISTS … CASCADE) before creating them")
    boolean clean;

    @Option(names = {"-s", "--schema-only"}, description = "create the objects, copy no rows")
    boolean schemaOnly;

    @Option(names = {"-O", "--no-owner"}, description = "do not set owners: everything is owned by the target login")
    boolean noOwner;

    @Option(names = {"-x", "--no-privileges", "--no-acl"}, description = "do not copy GRANTs")
    boolean noPrivileges;

    @Option(names = "--no-analyze", description = "do not ANALYZE tables after loading them")
    boolean noAnalyze;

    @Option(names = {"-B", "--no-large-objects", "--no-blobs"}, description = "do not copy large objects")
    boolean noLargeObjects;

    @Option(names = "--role-map", paramLabel = "SRC=DST", description = "statements naming source role SRC (owners, grants, default privileges, policies, role settings) name target role DST instead (repeatable)")
    java.util.List<String> roleMap = new java.util.ArrayList<>();

    @Option(names = "--create-roles", description = "create the roles the copy needs and the target lacks, as NOLOGIN roles without password (needs a superuser or CREATEROLE login)")
    boolean createRoles;

    @Option(names = "--skip-missing-extensions", description = "leave out every extension the target cannot have (not offered, or not creatable by the login), with everything that needs it; each is listed in the summary")
    boolean skipMissingExtensions;

    @Option(names = "--exclude-extension", paramLabel = "NAME", description = "leave out this extension and everything that needs it (repeatable; as pg_dump 17)")
    java.util.List<String> excludeExtensions = new java.util.ArrayList<>();

    @Option(names = "--all-databases", description = "copy every database of the SOURCE server (not templates, not those refusing connections) into the same-named database of the TARGET server, creating it when the login may; SOURCE and TARGET then name servers (their database is where to connect first, default postgres)")
    boolean allDatabases;

    @Option(names = "--exclude-database", paramLabel = "PATTERN", description = "with --all-databases: leave out databases matching PATTERN (* and ? as in the shell; repeatable; as pg_dumpall)")
    java.util.List<String> excludeDatabases = new java.util.ArrayList<>();

    @Option(names = "--wake-timeout", paramLabel = "SECONDS", description = "retry the first connection to each server for up to SECONDS while it refuses, times out or is starting up, as a suspended serverless compute does while it wakes (0: no retry; default: ${DEFAULT-VALUE})")
    int wakeTimeout = 30;

    @Option(names = {"-n", "--schema"}, paramLabel = "PATTERN", description = "copy only these schemas and what is in them (pg_dump's patterns; repeatable)")
    java.util.List<String> schemas = new java.util.ArrayList<>();

    @Option(names = {"-N", "--exclude-schema"}, paramLabel = "PATTERN", description = "do not copy these schemas")
    java.util.List<String> excludeSchemas = new java.util.ArrayList<>();

    @Option(names = {"-t", "--table"}, paramLabel = "PATTERN", description = "copy only these tables (views, sequences, foreign tables) with their indexes, constraints, triggers, grants")
    java.util.List<String> tables = new java.util.ArrayList<>();

    @Option(names = {"-T", "--exclude-table"}, paramLabel = "PATTERN", description = "do not copy these tables")
    java.util.List<String> excludeTables = new java.util.ArrayList<>();

    @Option(names = "--exclude-table-data", paramLabel = "PATTERN", description = "copy these tables' definitions but not their rows")
    java.util.List<String> excludeTableData = new java.util.ArrayList<>();

    @Option(names = {"-a", "--data-only"}, description = "copy only rows, into tables that already exist on the target (columns matched by name; non-empty tables refused unless --clean, which empties them)")
    boolean dataOnly;

    @Option(names = "--with-dependencies", description = "also copy what the selected objects need and the target lacks (referenced tables, types, sequences, functions, schemas)")
    boolean withDependencies;

    @Option(names = "--verify", description = "afterwards compare the target with the source as the copy read it (its snapshot): schema, row counts and checksums, sequences, as pgbarge verify; exit 6 when something differs")
    boolean verify;

    @Option(names = "--force", description = "copy even when the preflight check (pgbarge check) finds blockers")
    boolean force;

    @Option(names = "--resume", description = "continue the interrupted copy of the same SOURCE into the same TARGET: finished tables, indexes and constraints are not done again")
    boolean resume;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "where the copy's journal (for --resume) is kept (default: $XDG_STATE_HOME/pgbarge or ~/.local/state/pgbarge)")
    java.nio.file.Path workDir;

    @Option(names = "--no-progress", description = "plain log lines instead of the live progress display")
    boolean noProgress;

    @Option(names = {"-v", "--verbose"}, description = "more detail, and stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() {
        if (jobs < 1 || jobs > 256) {
            System.err.println("pgbarge: --jobs must be between 1 and 256, got " + jobs);
            return ExitCode.USAGE;
        }
        RoleMapping mapping;
        try {
            mapping = RoleMapping.parse(roleMap);
        } catch (IllegalArgumentException e) {
            System.err.println("pgbarge: " + e.getMessage());
            return ExitCode.USAGE;
        }
        io.pgbarge.copy.TableSelection selection;
        try {
            selection = new io.pgbarge.copy.TableSelection(io.pgbarge.select.TableFilter.of(schemas, excludeSchemas,
                    tables, excludeTables, excludeTableData), dataOnly, withDependencies);
            String refused = selection.conflictWith(schemaOnly);
            if (refused != null) {
                throw new IllegalArgumentException(refused);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("pgbarge: " + e.getMessage());
            return ExitCode.USAGE;
        }
        CopyOptions options = new CopyOptions(jobs, clean, schemaOnly, noOwner, noPrivileges, !noAnalyze,
                !noLargeObjects).withRoles(mapping, createRoles).withSelection(selection)
                .withExtensions(new io.pgbarge.copy.MissingExtensions.Policy(skipMissingExtensions,
                        new java.util.HashSet<>(excludeExtensions)));
        if (wakeTimeout < 0 || wakeTimeout > 3600) {
            System.err.println("pgbarge: --wake-timeout must be between 0 and 3600 seconds, got " + wakeTimeout);
            return ExitCode.USAGE;
        }
        if (resume && clean) {
            System.err.println("pgbarge: --resume continues an interrupted copy and --clean starts over: choose one");
            return ExitCode.USAGE;
        }
        CopyRun.Journaling journaling = new CopyRun.Journaling(resume,
                workDir == null ? io.pgbarge.journal.WorkDir.defaultDir() : workDir);
        if (!excludeDatabases.isEmpty() && !allDatabases) {
            System.err.println("pgbarge: --exclude-database applies to --all-databases");
            return ExitCode.USAGE;
        }
        if (allDatabases) {
            io.pgbarge.conn.ConnectionSpec s = ConnectionArgs.parse("SOURCE", source, System.err::println);
            io.pgbarge.conn.ConnectionSpec t = s == null ? null : ConnectionArgs.parse("TARGET", target, System.err::println);
            if (t == null) {
                return ExitCode.USAGE;
            }
            return AllDatabasesRun.run(s, t, excludeDatabases, options, noProgress, verbose, force,
                    java.time.Duration.ofSeconds(wakeTimeout), verify, journaling);
        }
        return CopyRun.run(source, target, options, noProgress, verbose, force, java.time.Duration.ofSeconds(wakeTimeout),
                verify, journaling);
    }
}
