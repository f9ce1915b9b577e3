package io.pgbarge.conn;

import java.nio.file.Path;
import java.util.Map;

/**
 * What libpq reads besides the connection string: the PG* environment variables, the OS user name
 * (the default user), the default password file (~/.pgpass) and the directory of the default client
 * certificates (~/.postgresql). Tests pass their own, so that nothing depends on the real machine.
 *
 * @param certDirectory where root.crt, postgresql.crt and postgresql.key are looked for; may be null
 */
public record ClientEnvironment(Map<String, String> variables, String osUser, Path defaultPassFile,
        Path certDirectory) {

    public ClientEnvironment {
        variables = Map.copyOf(variables);
    }

    /** This process's environment, user name and home directory. */
    public static ClientEnvironment system() {
        Path home = Path.of(System.getProperty("user.home"));
        return new ClientEnvironment(System.getenv(), System.getProperty("user.name"),
                home.resolve(".pgpass"), home.resolve(".postgresql"));
    }

    /** Given variables and default password file; the OS user and ~/.postgresql of this process. */
    public static ClientEnvironment of(Map<String, String> variables, Path defaultPassFile) {
        Path home = Path.of(System.getProperty("user.home"));
        return new ClientEnvironment(variables, System.getProperty("user.name"), defaultPassFile,
                home.resolve(".postgresql"));
    }
}
