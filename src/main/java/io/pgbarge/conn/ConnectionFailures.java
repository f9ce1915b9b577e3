package io.pgbarge.conn;

import io.pgbarge.conn.ConnectionFailedException.Reason;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.sql.SQLException;
import java.util.Locale;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Reads what pgjdbc threw while connecting (its message, the SQLSTATE, the IO exception under it)
 * and says it the way an operator can act on.
 */
final class ConnectionFailures {
    private ConnectionFailures() {
    }

    static ConnectionFailedException explain(ConnectionSpec spec, SQLException e) {
        String state = e.getSQLState();
        String message = Redactor.redact(String.valueOf(e.getMessage()));
        String lower = message.toLowerCase(Locale.ROOT);

        UnknownHostException unknownHost = find(e, UnknownHostException.class);
        if (unknownHost != null) {
            String host = String.valueOf(unknownHost.getMessage());
            host = host.contains(": ") ? host.substring(0, host.indexOf(": ")) : host;
            return failure(spec, Reason.UNKNOWN_HOST, "unknown host \"" + host + "\"",
                    "the name does not resolve; check the host name (and the DNS or VPN this machine uses)", e);
        }
        // pgjdbc says "refused" for any ConnectException, also the kernel's "Connection timed out"
        ConnectException connect = find(e, ConnectException.class);
        boolean connectTimedOut = connect != null && String.valueOf(connect.getMessage()).contains("timed out");
        if (!connectTimedOut && (connect != null || lower.contains("refused"))) {
            return failure(spec, Reason.REFUSED, "connection refused",
                    "nothing accepts connections at that address and port: is the server running, listening on"
                            + " that address (listen_addresses) and port, and is the port right?", e);
        }
        if (find(e, NoRouteToHostException.class) != null) {
            return failure(spec, Reason.NETWORK, "no route to host",
                    "the network does not reach that address; check the host, a VPN, or a firewall", e);
        }
        if (connectTimedOut || find(e, SocketTimeoutException.class) != null || lower.contains("timed out")) {
            return failure(spec, Reason.TIMEOUT, "timed out" + timeout(spec),
                    "a firewall may be dropping the packets, or the server is slow to start or wake up; check the"
                            + " host and port, or raise connect_timeout", e);
        }
        if ("28P01".equals(state)) {
            return failure(spec, Reason.PASSWORD_FAILED, "password authentication failed for user \"" + spec.user() + "\"",
                    "check " + passwordOrigin(spec), e);
        }
        if (lower.contains("no password was provided")) {
            return failure(spec, Reason.NO_PASSWORD, "the server asks for a password, but none was given",
                    "put it in the connection string, in PGPASSWORD, or in the password file (~/.pgpass)"
                            + passwordFileWarning(spec), e);
        }
        if ("3D000".equals(state)) {
            return failure(spec, Reason.DATABASE_MISSING, "database \"" + spec.database() + "\" does not exist",
                    "check the database name, or create it first", e);
        }
        if ("28000".equals(state)) {
            return loginRejected(spec, serverMessage(e, message), e);
        }
        if (lower.contains("channel binding")) {
            return failure(spec, Reason.CHANNEL_BINDING, message,
                    "channel_binding=require needs SCRAM authentication over SSL: use sslmode=require and a"
                            + " SCRAM password, or drop channel_binding", e);
        }
        if (lower.contains("does not support ssl")) {
            return failure(spec, Reason.SSL_NOT_SUPPORTED, "the server does not accept SSL connections",
                    "sslmode=" + spec.sslMode().libpqName() + " needs encryption: use sslmode=prefer (or disable) to"
                            + " connect unencrypted, or turn ssl on in the server", e);
        }
        if (lower.contains("hostname") && lower.contains("could not be verified")) {
            return failure(spec, Reason.SSL_CERTIFICATE, "the server's certificate is not for this host name",
                    "connect by the name the certificate was issued for, or use sslmode=verify-ca to check only"
                            + " the signature", e);
        }
        if (find(e, CertPathBuilderException.class) != null || find(e, CertPathValidatorException.class) != null
                || find(e, CertificateException.class) != null || lower.contains("pkix")) {
            return failure(spec, Reason.SSL_CERTIFICATE, "the server's certificate is not signed by a trusted root"
                            + (spec.sslRootCert() == null ? "" : " (" + spec.sslRootCert() + ")"),
                    "give the CA that signed it as sslrootcert=FILE, use sslrootcert=system for a publicly signed"
                            + " certificate, or sslmode=require to encrypt without verifying the server", e);
        }
        if (lower.contains("ssl") || lower.contains("certificate") || lower.contains("key file")) {
            return failure(spec, Reason.SSL_SETUP, message,
                    "check the sslmode, sslrootcert, sslcert and sslkey settings", e);
        }
        if ("53300".equals(state)) {
            return failure(spec, Reason.TOO_MANY_CONNECTIONS, serverMessage(e, message),
                    "the server has no connection slots left for this user; lower the number of jobs or close"
                            + " other sessions", e);
        }
        if ("57P03".equals(state)) {
            return failure(spec, Reason.SERVER_NOT_READY, serverMessage(e, message),
                    "the server is starting up, shutting down or recovering; try again shortly", e);
        }
        if (lower.contains("endpoint id is not specified")) {
            return failure(spec, Reason.OTHER, serverMessage(e, message),
                    "the server could not tell which endpoint is meant; add options=endpoint%3D<endpoint-id>"
                            + " to the connection string, or connect by the endpoint's host name", e);
        }
        return failure(spec, Reason.OTHER, message, null, e);
    }

    private static ConnectionFailedException loginRejected(ConnectionSpec spec, String text, SQLException e) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("role") && lower.contains("does not exist")) {
            return failure(spec, Reason.ROLE_MISSING, text, "check the user name", e);
        }
        String advice = "the server's pg_hba.conf does not let this user in from here";
        if (lower.contains("no encryption") && spec.sslMode().compareTo(SslMode.REQUIRE) < 0) {
            advice = "the server accepts this login only over SSL: use sslmode=require";
        }
        return failure(spec, Reason.LOGIN_REJECTED, text, advice, e);
    }

    private static ConnectionFailedException failure(ConnectionSpec spec, Reason reason, String problem,
            String advice, SQLException e) {
        return new ConnectionFailedException(spec.server(), reason, problem, advice, e.getSQLState(), e);
    }

    /** The server's own words (pgjdbc adds detail and location to its message), redacted. */
    private static String serverMessage(SQLException e, String fallback) {
        if (e instanceof PSQLException p) {
            ServerErrorMessage m = p.getServerErrorMessage();
            if (m != null && m.getMessage() != null) {
                return Redactor.redact(m.getMessage());
            }
        }
        return fallback;
    }

    private static String passwordOrigin(ConnectionSpec spec) {
        String origin = spec.passwordSource().description();
        if (spec.passwordSource() == PasswordSource.PASSWORD_FILE && spec.passfile() != null) {
            origin += " \"" + spec.passfile() + "\"";
        }
        return origin;
    }

    private static String passwordFileWarning(ConnectionSpec spec) {
        for (String w : spec.warnings()) {
            if (w.contains("password file")) {
                return " (" + w + ")";
            }
        }
        return "";
    }

    private static String timeout(ConnectionSpec spec) {
        Integer t = spec.connectTimeout();
        int seconds = t == null ? 10 : t <= 0 ? 0 : Math.max(t, 2);
        return seconds == 0 ? "" : " after " + seconds + " s";
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
