package io.pgbarge.journal;

import io.pgbarge.exec.Executor;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * What a copy or a restore shares with the Ctrl-C handler and with its journal: a stop asked for from
 * another thread cancels what the servers run now and keeps new steps from starting; journal writes that
 * fail become the run's own failure, with the journal's file named.
 */
public final class ResumableRun {
    /** A journal write (preDataFinished, complete…). */
    public interface JournalWrite {
        void run() throws IOException;
    }

    /** The run's own exception for a journal that cannot be written. */
    public interface Failure<E extends Exception> {
        E of(String message, IOException cause);
    }

    private volatile boolean interrupted;
    private volatile Executor executor;
    private volatile Connection admin;

    /** Called from another thread (Ctrl-C): cancels the running steps and the schema connection's query. */
    public void interrupt() {
        interrupted = true;
        Executor e = executor;
        if (e != null) {
            e.cancel();
        }
        Connection a = admin;
        if (a != null) {
            try {
                a.unwrap(org.postgresql.PGConnection.class).cancelQuery();
            } catch (SQLException | RuntimeException ignored) {
                // the connection is closed as the run unwinds
            }
        }
    }

    public boolean interrupted() {
        return interrupted;
    }

    /** The connection doing schema work now, cancelled on interrupt; null once the run has let it go. */
    public void admin(Connection c) {
        admin = c;
    }

    /** The executor running steps now; cancelled at once if the run was interrupted before it started. */
    public void executor(Executor e) {
        executor = e;
        if (e != null && interrupted) {
            e.cancel();
        }
    }

    public static <E extends Exception> void write(RunJournal journal, JournalWrite w, Failure<E> failure) throws E {
        try {
            w.run();
        } catch (IOException e) {
            throw failure.of("cannot write the journal " + journal.file() + ": " + e.getMessage(), e);
        }
    }

    public static void close(RunJournal journal) {
        if (journal == null) {
            return;
        }
        try {
            journal.close();
        } catch (IOException ignored) {
            // every line was forced to disk as it was written
        }
    }
}
