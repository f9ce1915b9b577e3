package io.pgbarge.conn;

import static io.pgbarge.conn.LibpqKeyword.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * libpq's SSL decisions, made once at parse time: the sslmode, which root certificate (if any) the
 * server's certificate is checked against, the default client certificate and key in
 * ~/.postgresql, and the combinations libpq refuses (weak modes with sslrootcert=system or with
 * sslnegotiation=direct). What pgjdbc is then told is {@link PgjdbcMapping}'s business.
 */
final class SslResolver {
    private SslResolver() {
    }

    static void apply(Settings s, ClientEnvironment env, List<String> warnings, ConnectionSpec.Builder b) {
        String modeText = s.nonEmpty(SSLMODE);
        SslMode mode = modeText == null ? SslMode.PREFER : SslMode.byName(modeText.toLowerCase(Locale.ROOT));
        if (mode == null) {
            throw new ConnectionStringException("unknown sslmode " + s.quote(SSLMODE, modeText) + " (expected "
                    + SslMode.names() + ")" + s.where(SSLMODE));
        }
        String rootCert = s.nonEmpty(SSLROOTCERT);
        String sslCert = s.nonEmpty(SSLCERT);
        String sslKey = s.nonEmpty(SSLKEY);
        Path certDir = env.certDirectory();
        if (PgjdbcMapping.SYSTEM_ROOTS.equals(rootCert)) {
            if (modeText != null && mode != SslMode.VERIFY_FULL) {
                throw new ConnectionStringException("weak sslmode \"" + mode.libpqName()
                        + "\" may not be used with sslrootcert=system (use \"verify-full\")" + s.where(SSLMODE));
            }
            // pgjdbc reaches the JVM's roots only through a factory that ignores sslcert and sslkey
            if (sslCert != null || sslKey != null) {
                throw new ConnectionStringException("sslrootcert=system cannot be combined with sslcert or sslkey"
                        + " under pgjdbc: give the CA's certificate file as sslrootcert instead ("
                        + s.where(SSLROOTCERT).trim() + ")");
            }
            mode = SslMode.VERIFY_FULL;
        } else {
            rootCert = rootCertificate(rootCert, certDir, mode, warnings);
            if (mode != SslMode.DISABLE && certDir != null) {
                // libpq offers ~/.postgresql/postgresql.{crt,key} when they exist; pgjdbc would look for .pk8
                if (sslCert == null && Files.exists(certDir.resolve("postgresql.crt"))) {
                    sslCert = certDir.resolve("postgresql.crt").toString();
                }
                if (sslKey == null && sslCert != null && Files.exists(certDir.resolve("postgresql.key"))) {
                    sslKey = certDir.resolve("postgresql.key").toString();
                }
            }
        }
        String negotiation = SpecResolver.choice(s, SSLNEGOTIATION, "postgres", "direct");
        if ("direct".equals(negotiation) && mode.compareTo(SslMode.REQUIRE) < 0) {
            throw new ConnectionStringException("weak sslmode \"" + mode.libpqName()
                    + "\" may not be used with sslnegotiation=direct (use \"require\", \"verify-ca\", or \"verify-full\")"
                    + s.where(SSLNEGOTIATION));
        }
        b.sslMode(mode).sslRootCert(rootCert).sslCert(sslCert).sslKey(sslKey)
                .sslPassword(s.nonEmpty(SSLPASSWORD)).sslNegotiation(negotiation);
    }

    /**
     * The file to verify the server against, or null for none. libpq loads the given file, or else
     * ~/.postgresql/root.crt, whenever it exists, and then verifies the chain in every mode; the
     * verify modes insist on it. pgjdbc verifies only in the verify modes, so require is carried
     * over (as verify-ca) and prefer/allow get a warning.
     */
    private static String rootCertificate(String given, Path certDir, SslMode mode, List<String> warnings) {
        Path file = given != null ? Path.of(given) : certDir == null ? null : certDir.resolve("root.crt");
        boolean exists = file != null && Files.exists(file);
        if (file != null && (mode.verifiesCertificate() || (mode == SslMode.REQUIRE && exists))) {
            return file.toString();
        }
        if (exists && mode != SslMode.DISABLE && mode != SslMode.REQUIRE) {
            warnings.add("root certificate \"" + file + "\" exists, and libpq would verify the server's"
                    + " certificate with it even for sslmode=" + mode.libpqName()
                    + "; pgjdbc cannot, so say sslmode=verify-ca or verify-full to have it checked");
        }
        return null;
    }
}
