package io.pgbarge.conn;

import static io.pgbarge.conn.LibpqKeyword.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the keywords of a connection string, completed from the environment, into a
 * {@link ConnectionSpec}: libpq's defaults, its validation and its password lookup (SSL is
 * {@link SslResolver}'s); each refusal names the keyword and where it was set.
 */
final class SpecResolver {
    private static final Set<String> AUTH_METHODS = Set.of("password", "md5", "gss", "sspi", "scram-sha-256", "none");

    private final Settings s;
    private final ClientEnvironment env;
    private final List<String> warnings = new ArrayList<>();

    private SpecResolver(Settings settings, ClientEnvironment env) {
        this.s = settings;
        this.env = env;
    }

    static ConnectionSpec resolve(Settings settings, ClientEnvironment env) {
        return new SpecResolver(settings, env).resolve();
    }

    private ConnectionSpec resolve() {
        List<HostPort> hosts = hosts();
        String user = s.nonEmpty(USER);
        if (user == null) {
            user = env.osUser();
            if (user == null || user.isEmpty()) {
                throw new ConnectionStringException("no user name given, and the operating system's is unknown");
            }
        }
        String database = s.nonEmpty(DBNAME) != null ? s.nonEmpty(DBNAME) : user;
        ConnectionSpec.Builder b = new ConnectionSpec.Builder().hosts(hosts).database(database).user(user);
        password(b, hosts, database, user);
        SslResolver.apply(s, env, warnings, b);
        b.channelBinding(choice(CHANNEL_BINDING, "disable", "prefer", "require"));
        b.gssEncMode(choice(GSSENCMODE, "disable", "allow", "prefer", "require"));
        b.requireAuth(requireAuth());
        b.kerberosServerName(s.nonEmpty(KRBSRVNAME));
        b.options(s.nonEmpty(OPTIONS));
        b.applicationName(s.nonEmpty(APPLICATION_NAME) != null ? s.nonEmpty(APPLICATION_NAME)
                : s.nonEmpty(FALLBACK_APPLICATION_NAME));
        b.connectTimeout(integer(CONNECT_TIMEOUT, "a number of seconds"));
        b.targetSessionAttrs(targetSessionAttrs());
        b.loadBalanceHosts("random".equals(choice(LOAD_BALANCE_HOSTS, "disable", "random")));
        Integer keepalives = integer(KEEPALIVES, "0 or 1");
        b.keepalives(keepalives == null || keepalives != 0);
        checkHarmless();
        return b.warnings(warnings).build();
    }

