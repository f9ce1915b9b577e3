package io.pgbarge.cli;

import io.pgbarge.conn.ConnectionFailedException;
import io.pgbarge.conn.ConnectionSpec;
import io.pgbarge.conn.Connector;
import io.pgbarge.copy.CopyOptions;
import io.pgbarge.copy.ServerDatabases;
import io.pgbarge.exec.PgError;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code pgbarge copy --all-databases SOURCE TARGET}: as pg_dumpall, SOURCE and TARGET name servers
 * (their database is only where to connect first: the one given, else {@code postgres}, else
 * {@code template1}); each source database that is not a template and allows connections is copied
 * into the target database of the same name, made first when the login may (CREATEDB). One database
 * failing does not stop the others; the exit code is 0 only when every database was copied, else that
 * of the first failure. A per-database summary ends the run.
 */
final class AllDatabasesRun {
    private AllDatabasesRun() {
    }

    private record Outcome(String database, int code, String detail) {
    }

    static int run(ConnectionSpec source, ConnectionSpec target, List<String> excluded, CopyOptions options,
                   boolean noProgress, boolean verbose, boolean force, Duration wakeTimeout, boolean verify,
                   CopyRun.Journaling journaling) {
        List<ServerDatabases.Database> databases;
        List<String> skipped;
        List<String> excludedHere = new ArrayList<>();
        ConnectionSpec targetFirst;
        try (Connection s = first(source, "source", wakeTimeout)) {
            databases = new ArrayList<>(ServerDatabases.list(s));
            skipped = ServerDatabases.skipped(s);
            targetFirst = spec(target, "target", wakeTimeout);
        } catch (ConnectionFailedException e) {
            System.err.println("pgbarge: " + e.getMessage());
            return ExitCode.CONNECTION;
        } catch (SQLException e) {
            System.err.println("pgbarge: cannot list the source's databases: " + PgError.of(e).message());
            return ExitCode.CONNECTION;
        }
        List<Pattern> patterns = excluded.stream().map(AllDatabasesRun::pattern).toList();
        databases.removeIf(d -> {
            boolean out = patterns.stream().anyMatch(p -> p.matcher(d.name()).matches());
            if (out) {
                excludedHere.add(d.name());
            }
            return out;
        });
        System.err.println("pgbarge: --all-databases: " + databases.size() + " database(s) to copy: "
                + String.join(", ", databases.stream().map(ServerDatabases.Database::name).toList())
                + (skipped.isEmpty() ? "" : "; skipped " + String.join(", ", skipped))
                + (excludedHere.isEmpty() ? "" : "; excluded " + String.join(", ", excludedHere)));
        List<Outcome> outcomes = new ArrayList<>();
        int i = 0;
        for (ServerDatabases.Database db : databases) {
            i++;
            String made;
            try (Connection t = Connector.open(targetFirst, "pgbarge:databases")) {
                made = switch (ServerDatabases.ensure(t, db)) {
                    case EXISTED -> "";
                    case CREATED -> " (created on the target, owned by the login, " + db.encoding() + ")";
                    case CREATED_WITH_SERVER_DEFAULTS -> " (created on the target with the server's default encoding"
                            + " and locale: the target refused " + db.encoding() + "/" + db.collate() + ")";
                };
            } catch (ServerDatabases.Missing e) {
                System.err.println("pgbarge: " + e.getMessage());
                outcomes.add(new Outcome(db.name(), ExitCode.CONNECTION, "not copied: missing on the target, and the"
                        + " login may not create it"));
                continue;
            } catch (SQLException e) {
                System.err.println("pgbarge: cannot create database " + db.name() + " on the target: "
                        + PgError.of(e).message());
                outcomes.add(new Outcome(db.name(), ExitCode.RUN_FAILED, "not copied: CREATE DATABASE failed: "
                        + PgError.of(e).message()));
                continue;
            }
            System.err.println("pgbarge: database " + db.name() + " (" + i + " of " + databases.size() + ")" + made);
            int code = CopyRun.run(source.withDatabase(db.name()), target.withDatabase(db.name()), options, noProgress,
                    verbose, force, wakeTimeout, verify, journaling);
            outcomes.add(new Outcome(db.name(), code, (code == ExitCode.OK ? "copied" : "FAILED (exit " + code + ": "
                    + meaning(code) + ")") + made));
            if (code == ExitCode.INTERRUPTED) {
                break; // Ctrl-C stops the whole run, not only the database being copied
            }
        }
        StringBuilder b = new StringBuilder("\nDatabases\n");
        int width = outcomes.stream().mapToInt(o -> o.database().length()).max().orElse(0);
        for (Outcome o : outcomes) {
            b.append("  ").append(String.format("%-" + width + "s", o.database())).append("  ").append(o.detail())
                    .append('\n');
        }
        long failed = outcomes.stream().filter(o -> o.code() != ExitCode.OK).count();
        b.append(failed == 0 ? "every database was copied (" + outcomes.size() + ")\n"
                : failed + " of " + outcomes.size() + " databases were not copied: see each one's messages above\n");
        System.out.print(b);
        System.out.flush();
        return outcomes.stream().map(Outcome::code).filter(c -> c != ExitCode.OK).findFirst().orElse(ExitCode.OK);
    }

    private static String meaning(int code) {
        return switch (code) {
            case ExitCode.USAGE -> "invalid arguments";
            case ExitCode.CONNECTION -> "a server could not be reached";
            case ExitCode.TARGET_NOT_EMPTY -> "the target database already holds these objects";
            case ExitCode.RUN_FAILED -> "the target refused a statement";
            case ExitCode.BLOCKERS -> "blockers";
            case ExitCode.MISMATCH -> "--verify found differences";
            case ExitCode.INTERRUPTED -> "interrupted";
            default -> "internal error";
        };
    }

    /** The first database to connect to: the one given, else postgres, else template1 (as pg_dumpall). */
    private static ConnectionSpec spec(ConnectionSpec spec, String which, Duration wakeTimeout) throws SQLException {
        try (Connection c = first(spec, which, wakeTimeout)) {
            return spec.withDatabase(c.getCatalog());
        }
    }

    private static Connection first(ConnectionSpec spec, String which, Duration wakeTimeout) throws SQLException {
        List<String> tries = new ArrayList<>(new LinkedHashSet<>(List.of(spec.database(), "postgres", "template1")));
        ConnectionFailedException missing = null;
        for (String db : tries) {
            try {
                return Connector.open(spec.withDatabase(db), "pgbarge:databases", CopyRun.wakeUp(wakeTimeout, which));
            } catch (ConnectionFailedException e) {
                if (e.reason() != ConnectionFailedException.Reason.DATABASE_MISSING) {
                    throw e;
                }
                if (missing == null) {
                    missing = e;
                }
            }
        }
        throw missing;
    }

    /** pg_dumpall's --exclude-database pattern: * and ? as in the shell, the rest literal. */
    static Pattern pattern(String p) {
        StringBuilder b = new StringBuilder();
        for (char c : p.toCharArray()) {
            b.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(b.toString());
    }
}
