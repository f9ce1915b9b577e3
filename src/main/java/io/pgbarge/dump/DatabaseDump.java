package io.pgbarge.dump;

import io.pgbarge.archive.TocEntry;
import io.pgbarge.archive.write.ArchiveWriteException;
import io.pgbarge.archive.write.ArchiveWriteOptions;
import io.pgbarge.archive.write.ArchiveWriter;
import io.pgbarge.archive.write.CustomArchiveWriter;
import io.pgbarge.archive.write.DirectoryArchiveWriter;
import io.pgbarge.archive.write.PlainScriptWriter;
import io.pgbarge.archive.write.TarArchiveWriter;
import io.pgbarge.catalog.Catalog;
import io.pgbarge.catalog.ExtensionConfigTable;
import io.pgbarge.catalog.ServerInfo;
import io.pgbarge.catalog.Table;
import io.pgbarge.copy.SnapshotHolder;
import io.pgbarge.ddl.DdlContext;
import io.pgbarge.ddl.LargeObjectDdl;
import io.pgbarge.ddl.SchemaScript;
import io.pgbarge.exec.ConnectionSource;
import io.pgbarge.exec.Executor;
import io.pgbarge.exec.PgError;
import io.pgbarge.exec.StepFailedException;
import io.pgbarge.exec.StepRunner;
import io.pgbarge.exec.WorkerSessions;
import io.pgbarge.plan.DataTask;
import io.pgbarge.plan.Plan;
import io.pgbarge.plan.Planner;
import io.pgbarge.plan.Step;
import io.pgbarge.plan.TargetRoles;
import io.pgbarge.report.RunProgress;
import io.pgbarge.select.SourceRelations;
import io.pgbarge.select.TableFilter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@code pgbarge dump}: what {@code pg_dump} does, written by pgbarge's own catalog reader, DDL
 * generators and archive writers. One exported snapshot; the catalog read in it; the plan's
 * statements as TOC entries; each table's rows streamed from a {@code COPY … TO STDOUT} straight into
 * the archive, {@code jobs} tables at a time (largest first, in every format, the custom one included),
 * each worker's session inside the snapshot.
 *
 * <p>The archive is written under a temporary name beside PATH and renamed when complete: a failed
 * dump leaves nothing at PATH (and whatever was there before stays).
 */
public final class DatabaseDump {
    private final ConnectionSource source;
    private final DumpOptions options;
    private final RunProgress progress;
    private final OutputStream stdout;
    private final List<String> notes = new ArrayList<>();
    private final Map<String, DumpResult.TableRows> written = new ConcurrentHashMap<>();
    private final AtomicLong largeObjectCount = new AtomicLong();

    public DatabaseDump(ConnectionSource source, DumpOptions options, RunProgress progress) {
        this(source, options, progress, System.out);
    }

    /** @param stdout where a plain dump without a path goes */
    public DatabaseDump(ConnectionSource source, DumpOptions options, RunProgress progress, OutputStream stdout) {
        this.source = source;
        this.options = options;
        this.progress = progress;
        this.stdout = stdout;
    }

