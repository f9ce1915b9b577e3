package io.pgbarge.conn;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * Where and how to connect, as libpq would understand a connection string: immutable, safe to
 * share between workers. Made by {@link ConnectionStrings#parse}; turned into pgjdbc's terms by
 * {@link #jdbcUrl()} and {@link #jdbcProperties()}. {@link #toString()} never shows the password.
 */
public final class ConnectionSpec {
    public static final int DEFAULT_PORT = 5432;
    public static final String DEFAULT_HOST = "localhost";

    private final List<HostPort> hosts;
    private final String database;
    private final String user;
    private final String password;
    private final PasswordSource passwordSource;
    private final Path passfile;
    private final SslMode sslMode;
    private final String sslRootCert;
    private final String sslCert;
    private final String sslKey;
    private final String sslPassword;
    private final String sslNegotiation;
    private final String channelBinding;
    private final String gssEncMode;
    private final String requireAuth;
    private final String kerberosServerName;
    private final String options;
    private final String applicationName;
    private final Integer connectTimeout;
    private final TargetSessionAttrs targetSessionAttrs;
    private final boolean loadBalanceHosts;
    private final boolean keepalives;
    private final List<String> warnings;

    private ConnectionSpec(Builder b) {
        if (b.hosts == null || b.hosts.isEmpty()) {
            throw new IllegalArgumentException("a connection needs at least one host");
        }
        hosts = List.copyOf(b.hosts);
        database = Objects.requireNonNull(b.database, "database");
        user = Objects.requireNonNull(b.user, "user");
        password = b.password;
        passwordSource = b.password == null ? PasswordSource.NONE
                : Objects.requireNonNullElse(b.passwordSource, PasswordSource.CONNECTION_STRING);
        passfile = b.passfile;
        sslMode = Objects.requireNonNull(b.sslMode, "sslMode");
        sslRootCert = b.sslRootCert;
        sslCert = b.sslCert;
        sslKey = b.sslKey;
        sslPassword = b.sslPassword;
        sslNegotiation = b.sslNegotiation;
        channelBinding = b.channelBinding;
        gssEncMode = b.gssEncMode;
        requireAuth = b.requireAuth;
        kerberosServerName = b.kerberosServerName;
        options = b.options;
        applicationName = b.applicationName;
        connectTimeout = b.connectTimeout;
        targetSessionAttrs = Objects.requireNonNull(b.targetSessionAttrs, "targetSessionAttrs");
        loadBalanceHosts = b.loadBalanceHosts;
        keepalives = b.keepalives;
        warnings = List.copyOf(b.warnings);
    }

    /** A builder for one host, with libpq's defaults for everything else (sslmode=prefer). */
    public static Builder builder(String host, int port, String database, String user) {
        return new Builder().hosts(List.of(new HostPort(host, port))).database(database).user(user);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public List<HostPort> hosts() {
        return hosts;
    }

    public String database() {
        return database;
    }

    public String user() {
        return user;
    }

    /** The password, or null when none was given (the server may not ask for one). */
    public String password() {
        return password;
    }

    public PasswordSource passwordSource() {
        return passwordSource;
    }

    /** The password file that was consulted (whether or not it matched), or null. */
    public Path passfile() {
        return passfile;
    }

    /** The sslmode as libpq understands it; see {@link #jdbcProperties()} for what pgjdbc is told. */
    public SslMode sslMode() {
        return sslMode;
    }

    /**
     * The root certificate file the server's certificate is verified against, "system" for the
     * JVM's trusted roots, or null when it is not verified.
     */
    public String sslRootCert() {
        return sslRootCert;
    }

    public String sslCert() {
        return sslCert;
    }

    public String sslKey() {
        return sslKey;
    }

    /** The password of the client key, or null. Never shown. */
    public String sslPassword() {
        return sslPassword;
    }

    /** "postgres", "direct", or null for the default. */
    public String sslNegotiation() {
        return sslNegotiation;
    }

    /** "disable", "prefer", "require", or null for the default (prefer). */
    public String channelBinding() {
        return channelBinding;
    }

    public String gssEncMode() {
        return gssEncMode;
    }

    public String requireAuth() {
        return requireAuth;
    }

    public String kerberosServerName() {
        return kerberosServerName;
    }

    /** The startup options, decoded: "-c search_path=x", or Neon's "endpoint=ep-…". */
    public String options() {
        return options;
    }

    public String applicationName() {
        return applicationName;
    }

    /** Seconds, as libpq's connect_timeout (0 or less: wait forever), or null when not set. */
    public Integer connectTimeout() {
        return connectTimeout;
    }

    public TargetSessionAttrs targetSessionAttrs() {
        return targetSessionAttrs;
    }

    public boolean loadBalanceHosts() {
        return loadBalanceHosts;
    }

    public boolean keepalives() {
        return keepalives;
    }

    /** Things the user may want to know (an ignored password file, an ignored parameter). */
    public List<String> warnings() {
        return warnings;
    }

    /** {@code jdbc:postgresql://host:port[,host:port…]/database}. */
    public String jdbcUrl() {
        return PgjdbcMapping.url(this);
    }

    /** The pgjdbc properties that make pgjdbc behave as libpq would with this spec. */
    public Properties jdbcProperties() {
        return PgjdbcMapping.properties(this);
    }

    /** This connection as a libpq URI with the password shown as ***. */
    public String redacted() {
        return DisplayUri.of(this);
    }

    /** "host:port/database as user" (hosts comma-separated), for messages. */
    public String server() {
        StringBuilder s = new StringBuilder();
        for (HostPort h : hosts) {
            s.append(s.length() == 0 ? "" : ",").append(h);
        }
        return s.append('/').append(database).append(" as ").append(user).toString();
    }

    /** The same connection, reported to the server under another application_name. */
    public ConnectionSpec withApplicationName(String name) {
        return toBuilder().applicationName(name).build();
    }

    /**
     * The same server and login, another database. A password read from the password file is looked
     * up again for the new database, as libpq would; when no line matches, the old one is kept,
     * since it is the same login on the same server.
     */
    public ConnectionSpec withDatabase(String name) {
        Builder b = toBuilder().database(name);
        if (passwordSource == PasswordSource.PASSWORD_FILE && passfile != null) {
            HostPort first = hosts.get(0);
            String again = PasswordFile.find(passfile, first.host(), first.port(), name, user).password();
            if (again != null) {
                b.password(again, PasswordSource.PASSWORD_FILE);
            }
        }
        return b.build();
    }

    @Override
    public String toString() {
        return redacted();
    }

    /** Builds a {@link ConnectionSpec}; unset values take libpq's defaults. */
    public static final class Builder {
        private List<HostPort> hosts;
        private String database;
        private String user;
        private String password;
        private PasswordSource passwordSource;
        private Path passfile;
        private SslMode sslMode = SslMode.PREFER;
        private String sslRootCert;
        private String sslCert;
        private String sslKey;
        private String sslPassword;
        private String sslNegotiation;
        private String channelBinding;
        private String gssEncMode;
        private String requireAuth;
        private String kerberosServerName;
        private String options;
        private String applicationName;
        private Integer connectTimeout;
        private TargetSessionAttrs targetSessionAttrs = TargetSessionAttrs.ANY;
        private boolean loadBalanceHosts;
        private boolean keepalives = true;
        private List<String> warnings = List.of();

        Builder() {
        }

        private Builder(ConnectionSpec s) {
            hosts = s.hosts;
            database = s.database;
            user = s.user;
            password = s.password;
            passwordSource = s.passwordSource;
            passfile = s.passfile;
            sslMode = s.sslMode;
            sslRootCert = s.sslRootCert;
            sslCert = s.sslCert;
            sslKey = s.sslKey;
            sslPassword = s.sslPassword;
            sslNegotiation = s.sslNegotiation;
            channelBinding = s.channelBinding;
            gssEncMode = s.gssEncMode;
            requireAuth = s.requireAuth;
            kerberosServerName = s.kerberosServerName;
            options = s.options;
            applicationName = s.applicationName;
            connectTimeout = s.connectTimeout;
            targetSessionAttrs = s.targetSessionAttrs;
            loadBalanceHosts = s.loadBalanceHosts;
            keepalives = s.keepalives;
            warnings = s.warnings;
        }

        public Builder hosts(List<HostPort> value) {
            hosts = value;
            return this;
        }

        public Builder database(String value) {
            database = value;
            return this;
        }

        public Builder user(String value) {
            user = value;
            return this;
        }

        public Builder password(String value) {
            return password(value, PasswordSource.CONNECTION_STRING);
        }

        public Builder password(String value, PasswordSource source) {
            password = value;
            passwordSource = source;
            return this;
        }

        public Builder passfile(Path value) {
            passfile = value;
            return this;
        }

        public Builder sslMode(SslMode value) {
            sslMode = value;
            return this;
        }

        public Builder sslRootCert(String value) {
            sslRootCert = value;
            return this;
        }

        public Builder sslCert(String value) {
            sslCert = value;
            return this;
        }

        public Builder sslKey(String value) {
            sslKey = value;
            return this;
        }

        public Builder sslPassword(String value) {
            sslPassword = value;
            return this;
        }

        public Builder sslNegotiation(String value) {
            sslNegotiation = value;
            return this;
        }

        public Builder channelBinding(String value) {
            channelBinding = value;
            return this;
        }

        public Builder gssEncMode(String value) {
            gssEncMode = value;
            return this;
        }

        public Builder requireAuth(String value) {
            requireAuth = value;
            return this;
        }

        public Builder kerberosServerName(String value) {
            kerberosServerName = value;
            return this;
        }

        public Builder options(String value) {
            options = value;
            return this;
        }

        public Builder applicationName(String value) {
            applicationName = value;
            return this;
        }

        public Builder connectTimeout(Integer seconds) {
            connectTimeout = seconds;
            return this;
        }

        public Builder targetSessionAttrs(TargetSessionAttrs value) {
            targetSessionAttrs = value;
            return this;
        }

        public Builder loadBalanceHosts(boolean value) {
            loadBalanceHosts = value;
            return this;
        }

        public Builder keepalives(boolean value) {
            keepalives = value;
            return this;
        }

        public Builder warnings(List<String> value) {
            warnings = value;
            return this;
        }

        public ConnectionSpec build() {
            return new ConnectionSpec(this);
        }
    }
}
