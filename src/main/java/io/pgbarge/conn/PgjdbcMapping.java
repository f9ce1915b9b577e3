package io.pgbarge.conn;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * A {@link ConnectionSpec} in pgjdbc 42.7's terms. Where the two differ, libpq's behaviour wins:
 * <ul>
 * <li>sslmode=require: pgjdbc never checks the certificate for require, libpq does when a root
 *     certificate file exists (given or ~/.postgresql/root.crt). The spec then carries that file,
 *     and pgjdbc is told verify-ca with it.</li>
 * <li>sslrootcert=system: the JVM's trusted roots, through pgjdbc's DefaultJavaSSLFactory, and
 *     verify-full, which libpq insists on with system roots.</li>
 * <li>connect_timeout: libpq's applies to each host (and is at least 2 s); pgjdbc's connectTimeout
 *     covers the TCP connect only, so loginTimeout bounds the whole login at timeout × hosts.</li>
 * <li>keepalives: on by default in libpq, off in pgjdbc.</li>
 * </ul>
 */
final class PgjdbcMapping {
    static final String SYSTEM_ROOTS = "system";
    static final String JVM_TRUST_FACTORY = "org.postgresql.ssl.DefaultJavaSSLFactory";

    private PgjdbcMapping() {
    }

    static String url(ConnectionSpec spec) {
        StringJoiner hosts = new StringJoiner(",");
        spec.hosts().forEach(h -> hosts.add(h.toString()));
        // pgjdbc decodes the database with URLDecoder, so URLEncoder's '+' for space is right here
        return "jdbc:postgresql://" + hosts + "/" + URLEncoder.encode(spec.database(), StandardCharsets.UTF_8);
    }

    static Properties properties(ConnectionSpec spec) {
        Properties p = new Properties();
        p.setProperty("user", spec.user());
        setIfPresent(p, "password", spec.password());
        setSsl(p, spec);
        setIfPresent(p, "channelBinding", spec.channelBinding());
        setIfPresent(p, "gssEncMode", spec.gssEncMode());
        setIfPresent(p, "requireAuth", spec.requireAuth());
        setIfPresent(p, "kerberosServerName", spec.kerberosServerName());
        setIfPresent(p, "options", spec.options());
        setIfPresent(p, "ApplicationName", spec.applicationName());
        Integer timeout = spec.connectTimeout();
        if (timeout != null) {
            int seconds = timeout <= 0 ? 0 : Math.max(timeout, 2);
            p.setProperty("connectTimeout", Integer.toString(seconds));
            if (seconds > 0) {
                p.setProperty("loginTimeout", Integer.toString(seconds * spec.hosts().size()));
            }
        }
        p.setProperty("targetServerType", spec.targetSessionAttrs().pgjdbcTargetServerType());
        if (spec.loadBalanceHosts()) {
            p.setProperty("loadBalanceHosts", "true");
        }
        p.setProperty("tcpKeepAlive", Boolean.toString(spec.keepalives()));
        return p;
    }

    private static void setSsl(Properties p, ConnectionSpec spec) {
        SslMode mode = spec.sslMode();
        String root = spec.sslRootCert();
        if (SYSTEM_ROOTS.equals(root)) {
            p.setProperty("sslmode", SslMode.VERIFY_FULL.libpqName());
            p.setProperty("sslfactory", JVM_TRUST_FACTORY);
        } else if (mode == SslMode.REQUIRE && root != null) {
            p.setProperty("sslmode", SslMode.VERIFY_CA.libpqName());
            p.setProperty("sslrootcert", root);
        } else {
            p.setProperty("sslmode", mode.libpqName());
            if (mode.verifiesCertificate() && root != null) {
                p.setProperty("sslrootcert", root);
            }
        }
        if (mode != SslMode.DISABLE) {
            setIfPresent(p, "sslcert", spec.sslCert());
            setIfPresent(p, "sslkey", spec.sslKey());
            setIfPresent(p, "sslpassword", spec.sslPassword());
            setIfPresent(p, "sslNegotiation", spec.sslNegotiation());
        }
    }

    private static void setIfPresent(Properties p, String name, String value) {
        if (value != null) {
            p.setProperty(name, value);
        }
    }
}
