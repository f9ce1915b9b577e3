package io.pgbarge.conn;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads connection strings as users paste them, the way psql would: a libpq URI
 * ({@code postgresql://…} or {@code postgres://…}), a key=value string ({@code host=… dbname=…}),
 * or a bare database name; then PG* environment variables for whatever the string leaves unset,
 * libpq's defaults, and the password file.
 */
public final class ConnectionStrings {
    private static final Pattern OTHER_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*(:[A-Za-z0-9+.-]+)*://.*",
            Pattern.DOTALL);

    private ConnectionStrings() {
    }

    /** Parses with this process's environment, ~/.pgpass and ~/.postgresql. */
    public static ConnectionSpec parse(String text) {
        return parse(text, ClientEnvironment.system());
    }

    /**
     * @param env        the environment variables to take PG* defaults from
     * @param pgpassFile the password file to read when neither passfile nor PGPASSFILE names one
     *                   (libpq's ~/.pgpass); null for none
     */
    public static ConnectionSpec parse(String text, Map<String, String> env, Path pgpassFile) {
        return parse(text, ClientEnvironment.of(env, pgpassFile));
    }

    /** @throws ConnectionStringException naming the bad part, never quoting the password */
    public static ConnectionSpec parse(String text, ClientEnvironment environment) {
        String trimmed = text == null ? "" : text.strip();
        Settings settings = new Settings("connection string " + Redactor.redact(trimmed));
        if (LibpqUri.isUri(trimmed)) {
            LibpqUri.parse(trimmed, settings);
        } else if (OTHER_SCHEME.matcher(trimmed).matches()) {
            String scheme = trimmed.substring(0, trimmed.indexOf("://"));
            throw new ConnectionStringException("unsupported scheme \"" + scheme + "\" in connection string "
                    + Redactor.redact(trimmed) + " (expected postgresql:// or postgres://"
                    + (scheme.startsWith("jdbc:") ? "; drop the \"jdbc:\" and use libpq's parameter names" : "")
                    + ")");
        } else if (trimmed.indexOf('=') >= 0) {
            KeywordValueString.parse(trimmed, settings);
        } else if (!trimmed.isEmpty()) {
            // like psql: a word that is neither a URI nor key=value names a database
            settings.put("dbname", trimmed);
        }
        settings.addEnvironmentDefaults(environment.variables());
        return SpecResolver.resolve(settings, environment);
    }
}
