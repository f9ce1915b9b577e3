package io.pgbarge.csv;

import io.pgbarge.conn.ConnectionFailedException;
import io.pgbarge.exec.ConnectionSource;
import io.pgbarge.exec.PgError;
import io.pgbarge.report.RunProgress;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Loads CSV files into one table of the target.
 *
 * <p>One reader thread scans the inputs in order (quote state tracked from the first byte, so every
 * cut is a true record boundary, gzip and standard input included), checks each record's field count,
 * and hands batches of whole records to {@code jobs} sessions. The server parses the values itself
 * ({@code COPY … (FORMAT csv)}); the bytes go through unchanged. Rows the server refuses are isolated
 * by {@link BatchLoader} and written to the rejects file while the load goes on.
 *
 * <p>All or nothing: every session keeps its transaction open until the reader is done and every
 * batch is stored, then all commit one after the other. A failure before that point (the server
 * refusing something other than a row, a lost connection, more rejects than --max-errors, an unreadable
 * input) rolls every session back, and drops the table if this run created it. Only a failure between
 * two of the final COMMITs can leave part of the load; the message then says how many rows landed.
 *
 * <p>{@code --create} reads every input once before loading to infer the column types from all of
 * their values (standard input is first saved to a temporary file for that).
 */
public final class CsvImport {
    private static final Batch END = new Batch(null, 0);

    private final ConnectionSource target;
    private final CsvImportOptions o;
    private final RunProgress progress;
    private final InputStream stdin;

    /** One input: where to read it, and what to call it. */
    private record Input(String path, String name) {
    }

    public CsvImport(ConnectionSource target, CsvImportOptions options, RunProgress progress, InputStream stdin) {
        this.target = target;
        this.o = options;
        this.progress = progress;
        this.stdin = stdin;
    }

