package io.pgbarge.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The record of one job's progress, so that an interrupted copy or restore can continue where it
 * stopped ({@code --resume}). One JSON object per line, appended: the job's header, then a line per run,
 * "pre-data" once the schema transaction committed, and a "done" line per finished step, written
 * after the step's own commit and forced to disk before the next step is told it may start. A line
 * torn by a crash can only be the last one, and is ignored: its step simply runs again.
 *
 * <p>A "start" line is written (not forced) as a step begins: on resume, a step that was started but
 * never marked done may have committed just before the process died; such a step is run again and an
 * "already exists" answer to it counts as done.
 *
 * <p>The journal of a job that finished is deleted: there is nothing to resume.
 */
public final class RunJournal implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final JobIdentity job;
    private final int run;
    private final boolean preDataDone;
    private final Map<String, Integer> done;
    private final Set<String> started;
    private final FileChannel channel;
    private boolean closed;

    private RunJournal(Path file, JobIdentity job, int run, boolean preDataDone, Map<String, Integer> done,
                       Set<String> started) throws IOException {
        this.file = file;
        this.job = job;
        this.run = run;
        this.preDataDone = preDataDone;
        this.done = done;
        this.started = started;
        this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /**
     * Opens the journal of a job in a work directory.
     *
     * @param resume    --resume: continue an interrupted run (refused when there is none)
     * @param startOver --clean: an interrupted run's journal is discarded, the job starts from the beginning
     * @throws JournalException when an interrupted run exists and neither flag says what to do with it,
     *                          when there is nothing to resume, or when the earlier run differs
     */
    public static RunJournal open(Path dir, JobIdentity job, boolean resume, boolean startOver)
            throws JournalException {
        Path file = dir.resolve(job.fileName());
        try {
            Files.createDirectories(dir);
            State earlier = Files.exists(file) ? read(file) : null;
            boolean progress = earlier != null && (earlier.preDataDone || !earlier.done.isEmpty());
            if (resume && earlier == null) {
                throw new JournalException("nothing to resume: no interrupted " + job.description()
                        + " is recorded in " + dir + ". Run it without --resume to start it.", null);
            }
            // an earlier run that died before its schema committed left the target untouched: start over
            if (resume && progress) {
                if (!earlier.options.equals(job.options())) {
                    throw new JournalException("cannot resume: the interrupted " + job.kind() + " ran with other options ("
                            + earlier.options + "; now " + job.options() + "). Resume with the same options, or run with"
                            + " --clean to start over.", null);
                }
                if (!earlier.fingerprint.equals(job.fingerprint())) {
                    throw new JournalException("cannot resume: " + job.description() + " — the input changed since the"
                            + " interrupted run (" + earlier.fingerprint + ", now " + job.fingerprint() + "). Run with"
                            + " --clean to start over.", null);
                }
                RunJournal j = new RunJournal(file, job, earlier.lastRun + 1, earlier.preDataDone, earlier.done,
                        earlier.started);
                j.append(j.line("run").put("run", j.run).put("at", Instant.now().toString()), true);
                return j;
            }
            if (progress && !startOver) {
                throw new JournalException("an interrupted " + job.description() + " was found (" + earlier.done.size()
                        + " steps finished" + (earlier.preDataDone ? ", schema created" : "") + "; journal " + file
                        + "). Run again with --resume to continue it, or with --clean to start over.", null);
            }
            writeHeader(file, job);
            RunJournal j = new RunJournal(file, job, 1, false, new HashMap<>(), new HashSet<>());
            j.append(j.line("run").put("run", 1).put("at", Instant.now().toString()), true);
            return j;
        } catch (IOException e) {
            throw new JournalException("cannot use the work directory " + dir + " for the journal of this run: "
                    + e.getMessage() + ". Give a writable directory with --work-dir.", e);
        }
    }

    public JobIdentity job() {
        return job;
    }

    public Path file() {
        return file;
    }

    /** 1 for a fresh job; n+1 when resuming after n runs. */
    public int run() {
        return run;
    }

    /** Whether this run continues an earlier one that got somewhere. */
    public boolean resumed() {
        return run > 1;
    }

    /** The pre-data transaction committed in an earlier run: the schema is in place. */
    public boolean preDataDone() {
        return preDataDone;
    }

    /** The step finished in an earlier run. */
    public boolean isDone(String stepKey) {
        return done.containsKey(stepKey);
    }

    /** Steps finished in earlier runs. */
    public Set<String> doneSteps() {
        return Set.copyOf(done.keySet());
    }

    /** The step began in an earlier run that died before marking it done: it may or may not have committed. */
    public boolean maybeDone(String stepKey) {
        return started.contains(stepKey) && !done.containsKey(stepKey);
    }

    public void preDataFinished() throws IOException {
        append(line("pre-data"), true);
    }

    public void stepStarted(String stepKey) throws IOException {
        append(line("start").put("step", stepKey), false);
    }

    public void stepFinished(String stepKey) throws IOException {
        append(line("done").put("step", stepKey).put("run", run), true);
    }

    /** A step's done line, written but not yet forced to disk: {@link #force} makes it durable. */
    public void stepWritten(String stepKey) throws IOException {
        append(line("done").put("step", stepKey).put("run", run), false);
    }

    /**
     * Forces every line written so far to disk. Not under the journal's lock: other steps' lines are
     * written meanwhile, and the next force takes them.
     */
    public void force() throws IOException {
        synchronized (this) {
            if (closed) {
                throw new IOException("the journal " + file + " is closed");
            }
        }
        channel.force(false);
    }

    /** The job is complete: its journal is removed. */
    public void complete() throws IOException {
        close();
        Files.deleteIfExists(file);
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            channel.close();
        }
    }

    private ObjectNode line(String type) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", type);
        return n;
    }

    private synchronized void append(ObjectNode line, boolean force) throws IOException {
        if (closed) {
            throw new IOException("the journal " + file + " is closed");
        }
        ByteBuffer b = ByteBuffer.wrap((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            channel.write(b);
        }
        if (force) {
            channel.force(false);
        }
    }

    /** The header goes to a temporary file, forced, then renamed over the journal: never half a header. */
    private static void writeHeader(Path file, JobIdentity job) throws IOException {
        ObjectNode h = JSON.createObjectNode();
        h.put("type", "job").put("kind", job.kind()).put("job", job.description())
                .put("fingerprint", job.fingerprint()).put("options", job.options())
                .put("created", Instant.now().toString());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap((JSON.writeValueAsString(h) + "\n").getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                c.write(b);
            }
            c.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private record State(String fingerprint, String options, int lastRun, boolean preDataDone,
                         Map<String, Integer> done, Set<String> started) {
    }

    private static State read(Path file) throws IOException, JournalException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String fingerprint = "";
        String options = "";
        int lastRun = 0;
        boolean preData = false;
        Map<String, Integer> done = new HashMap<>();
        Set<String> started = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode n;
            try {
                n = JSON.readTree(lines.get(i));
            } catch (IOException e) {
                n = null;
            }
            if (n == null || !n.hasNonNull("type")) {
                if (i == lines.size() - 1) {
                    break; // torn by a crash mid-write: that step runs again
                }
                throw new JournalException("the journal " + file + " is damaged at line " + (i + 1)
                        + ". Run with --clean to start over.", null);
            }
            switch (n.get("type").asText()) {
                case "job" -> {
                    fingerprint = n.path("fingerprint").asText("");
                    options = n.path("options").asText("");
                }
                case "run" -> lastRun = Math.max(lastRun, n.path("run").asInt());
                case "pre-data" -> preData = true;
                case "start" -> started.add(n.path("step").asText());
                case "done" -> done.put(n.path("step").asText(), n.path("run").asInt());
                default -> {
                    // a line a newer pgbarge wrote: nothing this one needs
                }
            }
        }
        return new State(fingerprint, options, lastRun, preData, done, started);
    }
}
