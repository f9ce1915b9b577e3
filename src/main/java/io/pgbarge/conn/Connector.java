package io.pgbarge.conn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Opens pgjdbc sessions for a {@link ConnectionSpec}, explaining the failures a user can cause. */
public final class Connector {
    private Connector() {
    }

    /** A session under the spec's own application_name. */
    public static Connection open(ConnectionSpec spec) throws ConnectionFailedException {
        return open(spec, spec.applicationName());
    }

    /**
     * @param applicationName what pg_stat_activity shows, e.g. {@code pgbarge:copy:public.film};
     *                        null keeps the spec's
     */
    public static Connection open(ConnectionSpec spec, String applicationName) throws ConnectionFailedException {
        ConnectionSpec named = applicationName == null ? spec : spec.withApplicationName(applicationName);
        checkRootCertificate(named);
        try {
            return DriverManager.getConnection(named.jdbcUrl(), named.jdbcProperties());
        } catch (SQLException e) {
            throw ConnectionFailures.explain(named, e);
        }
    }

    /**
     * The first connection to a server: failures a waking (suspended, serverless) server gives are
     * retried as the policy says; others are reported at once.
     */
    public static Connection open(ConnectionSpec spec, String applicationName, WakeUpRetry retry)
            throws ConnectionFailedException {
        return retry.run(() -> open(spec, applicationName));
    }

    /** libpq refuses before any network traffic when the file to verify against is missing; so do we. */
    private static void checkRootCertificate(ConnectionSpec spec) throws ConnectionFailedException {
        String root = spec.sslRootCert();
        if (root == null || PgjdbcMapping.SYSTEM_ROOTS.equals(root) || Files.exists(Path.of(root))) {
            return;
        }
        throw new ConnectionFailedException(spec.server(), ConnectionFailedException.Reason.SSL_SETUP,
                "root certificate file \"" + root + "\" does not exist (needed by sslmode="
                        + spec.sslMode().libpqName() + ")",
                "give the file of the CA that signed the server's certificate as sslrootcert=FILE, use"
                        + " sslrootcert=system for a server with a publicly signed certificate, or sslmode=require"
                        + " to encrypt without verifying the server",
                null, null);
    }
}
