package io.pgbarge.conn;

import java.util.EnumMap;
import java.util.Map;

/**
 * The libpq keywords a connection string set, then completed from PG* environment variables. Each
 * value remembers whether it came from the environment, so that an error can name the variable.
 */
final class Settings {
    /**
     * @param hidden the value overlaps what redaction hides (say, a port read from a URI whose
     *               password held an unencoded '/'), so messages must not quote it
     */
    record Setting(String value, String envVar, boolean hidden) {
        /** Where the value came from, for messages: "PGPORT" or the connection string. */
        String origin(String stringContext) {
            return envVar != null ? "environment variable " + envVar : stringContext;
        }
    }

    private final Map<LibpqKeyword, Setting> values = new EnumMap<>(LibpqKeyword.class);
    private final String context;

    /** @param context "connection string &lt;redacted text&gt;", for messages */
    Settings(String context) {
        this.context = context;
    }

    String context() {
        return context;
    }

    /** Records a keyword the connection string set; a later value wins, as in libpq. */
    void put(String name, String value) {
        put(name, value, false);
    }

    void put(String name, String value, boolean hidden) {
        LibpqKeyword keyword = LibpqKeyword.byName(name);
        if (keyword == null) {
            throw new ConnectionStringException("unknown connection parameter \"" + name + "\""
                    + LibpqKeyword.hintFor(name) + " in " + context);
        }
        if (keyword.handling == LibpqKeyword.Handling.REJECTED) {
            throw new ConnectionStringException("connection parameter \"" + keyword.libpqName
                    + "\" is not supported: " + keyword.reason + " (in " + context + ")");
        }
        values.put(keyword, new Setting(value, null, hidden));
    }

    /** Fills every keyword the string left unset from its environment variable, as libpq does. */
    void addEnvironmentDefaults(Map<String, String> env) {
        for (LibpqKeyword keyword : LibpqKeyword.values()) {
            if (keyword.envVar == null || values.containsKey(keyword)) {
                continue;
            }
            String value = env.get(keyword.envVar);
            if (value == null) {
                continue;
            }
            if (keyword.handling == LibpqKeyword.Handling.REJECTED) {
                throw new ConnectionStringException("environment variable " + keyword.envVar
                        + " is set, but " + keyword.reason + "; unset it");
            }
            values.put(keyword, new Setting(value, keyword.envVar, false));
        }
    }

    Setting get(LibpqKeyword keyword) {
        return values.get(keyword);
    }

    /** The value, or null when neither the string nor the environment set it. */
    String value(LibpqKeyword keyword) {
        Setting s = values.get(keyword);
        return s == null ? null : s.value();
    }

    /** The value, or null when unset or empty: libpq treats an empty value as "use the default". */
    String nonEmpty(LibpqKeyword keyword) {
        String v = value(keyword);
        return v == null || v.isEmpty() ? null : v;
    }

    /** " in connection string …" or " in environment variable PGPORT", for a message about keyword. */
    String where(LibpqKeyword keyword) {
        Setting s = values.get(keyword);
        return " in " + (s == null ? context : s.origin(context));
    }

    /** A part of keyword's value, quoted for a message, unless it may be a piece of a password. */
    String quote(LibpqKeyword keyword, String part) {
        Setting s = values.get(keyword);
        if (keyword.isSecret() || (s != null && s.hidden())) {
            return "(not shown: it overlaps the password; percent-encode '/', '@' and ':' in a password)";
        }
        return "\"" + part + "\"";
    }

    Iterable<LibpqKeyword> keywords() {
        return values.keySet();
    }
}