    public DumpResult run() throws DumpFailedException, InterruptedException {
        Instant start = Instant.now();
        Output output = Output.prepare(options);
        ArchiveWriter writer = null;
        boolean done = false;
        try {
            progress.phaseStarted("connect");
            Connection holderConn;
            try {
                holderConn = source.open("pgbarge:dump:snapshot");
            } catch (SQLException e) {
                throw new DumpFailedException(DumpFailedException.Reason.CONNECTION,
                        "cannot connect to the source: " + e.getMessage(), e);
            }
            progress.phaseFinished("connect");
            try (SnapshotHolder holder = SnapshotHolder.open(holderConn)) {
                progress.phaseStarted("catalog");
                List<TableFilter.Relation> relations = SourceRelations.read(holderConn);
                try (var st = holderConn.createStatement()) {
                    st.execute("SELECT pg_catalog.set_config('search_path', '', false)");
                }
                Catalog catalog = Catalog.read(holderConn);
                String mismatch = options.filter().checkMatches(relations, catalog.objects().schemas().stream()
                        .map(s -> s.name()).toList());
                if (mismatch != null) {
                    throw new DumpFailedException(DumpFailedException.Reason.USAGE, mismatch, null);
                }
                ServerInfo server = catalog.server();
                // for a restore as a superuser into whichever database: database settings name "the current one"
                ServerInfo anyTarget = new ServerInfo(server.versionNum(), server.version(), null, null, true,
                        server.encoding());
                SchemaScript.Result script = SchemaScript.statements(catalog, new DdlContext(server, anyTarget));
                notes.addAll(script.notes());
                Plan plan = Planner.build(script.statements(), catalog.dependencies(), catalog.tables().tables(),
                        dataTasks(catalog), TargetRoles.ALL, !options.schemaOnly());
                notes.addAll(plan.notes());
                TocBuilder.Result toc = TocBuilder.build(plan, catalog, options, relations);
                notes.addAll(toc.notes());
                List<Table> locked = toc.jobs().stream().map(TocBuilder.DataJob::table)
                        .filter(t -> t != null).toList();
                if (!locked.isEmpty()) {
                    holder.lockTables(locked);
                }
                progress.phaseFinished("catalog");

                writer = output.open(ArchiveWriteOptions.builder(server.database(), server.version())
                        .compression(options.compression()).build(), stdout);
                writer.addEntries(toc.entries());

                progress.phaseStarted("data");
                writeData(toc.jobs(), writer, holder);
                progress.phaseFinished("data");

                progress.phaseStarted("finish");
                writer.close();
                output.commit();
                done = true;
                progress.phaseFinished("finish");
                notes.forEach(progress::note);
                List<DumpResult.TableRows> rows = new ArrayList<>(written.values());
                rows.sort(Comparator.comparing(DumpResult.TableRows::table));
                return new DumpResult(options.path(), toc.entries().size(), rows,
                        rows.stream().mapToLong(DumpResult.TableRows::rows).sum(),
                        rows.stream().mapToLong(DumpResult.TableRows::bytes).sum(), largeObjectCount.get(),
                        notes, Duration.between(start, Instant.now()));
            }
        } catch (SQLException e) {
            throw new DumpFailedException(DumpFailedException.Reason.RUN_FAILED,
                    "dump failed on the source: " + PgError.of(e).render(), e);
        } catch (ArchiveWriteException e) {
            throw new DumpFailedException(DumpFailedException.Reason.RUN_FAILED, "writing the archive failed: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new DumpFailedException(DumpFailedException.Reason.RUN_FAILED, "writing the archive failed: "
                    + e.getMessage(), e);
        } finally {
            if (!done) {
                if (writer != null) {
                    writer.abort();
                }
                output.discard();
            }
        }
    }

    /** Large objects' contents and extension configuration rows, as the planner's data tasks. */
    private static List<DataTask> dataTasks(Catalog catalog) {
        List<DataTask> tasks = new ArrayList<>();
        var db = catalog.database();
        if (!db.largeObjects().isEmpty()) {
            tasks.add(new DataTask("contents of " + db.largeObjects().size() + " large objects",
                    LargeObjectDdl.CONTENTS_KEY, db.largeObjectBytes(), db.largeObjectOids()));
        }
        for (ExtensionConfigTable t : db.extensionConfigTables()) {
            tasks.add(new DataTask("rows of extension " + t.extension() + "'s table " + t.qualifiedName(), null, 0, t));
        }
        return tasks;
    }

    private void writeData(List<TocBuilder.DataJob> jobs, ArchiveWriter writer, SnapshotHolder holder)
            throws DumpFailedException, InterruptedException {
        if (jobs.isEmpty()) {
            return;
        }
        Map<Step, TocBuilder.DataJob> byStep = new HashMap<>();
        Map<Step, RunProgress.TableState> states = new HashMap<>();
        for (TocBuilder.DataJob j : jobs) {
            byStep.put(j.step(), j);
            states.put(j.step(), progress.addTable(j.label(), j.estimatedBytes(), j.estimatedRows()));
        }
        progress.addSteps(jobs.size());
        StepRunner runner = (step, s) -> run(byStep.get(step), states.get(step), writer, s);
        Executor executor = new Executor(options.jobs(),
                i -> new WorkerSessions("dump-" + i, source, c -> {
                    try (var st = c.createStatement()) {
                        // as pg_dump: fail rather than silently dump only the rows a policy shows
                        st.execute("SET row_security = off; SET intervalstyle = postgres");
                    }
                    holder.join(c);
                }, name -> {
                    throw new SQLException("a dump has no target");
                }, io.pgbarge.exec.SessionSetup.NONE),
                runner, 3);
        List<Step> steps = new ArrayList<>(byStep.keySet());
        steps.sort(Comparator.comparingInt(Step::id));
        try {
            executor.run(steps);
        } catch (StepFailedException e) {
            throw new DumpFailedException(DumpFailedException.Reason.RUN_FAILED, e.render(), e);
        }
    }