    public CsvImportResult run() throws CsvImportException, InterruptedException {
        List<Input> inputs = inputs();
        Path spool = null;
        try {
            if (o.create() && o.files().contains(CsvInput.STDIN)) {
                spool = spoolStdin();
                List<Input> replaced = new ArrayList<>();
                for (Input in : inputs) {
                    replaced.add(in.path().equals(CsvInput.STDIN) ? new Input(spool.toString(), in.name()) : in);
                }
                inputs = replaced;
            }
            return load(inputs);
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException ignored) {
                    // a temporary file; the system cleans its directory
                }
            }
        }
    }

    /** Refuses, naming it, an input that cannot be read (or standard input twice). */
    public static void checkInputs(List<String> files) throws CsvImportException {
        inputs(files);
    }

    private List<Input> inputs() throws CsvImportException {
        return inputs(o.files());
    }

    private static List<Input> inputs(List<String> files) throws CsvImportException {
        List<Input> out = new ArrayList<>();
        int stdins = 0;
        for (String f : files) {
            if (f.equals(CsvInput.STDIN)) {
                stdins++;
                out.add(new Input(f, "standard input"));
                continue;
            }
            Path p = Path.of(f);
            if (!Files.exists(p)) {
                throw usage(f + ": no such file", null);
            }
            if (Files.isDirectory(p)) {
                throw usage(f + " is a directory, not a file", null);
            }
            if (!Files.isReadable(p)) {
                throw usage(f + ": permission denied (the file is not readable)", null);
            }
            out.add(new Input(f, f));
        }
        if (stdins > 1) {
            throw usage("standard input (-) can be given only once", null);
        }
        return out;
    }

    private Path spoolStdin() throws CsvImportException {
        try {
            Path p = Files.createTempFile("pgbarge-stdin-", ".csv");
            p.toFile().deleteOnExit();
            Files.copy(stdin, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return p;
        } catch (IOException e) {
            throw usage("cannot save standard input to a temporary file for --create: " + e.getMessage(), e);
        }
    }

    private CsvImportResult load(List<Input> inputs) throws CsvImportException, InterruptedException {
        TargetTable table;
        List<String> created = List.of();
        try (Connection control = target.open("pgbarge:import-csv")) {
            try {
                table = TargetTable.find(control, o.table());
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage(), e);
            } catch (SQLException e) {
                throw usage("--table " + o.table() + ": " + PgError.of(e).message(), e);
            }
            if (o.create()) {
                if (table != null) {
                    throw new CsvImportException(CsvImportException.Reason.TABLE_EXISTS, "table " + table.display()
                            + " already exists on the target: leave out --create to load into it, or drop it first",
                            null);
                }
                Schema s = infer(inputs);
                table = create(control, s);
                created = new ArrayList<>();
                for (int i = 0; i < s.columns.size(); i++) {
                    created.add(s.columns.get(i) + " " + s.types.get(i).sql);
                }
            } else if (table == null) {
                throw usage("table " + o.table() + " does not exist on the target: create it first, or use --create"
                        + " to create it with column types inferred from the data", null);
            }
            try {
                return loadInto(table, inputs, created);
            } catch (Exception e) {
                if (o.create()) {
                    dropQuietly(control, table);
                }
                throw e;
            }
        } catch (ConnectionFailedException e) {
            throw new CsvImportException(CsvImportException.Reason.CONNECTION, e.getMessage(), e);
        } catch (SQLException e) {
            throw new CsvImportException(connectionLost(e) ? CsvImportException.Reason.CONNECTION
                    : CsvImportException.Reason.RUN_FAILED, "the target refused: " + PgError.of(e).render(), e);
        }
    }

    /** The columns and types {@code --create} gives the table. */
    private record Schema(List<String> columns, List<ColumnType> types) {
    }

    /** Reads every input once: the first header names the columns, every value narrows their types. */
    private Schema infer(List<Input> inputs) throws CsvImportException {
        progress.phaseStarted("infer types");
        List<String> columns = null;
        TypeInference types = null;
        CsvFormat f = o.format();
        Charset cs = f.transcodeInJava() ? StandardCharsets.UTF_8 : f.charset();
        for (Input in : inputs) {
            try (CsvInput ci = CsvInput.open(in.path(), stdin, f, n -> { })) {
                RecordScanner s = new RecordScanner(ci.data, f);
                int[] position = null; // column index of each field of this input
                while (s.next()) {
                    if (s.length == 0 && s.fields == 1) {
                        continue;
                    }
                    List<String> values = Fields.split(s.record, s.length, f, cs);
                    if (columns == null) {
                        columns = f.header() ? headerNames(values, in.name()) : numbered(values.size());
                        types = new TypeInference(columns.size());
                        if (f.header()) {
                            position = identity(columns.size());
                            continue;
                        }
                    }
                    if (position == null) {
                        position = identity(columns.size());
                        if (f.header()) {
                            position = positions(columns, headerNames(values, in.name()), in.name());
                            continue;
                        }
                    }
                    if (values.size() != position.length || s.unterminatedQuote) {
                        continue; // rejected when loading
                    }
                    List<String> ordered = new ArrayList<>(columns.size());
                    for (int i = 0; i < columns.size(); i++) {
                        ordered.add(null);
                    }
                    for (int i = 0; i < position.length; i++) {
                        ordered.set(position[i], values.get(i));
                    }
                    types.add(ordered);
                }
            } catch (IOException e) {
                throw unreadable(in, e);
            }
        }
        if (columns == null) {
            throw usage("the input is empty: --create needs at least a header or one record to make columns from", null);
        }
        progress.phaseFinished("infer types");
        return new Schema(columns, types.types());
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    private List<String> headerNames(List<String> values, String input) throws CsvImportException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            String n = v == null || v.isBlank() ? "column" + (i + 1) : v;
            if (names.contains(n)) {
                throw usage("the header of " + input + " names column \"" + n + "\" twice", null);
            }
            names.add(n);
        }
        return names;
    }

    private int[] positions(List<String> columns, List<String> header, String input) throws CsvImportException {
        if (header.size() != columns.size() || !header.containsAll(columns)) {
            throw usage("with --create every input must have the same columns: the header of " + input + " ("
                    + String.join(", ", header) + ") differs from the first input's (" + String.join(", ", columns)
                    + ")", null);
        }
        int[] p = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            p[i] = columns.indexOf(header.get(i));
        }
        return p;
    }

    private static List<String> numbered(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            names.add("column" + i);
        }
        return names;
    }

    private TargetTable create(Connection control, Schema s) throws SQLException, CsvImportException {
        String[] name;
        try {
            name = TargetTable.parseName(control, o.table());
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage(), e);
        }
        try (var ps = control.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, name[0]);
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw usage("schema \"" + name[0] + "\" does not exist on the target: create it first"
                            + " (CREATE SCHEMA " + io.pgbarge.ddl.Sql.ident(name[0]) + ")", null);
                }
            }
        }
        try (Statement st = control.createStatement()) {
            st.execute(TargetTable.createSql(name[0], name[1], s.columns, s.types));
        }
        return TargetTable.find(control, io.pgbarge.ddl.Sql.qualified(name[0], name[1]));
    }

    private static void dropQuietly(Connection control, TargetTable table) {
        try (Statement st = control.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table.qualified());
        } catch (SQLException ignored) {
            // the load's own error is what the user needs to see
        }
    }

    /** A loading session and the rows it stored (uncommitted until the end). */
    private static final class Worker {
        final Connection session;
        long rows;
        Thread thread;

        Worker(Connection session) {
            this.session = session;
        }
    }

    private CsvImportResult loadInto(TargetTable table, List<Input> inputs, List<String> created)
            throws CsvImportException, InterruptedException, SQLException {
        progress.phaseStarted("load");
        List<InputProgress> states = new ArrayList<>();
        for (Input in : inputs) {
            long size = in.path().equals(CsvInput.STDIN) ? 0 : sizeOf(in.path());
            states.add(new InputProgress(progress, progress.addTable(in.name() + " → " + table.display(), size, 0)));
        }
        int jobs = Math.max(1, o.jobs());
        List<Worker> workers = new ArrayList<>();
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(jobs * 2);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Rejects rejects = new Rejects(o.rejects(), o.maxErrors());
        long bytes = 0;
        try {
            for (int i = 0; i < jobs; i++) {
                Connection c = target.open("pgbarge:import-csv:" + table.name() + (jobs > 1 ? ":" + (i + 1) : ""));
                workers.add(new Worker(c));
                c.setAutoCommit(false);
                if (jobs > 1) {
                    try (Statement st = c.createStatement()) {
                        // a duplicate key across two sessions waits for the other's transaction, which
                        // ends only with the whole load: give up on that row instead of waiting forever
                        st.execute("SET lock_timeout = '3s'");
                    }
                }
            }
            for (Worker w : workers) {
                BatchLoader loader = new BatchLoader(w.session, rejects);
                w.thread = new Thread(() -> work(w, loader, queue, failure), w.toString());
                w.thread.setName("pgbarge-csv-" + (workers.indexOf(w) + 1));
                w.thread.setDaemon(true);
                w.thread.start();
            }
            try {
                for (int i = 0; i < inputs.size() && failure.get() == null; i++) {
                    read(inputs.get(i), states.get(i), table, rejects, queue, failure);
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
            for (int i = 0; i < workers.size(); i++) {
                offer(queue, END, failure, true);
            }
            for (Worker w : workers) {
                w.thread.join();
            }
            for (InputProgress s : states) {
                bytes += s.state.bytes.get();
            }
            if (failure.get() != null) {
                for (InputProgress s : states) {
                    if (s.state.finished == null) {
                        progress.tableFailed(s.state);
                    }
                }
                rollback(workers);
                throw failed(failure.get(), rejects);
            }
            progress.phaseFinished("load");
            long rows = commit(workers, table);
            progress.phaseStarted("analyze");
            try (Connection c = target.open("pgbarge:import-csv"); Statement st = c.createStatement()) {
                st.execute("ANALYZE " + table.qualified());
            } catch (SQLException e) {
                progress.note("ANALYZE " + table.display() + " failed: " + PgError.of(e).message());
            }
            progress.phaseFinished("analyze");
            return new CsvImportResult(table.display(), rows, rejects.count(),
                    rejects.count() > 0 ? rejects.path() : null, bytes, created);
        } finally {
            for (Worker w : workers) {
                if (w.thread != null && w.thread.isAlive()) {
                    w.thread.interrupt();
                }
                try {
                    w.session.close();
                } catch (SQLException ignored) {
                    // closing a session rolls back whatever it had not committed
                }
            }
            try {
                rejects.close();
            } catch (IOException e) {
                progress.note("could not finish writing " + rejects.path() + ": " + e.getMessage());
            }
        }
    }

    private static long sizeOf(String path) {
        try {
            return Files.size(Path.of(path));
        } catch (IOException e) {
            return 0;
        }
    }

    private static void work(Worker w, BatchLoader loader, BlockingQueue<Batch> queue, AtomicReference<Throwable> failure) {
        try {
            while (failure.get() == null) {
                Batch b = queue.poll(200, TimeUnit.MILLISECONDS);
                if (b == END) {
                    return;
                }
                if (b != null) {
                    long stored = loader.load(b);
                    w.rows += stored;
                    b.source.progress().batchStored(stored);
                }
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    /** Queues a batch, giving up when a session has failed (unless {@code always}, for the end markers). */
    private static void offer(BlockingQueue<Batch> queue, Batch b, AtomicReference<Throwable> failure, boolean always)
            throws InterruptedException {
        while (!queue.offer(b, 200, TimeUnit.MILLISECONDS)) {
            if (failure.get() != null) {
                if (!always) {
                    return;
                }
                queue.clear(); // the workers are stopping: make room for the end marker
            }
        }
    }

    /** The reader: one input's records, checked and cut into batches. */
    private void read(Input in, InputProgress state, TargetTable table, Rejects rejects, BlockingQueue<Batch> queue,
                      AtomicReference<Throwable> failure) throws Exception {
        CsvFormat f = o.format();
        Charset cs = f.transcodeInJava() ? StandardCharsets.UTF_8 : f.charset();
        progress.tableStarted(state.state);
        try (CsvInput ci = CsvInput.open(in.path(), stdin, f, n -> state.state.bytes.addAndGet(n))) {
            RecordScanner s = new RecordScanner(ci.data, f);
            List<String> columns = null;
            if (f.header()) {
                while (s.next()) {
                    if (s.length > 0 || s.fields > 1) {
                        try {
                            List<String> header = Fields.split(s.record, s.length, f, cs);
                            // --create named blank header cells column1, column2…: so must the match
                            columns = table.match(o.create() ? headerNames(header, in.name()) : header, in.name());
                        } catch (IllegalArgumentException e) {
                            throw usage(e.getMessage(), e);
                        }
                        break;
                    }
                }
                if (columns == null) {
                    state.readerFinished(); // an empty input: nothing to load
                    return;
                }
            }
            int expected = columns == null ? table.loadable().size() : columns.size();
            Batch.Source source = new Batch.Source(in.name(), table.copySql(columns, f), cs, state);
            Batch b = new Batch(source, o.batchBytes() + (1 << 16));
            while (s.next() && failure.get() == null) {
                if (s.length == 0 && s.fields == 1) {
                    continue; // a blank line
                }
                if (s.unterminatedQuote) {
                    rejects.add(in.name(), s.line, "the input ends inside a quoted field (a quote is never closed)",
                            new String(s.record, 0, s.length, cs));
                    continue;
                }
                if (s.fields != expected) {
                    rejects.add(in.name(), s.line, "expected " + expected + " field(s), found " + s.fields,
                            new String(s.record, 0, s.length, cs));
                    continue;
                }
                b.add(s.record, s.length, s.line, s.quotedNewlines);
                if (b.size >= o.batchBytes()) {
                    state.batchQueued();
                    offer(queue, b, failure, false);
                    b = new Batch(source, o.batchBytes() + (1 << 16));
                }
            }
            if (b.count > 0 && failure.get() == null) {
                state.batchQueued();
                offer(queue, b, failure, false);
            }
            state.readerFinished();
        } catch (IOException e) {
            throw unreadable(in, e);
        }
    }

    private void rollback(List<Worker> workers) {
        for (Worker w : workers) {
            try {
                w.session.rollback();
            } catch (SQLException ignored) {
                // closing the session rolls it back too
            }
        }
    }

    /** Commits every session; a failure after the first COMMIT is reported with what landed. */
    private long commit(List<Worker> workers, TargetTable table) throws CsvImportException {
        progress.phaseStarted("commit");
        long committed = 0;
        long total = workers.stream().mapToLong(w -> w.rows).sum();
        for (int i = 0; i < workers.size(); i++) {
            Worker w = workers.get(i);
            try {
                w.session.commit();
                committed += w.rows;
            } catch (SQLException e) {
                rollback(workers.subList(i + 1, workers.size()));
                if (i == 0) {
                    throw new CsvImportException(CsvImportException.Reason.RUN_FAILED, "the target refused to commit"
                            + " the load into " + table.display() + ": " + PgError.of(e).render()
                            + "\nNothing was loaded.", e);
                }
                throw new CsvImportException(CsvImportException.Reason.RUN_FAILED, "the target refused to commit"
                        + " session " + (i + 1) + " of " + workers.size() + " of the load into " + table.display()
                        + ": " + PgError.of(e).render() + "\nPART OF THE LOAD LANDED: " + committed + " of " + total
                        + " rows were committed by the sessions before it (the batches of the inputs are spread over"
                        + " the sessions). Empty the table (TRUNCATE " + table.qualified() + ") and load again.", e);
            }
        }
        progress.phaseFinished("commit");
        return committed;
    }

    private CsvImportException failed(Throwable t, Rejects rejects) {
        String nothing = "\nNothing was loaded: the load was rolled back" + (o.create() ? " and the table it created"
                + " dropped" : "") + ".";
        String kept = rejects.count() > 0 ? " The rows rejected so far are in " + rejects.path() + "." : "";
        if (t instanceof Rejects.TooMany m) {
            return new CsvImportException(CsvImportException.Reason.RUN_FAILED, m.getMessage() + nothing + kept, t);
        }
        if (t instanceof CsvImportException e) {
            return new CsvImportException(e.reason(), e.getMessage() + nothing, e.getCause());
        }
        if (t instanceof SQLException e) {
            return new CsvImportException(connectionLost(e) ? CsvImportException.Reason.CONNECTION
                    : CsvImportException.Reason.RUN_FAILED,
                    "the target refused the load into " + o.table() + ": " + PgError.of(e).render() + nothing + kept, e);
        }
        if (t instanceof IOException e) {
            return new CsvImportException(CsvImportException.Reason.USAGE, e.getMessage() + nothing + kept, e);
        }
        if (t instanceof ConnectionFailedException e) {
            return new CsvImportException(CsvImportException.Reason.CONNECTION, e.getMessage() + nothing, e);
        }
        return new CsvImportException(CsvImportException.Reason.RUN_FAILED, "internal error: " + t + nothing, t);
    }

    private static boolean connectionLost(SQLException e) {
        String s = PgError.of(e).sqlState();
        return s != null && s.startsWith("08");
    }

    private CsvImportException unreadable(Input in, IOException e) {
        String why = e instanceof NoSuchFileException ? "no such file"
                : e instanceof AccessDeniedException ? "permission denied"
                : e instanceof java.util.zip.ZipException ? "not a valid gzip file (" + e.getMessage() + ")"
                : e instanceof java.io.EOFException ? "the gzip stream ends early (truncated file)"
                : e.getMessage();
        // a name that leads nowhere is a usage error; a file that is there but cannot be read through is bad input
        return e instanceof NoSuchFileException || e instanceof AccessDeniedException
                || String.valueOf(why).contains("is a directory")
                ? usage("cannot read " + in.name() + ": " + why, e)
                : new CsvImportException(CsvImportException.Reason.BAD_INPUT, "cannot read " + in.name() + ": " + why, e);
    }

    private static CsvImportException usage(String message, Throwable cause) {
        return new CsvImportException(CsvImportException.Reason.USAGE, message, cause);
    }
}