    private List<HostPort> hosts() {
        LibpqKeyword hostKeyword = HOST;
        String hostList = s.value(HOST);
        if (s.nonEmpty(HOSTADDR) != null) {
            if (s.nonEmpty(HOST) != null) {
                throw new ConnectionStringException("hostaddr cannot be combined with host" + s.where(HOSTADDR)
                        + ": pgjdbc connects to the name it is given; give only host=<name or address>");
            }
            hostKeyword = HOSTADDR;
            hostList = s.value(HOSTADDR);
        }
        List<String> names = hostList == null ? List.of("") : Arrays.asList(hostList.split(",", -1));
        String portList = s.value(PORT);
        List<String> ports = portList == null ? List.of("") : Arrays.asList(portList.split(",", -1));
        if (ports.size() != 1 && ports.size() != names.size()) {
            throw new ConnectionStringException("could not match " + ports.size() + " port numbers to "
                    + names.size() + " hosts" + s.where(PORT));
        }
        List<HostPort> hosts = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String host = checkHost(hostKeyword, names.get(i));
            hosts.add(new HostPort(host, port(ports.get(ports.size() == 1 ? 0 : i))));
        }
        return hosts;
    }

    private String checkHost(LibpqKeyword keyword, String host) {
        if (host.isEmpty()) {
            return ConnectionSpec.DEFAULT_HOST;
        }
        if (host.startsWith("/") || host.startsWith("@")) {
            throw new ConnectionStringException("Unix-domain socket " + s.quote(keyword, host)
                    + " is not supported: pgjdbc connects over TCP, so use host=localhost (" + s.where(keyword).trim() + ")");
        }
        if (!(host.indexOf(':') >= 0 ? isIpv6Literal(host) : isHostName(host))) {
            throw new ConnectionStringException("invalid host name " + s.quote(keyword, host) + s.where(keyword));
        }
        return host;
    }

    /** Hex digits, ':' and '.' (an embedded IPv4), then maybe '%' and a zone such as eth0. */
    private static boolean isIpv6Literal(String host) {
        int zone = host.indexOf('%');
        String address = zone < 0 ? host : host.substring(0, zone);
        return address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')
                && (zone < 0 || (zone < host.length() - 1 && host.substring(zone + 1).chars().allMatch(Character::isLetterOrDigit)));
    }

    /** Anything a resolver may take, but not what would break a URL or betray a typo (spaces, '/', '@'…). */
    private static boolean isHostName(String host) {
        return host.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)
                || "/?#@[]\\'\"%<>|".indexOf(c) >= 0);
    }

    private int port(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return ConnectionSpec.DEFAULT_PORT;
        }
        int port = -1;
        if (t.length() <= 5 && t.chars().allMatch(Character::isDigit)) {
            port = Integer.parseInt(t);
        }
        if (port < 1 || port > 65535) {
            throw new ConnectionStringException("invalid port " + s.quote(PORT, text) + s.where(PORT));
        }
        return port;
    }

    private void password(ConnectionSpec.Builder b, List<HostPort> hosts, String database, String user) {
        Settings.Setting given = s.get(PASSWORD);
        if (given != null && !given.value().isEmpty()) {
            b.password(given.value(), given.envVar() != null ? PasswordSource.PGPASSWORD : PasswordSource.CONNECTION_STRING);
            return;
        }
        // libpq reads the password file only when no password was given (an empty one counts as none)
        Path file = s.nonEmpty(PASSFILE) != null ? Path.of(s.nonEmpty(PASSFILE)) : env.defaultPassFile();
        if (file == null) {
            return;
        }
        b.passfile(file);
        String found = null;
        for (HostPort h : hosts) {
            PasswordFile.Lookup lookup = PasswordFile.find(file, h.host(), h.port(), database, user);
            if (lookup.warning() != null) {
                warnings.add(lookup.warning());
                return;
            }
            if (found == null) {
                found = lookup.password();
            } else if (lookup.password() != null && !lookup.password().equals(found)) {
                warnings.add("the password file has different passwords for the hosts of this connection;"
                        + " pgjdbc sends one password, so the first host's is used for all");
            }
        }
        if (found != null) {
            b.password(found, PasswordSource.PASSWORD_FILE);
        }
    }

    private TargetSessionAttrs targetSessionAttrs() {
        String text = s.nonEmpty(TARGET_SESSION_ATTRS);
        if (text == null) {
            return TargetSessionAttrs.ANY;
        }
        TargetSessionAttrs t = TargetSessionAttrs.byName(text.toLowerCase(Locale.ROOT));
        if (t == null) {
            throw new ConnectionStringException("unknown target_session_attrs " + s.quote(TARGET_SESSION_ATTRS, text)
                    + " (expected " + TargetSessionAttrs.names() + ")" + s.where(TARGET_SESSION_ATTRS));
        }
        return t;
    }

    private String requireAuth() {
        String text = s.nonEmpty(REQUIRE_AUTH);
        if (text == null) {
            return null;
        }
        Boolean negated = null;
        for (String method : text.split(",", -1)) {
            boolean not = method.startsWith("!");
            String name = not ? method.substring(1) : method;
            if (!AUTH_METHODS.contains(name)) {
                throw new ConnectionStringException("unknown or unsupported require_auth method \"" + method
                        + "\" (pgjdbc knows " + String.join(", ", AUTH_METHODS.stream().sorted().toList()) + ")"
                        + s.where(REQUIRE_AUTH));
            }
            if (negated != null && negated != not) {
                throw new ConnectionStringException("require_auth cannot mix negated and plain methods (\""
                        + text + "\")" + s.where(REQUIRE_AUTH));
            }
            negated = not;
        }
        return text;
    }

    /** The keyword's value if it is one of allowed (any case), null when unset; else a refusal. */
    static String choice(Settings s, LibpqKeyword keyword, String... allowed) {
        String text = s.nonEmpty(keyword);
        if (text == null) {
            return null;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (!Arrays.asList(allowed).contains(lower)) {
            throw new ConnectionStringException("unknown " + keyword.libpqName + " " + s.quote(keyword, text)
                    + " (expected " + String.join(", ", allowed) + ")" + s.where(keyword));
        }
        return lower;
    }

    private String choice(LibpqKeyword keyword, String... allowed) {
        return choice(s, keyword, allowed);
    }

    private Integer integer(LibpqKeyword keyword, String expected) {
        String text = s.nonEmpty(keyword);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw new ConnectionStringException("invalid " + keyword.libpqName + " " + s.quote(keyword, text)
                    + " (expected " + expected + ")" + s.where(keyword));
        }
    }

    /**
     * Keywords whose common values change nothing pgjdbc does, accepted with those values only; and
     * the ignored ones, noted.
     */
    private void checkHarmless() {
        accept(CLIENT_ENCODING, "pgjdbc always uses UTF8", "utf8", "utf-8", "unicode", "auto");
        accept(SSLSNI, "pgjdbc always sends the host name (SNI)", "1");
        accept(SSLCERTMODE, "pgjdbc offers a client certificate whenever one is configured", "allow");
        accept(SSL_MIN_PROTOCOL_VERSION, "Java already requires TLSv1.2, and pgjdbc cannot require more",
                "tlsv1", "tlsv1.1", "tlsv1.2");
        accept(MIN_PROTOCOL_VERSION, "pgjdbc speaks protocol 3.0", "3.0");
        accept(MAX_PROTOCOL_VERSION, "pgjdbc speaks protocol 3.0", "3.0", "3.2", "latest");
        for (LibpqKeyword k : s.keywords()) {
            if (k.handling == LibpqKeyword.Handling.IGNORED && s.get(k).envVar() == null) {
                warnings.add("connection parameter " + k.libpqName + " is ignored: pgjdbc has no such setting");
            }
        }
    }

    private void accept(LibpqKeyword keyword, String why, String... harmless) {
        String text = s.nonEmpty(keyword);
        if (text != null && !Arrays.asList(harmless).contains(text.toLowerCase(Locale.ROOT))) {
            throw new ConnectionStringException(keyword.libpqName + " " + s.quote(keyword, text)
                    + " is not supported: " + why + s.where(keyword));
        }
    }
}