    private void run(TocBuilder.DataJob job, RunProgress.TableState state, ArchiveWriter writer, WorkerSessions s)
            throws StepFailedException {
        Instant start = Instant.now();
        String what = job.largeObjects() != null ? "dump of the large objects" : "dump of table " + job.label();
        state.bytes.set(0);
        progress.tableStarted(state);
        try {
            Connection c = s.source();
            if (job.largeObjects() != null) {
                long[] bytes = new long[1];
                writer.writeLargeObjects(job.dumpId(), out -> bytes[0] = TableDataWriter.largeObjects(c, job.largeObjects(), out));
                state.bytes.set(bytes[0]);
                largeObjectCount.set(job.largeObjects().size());
                progress.tableFinished(state, job.largeObjects().size());
            } else {
                TableDataWriter.Counts[] counts = new TableDataWriter.Counts[1];
                writer.writeData(job.dumpId(), out -> counts[0] = TableDataWriter.copy(c, job.copyOut(), out, state));
                progress.tableFinished(state, counts[0].rows());
                written.put(job.label(), new DumpResult.TableRows(job.label(), counts[0].rows(), counts[0].bytes()));
            }
        } catch (SQLException e) {
            progress.tableFailed(state);
            throw new StepFailedException(what, "source", job.copyOut(), e);
        } catch (TableDataWriter.SourceException e) {
            progress.tableFailed(state);
            throw new StepFailedException(what, "source", job.copyOut(), e.getCause());
        } catch (IOException e) {
            progress.tableFailed(state);
            throw new StepFailedException(what, "archive", null, e);
        }
        progress.stepFinished("DUMP", what, Duration.between(start, Instant.now()));
    }

    // ---------------------------------------------------------------------------------------------
    // The output path
    // ---------------------------------------------------------------------------------------------

    /** Where the archive goes: a temporary name beside PATH until it is complete. */
    private static final class Output {
        private final DumpOptions options;
        private final Path temp;

        private Output(DumpOptions options, Path temp) {
            this.options = options;
            this.temp = temp;
        }

        /** Checks PATH as pg_dump would, before anything is read from the source. */
        static Output prepare(DumpOptions options) throws DumpFailedException {
            Path path = options.path();
            if (path == null) {
                return new Output(options, null);
            }
            path = path.toAbsolutePath();
            Path parent = path.getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw usage("could not open output " + what(options) + " \"" + options.path()
                        + "\": the directory " + parent + " does not exist");
            }
            if (options.format() == DumpFormat.DIRECTORY) {
                if (Files.exists(path)) {
                    if (!Files.isDirectory(path)) {
                        throw usage("could not create directory \"" + options.path() + "\": a file of that name exists");
                    }
                    try (DirectoryStream<Path> ds = Files.newDirectoryStream(path)) {
                        if (ds.iterator().hasNext()) {
                            throw usage("could not create directory \"" + options.path()
                                    + "\": it exists and is not empty (pg_dump's rule: use a new or empty directory)");
                        }
                    } catch (IOException e) {
                        throw usage("could not read directory \"" + options.path() + "\": " + e.getMessage());
                    }
                }
            } else if (Files.isDirectory(path)) {
                throw usage("could not open output file \"" + options.path() + "\": it is a directory"
                        + (options.format() == DumpFormat.CUSTOM || options.format() == DumpFormat.TAR
                        ? " (use -Fd for a directory archive)" : ""));
            }
            try {
                String prefix = "." + path.getFileName() + ".";
                Path temp = options.format() == DumpFormat.DIRECTORY
                        ? Files.createTempDirectory(parent, prefix)
                        : Files.createTempFile(parent, prefix, ".partial");
                return new Output(options, temp);
            } catch (IOException | SecurityException e) {
                throw usage("could not open output " + what(options) + " \"" + options.path() + "\": cannot write in "
                        + parent + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            }
        }

        private static String what(DumpOptions o) {
            return o.format() == DumpFormat.DIRECTORY ? "directory" : "file";
        }

        private static DumpFailedException usage(String message) {
            return new DumpFailedException(DumpFailedException.Reason.USAGE, message, null);
        }

        ArchiveWriter open(ArchiveWriteOptions o, OutputStream stdout) throws IOException {
            return switch (options.format()) {
                case CUSTOM -> CustomArchiveWriter.create(temp, o);
                case DIRECTORY -> DirectoryArchiveWriter.create(temp, o);
                case TAR -> TarArchiveWriter.create(temp, o);
                case PLAIN -> temp == null ? PlainScriptWriter.create(new NonClosing(stdout), o)
                        : PlainScriptWriter.create(temp, o);
            };
        }

        /** Moves the complete archive to PATH. */
        void commit() throws IOException {
            if (temp == null) {
                return;
            }
            Path path = options.path().toAbsolutePath();
            if (options.format() == DumpFormat.DIRECTORY && Files.isDirectory(path)) {
                Files.delete(path); // empty: checked before
            }
            try {
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        }

        /** Deletes what a failed dump wrote. */
        void discard() {
            if (temp == null || !Files.exists(temp)) {
                return;
            }
            try (Stream<Path> s = Files.walk(temp)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // best effort: a temporary name, never PATH itself
            }
        }
    }

    /** Standard output stays open after the script is written. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /** For tests: the entries a dump would write, without data. */
    static List<TocEntry> entriesOf(TocBuilder.Result r) {
        return r.entries();
    }
}
