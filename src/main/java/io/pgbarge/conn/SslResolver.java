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
            mode = SslMode.VERIFY_FULL;
            if (sslCert != null || sslKey != null) {
                throw new ConnectionStringException("sslrootcert=system cannot be combined with a client certificate"
                        + " in pgjdbc" + s.where(SSLROOTCERT) + "; give the CA's certificate file as sslrootcert");
            }
        } else {
            Path file = rootCert != null ? Path.of(rootCert) : certDir == null ? null : certDir.resolve("root.crt");
            boolean exists = file != null && Files.exists(file);
            rootCert = null;
            if (mode.verifiesCertificate() || (mode == SslMode.REQUIRE && exists)) {
                rootCert = file == null ? null : file.toString();
            } else if (exists && mode != SslMode.DISABLE) {
                warnings.add("root certificate \"" + file + "\" exists, and libpq would verify the server's"
                        + " certificate with it even for sslmode=" + mode.libpqName()
                        + "; pgjdbc cannot, so say sslmode=verify-ca or verify-full to have it checked");
            }
            if (sslCert == null && certDir != null && mode != SslMode.DISABLE
                    && Files.exists(certDir.resolve("postgresql.crt"))) {
                sslCert = certDir.resolve("postgresql.crt").toString();
            }
            if (sslKey == null && sslCert != null && certDir != null
                    && Files.exists(certDir.resolve("postgresql.key"))) {
                sslKey = certDir.resolve("postgresql.key").toString();
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
}
