package io.pgbarge.cli;

import io.pgbarge.conn.ConnectionSpec;
import io.pgbarge.conn.ConnectionStringException;
import io.pgbarge.conn.ConnectionStrings;

import java.util.function.Consumer;

/** The SOURCE/TARGET arguments every command takes: parsed the same way, refused with the same words. */
final class ConnectionArgs {
    private ConnectionArgs() {
    }

    /**
     * @param which "SOURCE" or "TARGET", as the usage line names the argument
     * @return the parsed string, or null after telling {@code err} what is wrong with it (exit USAGE)
     */
    static ConnectionSpec parse(String which, String text, Consumer<String> err) {
        try {
            return ConnectionStrings.parse(text);
        } catch (ConnectionStringException e) {
            err.accept("pgbarge: invalid " + which + " connection string: " + e.getMessage());
            return null;
        }
    }
}
