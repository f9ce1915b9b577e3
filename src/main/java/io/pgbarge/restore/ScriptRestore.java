package io.pgbarge.restore;

import io.pgbarge.catalog.ServerInfo;
import io.pgbarge.ddl.Statement;
import io.pgbarge.exec.ConnectionSource;
import io.pgbarge.exec.Executor;
import io.pgbarge.exec.PgError;
import io.pgbarge.exec.SessionSetup;
import io.pgbarge.exec.StepFailedException;
import io.pgbarge.exec.WorkerSessions;
import io.pgbarge.plan.Plan;
import io.pgbarge.plan.Planner;
import io.pgbarge.plan.Step;
import io.pgbarge.report.RunProgress;
import io.pgbarge.script.CopyBlock;
import io.pgbarge.verify.ArchiveRows;
import io.pgbarge.verify.LineChecksum;
import io.pgbarge.script.MetaCommand;
import io.pgbarge.script.ScriptClassifier;
import io.pgbarge.script.ScriptItem;
import io.pgbarge.script.ScriptStatement;
import io.pgbarge.script.SetCommand;
import io.pgbarge.script.SqlScriptReader;
import io.pgbarge.script.StatementClass;
import io.pgbarge.script.StatementKind;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pgbarge restore} of a plain SQL script (a plain pg_dump), as psql with ON_ERROR_STOP would run
 * it: statement after statement and COPY after COPY on one session, as the script arrives (nothing is
 * buffered), except the post-data work ({@link PlainScriptPlan}), which runs once the script has ended,
 * on N sessions. SET statements the target does not know are left out with a note, and are replayed on
 * the other sessions.
 */
public final class ScriptRestore {
    private static final Pattern OWNER_TO = Pattern.compile("(?is)\\bOWNER\\s+TO\\s+(\"(?:[^\"]|\"\")+\"|[^\\s;]+)");

    private final ConnectionSource target;
    private final RestoreOptions options;
    private final RunProgress progress;
    private final List<String> notes = new ArrayList<>();
    private final List<String> settings = new ArrayList<>();
    private final Map<String, Long> rows = new ConcurrentHashMap<>();
    private final Map<String, Integer> missingRoles = new TreeMap<>();
    private final Set<String> droppedSettings = new HashSet<>();
    private int statementsRun;
    private ArchiveRows verify;
    private final Set<String> insertTables = new HashSet<>();

    public ScriptRestore(ConnectionSource target, RestoreOptions options, RunProgress progress) {
        this.target = target;
        this.options = options;
        this.progress = progress;
    }

    /** restore --verify: the COPY lines and setval values of the script, as it runs, into {@code rows}. */
    public ScriptRestore verifyInto(ArchiveRows rows) {
        this.verify = rows;
        return this;
    }

    public RestoreResult run(InputStream script, String name) throws RestoreFailedException, InterruptedException {
        String problem = options.problem();
        if (problem == null) {
            problem = unsupported();
        }
        if (problem != null) {
            throw new RestoreFailedException(RestoreFailedException.Reason.USAGE, problem, null);
        }
        Instant start = Instant.now();
        progress.phaseStarted("connect");
        try (Connection main = open(); SqlScriptReader reader = new SqlScriptReader(script)) {
            ServerInfo info = ServerInfo.read(main);
            Set<String> roles = roles(main);
            RestoreSession.forScript(List.of()).prepare(main);
            progress.phaseFinished("connect");
            if (options.singleTransaction()) {
                main.setAutoCommit(false);
            }
            PlainScriptPlan deferred = new PlainScriptPlan();
            progress.phaseStarted("script");
            try {
                runScript(reader, name, main, info, roles, deferred);
            } catch (StepFailedException e) {
                throw failed(main, e.render());
            } catch (IOException e) {
                // the script cannot be read on: malformed (ScriptFormatException) or unreadable
                throw failed(main, name + ": " + e.getMessage(), RestoreFailedException.Reason.BAD_INPUT);
            }
            progress.phaseFinished("script");

            List<Statement> later = deferred.statements();
            Plan plan = Planner.build(later, List.of(), List.of(), List.of(), r -> true, true);
            notes.addAll(plan.notes());
            progress.addSteps(plan.steps().size());
            progress.phaseStarted("post-data");
            RestoreStepWork work = new RestoreStepWork(null, progress, Map.of(), rows, !options.singleTransaction());
            if (options.singleTransaction()) {
                try {
                    for (Step s : plan.steps()) {
                        work.run(s, main);
                    }
                    main.commit();
                } catch (StepFailedException e) {
                    throw failed(main, e.render());
                }
            } else {
                runDeferred(plan.steps(), work);
            }
            progress.phaseFinished("post-data");
            if (!later.isEmpty()) {
                notes.add(later.size() + " post-data statements (indexes, constraints, triggers…) ran after the data, "
                        + options.jobs() + " at a time");
            }
            missingRoles.forEach((role, n) -> notes.add("role " + role + " does not exist on the target: " + n
                    + " statements naming it left out (objects stay owned by the target login)"));
            notes.forEach(progress::note);
            return new RestoreResult(rows, statementsRun + later.size(), notes, Duration.between(start, Instant.now()));
        } catch (SQLException e) {
            throw new RestoreFailedException("restore failed: " + PgError.of(e).render(), e);
        } catch (IOException e) {
            throw new RestoreFailedException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private String unsupported() {
        List<String> flags = new ArrayList<>();
        if (options.clean()) {
            flags.add("-c/--clean");
        }
        if (!options.schemas().isEmpty()) {
            flags.add("-n/--schema");
        }
        if (!options.tables().isEmpty()) {
            flags.add("-t/--table");
        }
        if (options.schemaOnly()) {
            flags.add("-s/--schema-only");
        }
        if (options.dataOnly()) {
            flags.add("-a/--data-only");
        }
        if (options.listFile() != null) {
            flags.add("-L/--use-list");
        }
        return flags.isEmpty() ? null : String.join(", ", flags) + (flags.size() == 1 ? " works" : " work")
                + " with archives only: a plain SQL script runs as it is written (make an archive with pg_dump -Fc)";
    }

    private void runScript(SqlScriptReader reader, String name, Connection main, ServerInfo info, Set<String> roles,
                           PlainScriptPlan deferred) throws IOException, StepFailedException, RestoreFailedException {
        for (ScriptItem item; (item = reader.next()) != null; ) {
            if (item instanceof MetaCommand m) {
                meta(m, name, info);
            } else if (item instanceof CopyBlock b) {
                deferred.dataStarted();
                copy(b, name, main);
            } else if (item instanceof ScriptStatement s) {
                statement(s, name, main, info, roles, deferred);
            }
        }
    }

    private void meta(MetaCommand m, String name, ServerInfo info) throws RestoreFailedException {
        if (m.isConnect()) {
            Optional<String> db = m.connectDatabase();
            if (db.isPresent() && !db.get().equals(info.database())) {
                throw new RestoreFailedException(RestoreFailedException.Reason.USAGE, name + ", line " + m.line()
                        + ": the script connects to database \"" + db.get() + "\" (" + m + "), but pgbarge restores"
                        + " into one database, the target's \"" + info.database() + "\". Split the script per"
                        + " database (pg_dumpall output), or restore it into a database of that name.", null);
            }
            return;
        }
        switch (m.name()) {
            case "restrict", "unrestrict", "encoding", "set", "unset" -> {
            }
            default -> notes.add(name + ", line " + m.line() + ": psql command " + m + " ignored");
        }
    }

    private void copy(CopyBlock b, String name, Connection main) throws StepFailedException, IOException {
        StatementClass c = ScriptClassifier.classify(b.copyStatement());
        String table = c.table() == null ? "line " + b.line() : c.table().sql();
        RunProgress.TableState state = progress.addTable(table, 0, 0);
        progress.tableStarted(state);
        String sql = Definitions.trim(b.copyStatement());
        // the reader hands the rows over in UTF-8, whatever the script's client_encoding
        LineChecksum lines = verify == null ? null : new LineChecksum(java.nio.charset.StandardCharsets.UTF_8);
        InputStream data = lines == null ? b.rows() : lines.watch(b.rows());
        try {
            long n = main.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new java.io.FilterInputStream(data) {
                @Override
                public int read(byte[] buf, int off, int len) throws IOException {
                    int r = super.read(buf, off, len);
                    if (r > 0) {
                        state.bytes.addAndGet(r);
                    }
                    return r;
                }
            }, 64 * 1024);
            progress.tableFinished(state, n);
            rows.merge(table, n, Long::sum);
            statementsRun++;
            if (lines != null) {
                lines.finish();
                verify.add(TableDataLoader.relation(sql), TableDataLoader.columns(sql), lines);
            }
        } catch (SQLException e) {
            progress.tableFailed(state);
            throw new StepFailedException("COPY at line " + b.line() + " of " + name, "target", sql, e);
        }
    }

    private void statement(ScriptStatement s, String name, Connection main, ServerInfo info, Set<String> roles,
                           PlainScriptPlan deferred) throws StepFailedException {
        String sql = s.sql();
        StatementClass c = s.classify();
        StatementKind k = c.kind();
        if (k == StatementKind.SET) {
            Optional<SetCommand> set = SetCommand.parse(sql);
            if (set.isPresent()) {
                String param = set.get().name();
                if (param.equals("client_encoding")) {
                    return; // the reader converts the script to UTF8, the encoding of pgjdbc's sessions
                }
                if (!set.get().supportedBy(info.major())) {
                    if (droppedSettings.add(param)) {
                        notes.add(name + ", line " + s.line() + ": SET " + param + " left out: PostgreSQL "
                                + info.major() + " does not know it");
                    }
                    return;
                }
                if (!set.get().local()) {
                    settings.add(Definitions.trim(sql));
                }
            }
        }
        if (k == StatementKind.INSERT) {
            deferred.dataStarted();
        }
        if (verify != null && k == StatementKind.SETVAL) {
            verify.addSequence(sql);
        }
        if (verify != null && k == StatementKind.INSERT
                && insertTables.add(c.table() == null ? "?" : c.table().sql())) {
            verify.note("data of " + (c.table() == null ? "a table" : c.table().sql())
                    + " is INSERT statements in the script (pg_dump --inserts): not compared");
        }
        if (options.noOwner() && k == StatementKind.OWNER) {
            return;
        }
        if (options.noPrivileges() && (k == StatementKind.GRANT || k == StatementKind.REVOKE
                || k == StatementKind.DEFAULT_PRIVILEGES)) {
            return;
        }
        String missing = missingRole(sql, k, roles);
        if (missing != null) {
            missingRoles.merge(missing, 1, Integer::sum);
            return;
        }
        if (deferred.offer(sql, c, s.line())) {
            return;
        }
        try (var st = main.createStatement()) {
            st.execute(sql);
            statementsRun++;
        } catch (SQLException e) {
            throw new StepFailedException("the statement at line " + s.line() + " of " + name, "target", sql, e);
        }
    }

    private static String missingRole(String sql, StatementKind k, Set<String> roles) {
        List<String> named = new ArrayList<>();
        if (k == StatementKind.OWNER) {
            Matcher m = OWNER_TO.matcher(sql);
            if (m.find()) {
                String r = m.group(1);
                named.add(r.startsWith("\"") ? r.substring(1, r.length() - 1).replace("\"\"", "\"") : r);
            }
        } else if (k == StatementKind.GRANT || k == StatementKind.REVOKE || k == StatementKind.DEFAULT_PRIVILEGES) {
            named.addAll(ArchivePlan.roles(sql));
        }
        for (String r : named) {
            if (!roles.contains(r) && !r.equalsIgnoreCase("public") && !r.equalsIgnoreCase("current_user")
                    && !r.equalsIgnoreCase("session_user") && !r.equalsIgnoreCase("current_role")) {
                return r;
            }
        }
        return null;
    }

    private void runDeferred(List<Step> steps, RestoreStepWork work) throws RestoreFailedException, InterruptedException {
        ConnectionSource noSource = n -> {
            throw new SQLException("a restore reads no source database");
        };
        SessionSetup setup = RestoreSession.forScript(List.copyOf(settings));
        Executor executor = new Executor(options.jobs(),
                i -> new WorkerSessions("restore-" + i, noSource, SessionSetup.NONE, target, setup), work, 3);
        try {
            executor.run(steps);
        } catch (StepFailedException e) {
            throw new RestoreFailedException(e.render() + "\nThe script's statements and data before it stay on the"
                    + " target.", e);
        }
    }

    private RestoreFailedException failed(Connection main, String message) {
        return failed(main, message, RestoreFailedException.Reason.RUN_FAILED);
    }

    private RestoreFailedException failed(Connection main, String message, RestoreFailedException.Reason reason) {
        if (options.singleTransaction()) {
            try {
                main.rollback();
            } catch (SQLException ignored) {
                // closed next
            }
            return new RestoreFailedException(reason, message + "\n--single-transaction: the transaction was rolled back:"
                    + " nothing was changed on the target.", null);
        }
        return new RestoreFailedException(reason, message + "\nWhat the script did before this stays on the target.",
                null);
    }

    private Connection open() throws RestoreFailedException {
        try {
            return target.open("pgbarge:restore");
        } catch (SQLException e) {
            throw new RestoreFailedException(RestoreFailedException.Reason.CONNECTION,
                    "cannot connect to the target: " + e.getMessage(), e);
        }
    }

    private static Set<String> roles(Connection c) throws SQLException {
        Set<String> roles = new HashSet<>();
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT rolname FROM pg_catalog.pg_roles")) {
            while (rs.next()) {
                roles.add(rs.getString(1));
            }
        }
        return roles;
    }
}
