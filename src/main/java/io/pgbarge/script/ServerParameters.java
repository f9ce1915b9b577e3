package io.pgbarge.script;

import java.util.Map;

/**
 * The PostgreSQL major versions that know the run-time parameters plain dumps set, so that a restore
 * can drop a {@code SET} that its target would refuse ({@code unrecognized configuration parameter}).
 * Versions before 10 are written as 9 (9.x): every supported target knows those parameters.
 */
public final class ServerParameters {

    /** Parameter → first major version that has it. */
    private static final Map<String, Integer> INTRODUCED = Map.ofEntries(
            Map.entry("transaction_timeout", 17),
            Map.entry("idle_session_timeout", 14),
            Map.entry("default_toast_compression", 14),
            Map.entry("allow_in_place_tablespaces", 15),
            Map.entry("default_table_access_method", 12),
            Map.entry("idle_in_transaction_session_timeout", 9),
            Map.entry("row_security", 9),
            Map.entry("lock_timeout", 9));

    /** Parameter → first major version that no longer has it. */
    private static final Map<String, Integer> REMOVED = Map.ofEntries(
            Map.entry("operator_precedence_warning", 14),
            Map.entry("vacuum_defer_cleanup_age", 16),
            Map.entry("force_parallel_mode", 16));

    private ServerParameters() {
    }

    /**
     * Whether a server of that major version knows the parameter. Custom parameters (with a dot) and
     * parameters not listed here count as known.
     */
    public static boolean knownTo(String parameter, int serverMajor) {
        String p = parameter.toLowerCase(java.util.Locale.ROOT);
        if (p.indexOf('.') >= 0) {
            return true;
        }
        Integer since = INTRODUCED.get(p);
        if (since != null && serverMajor < since) {
            return false;
        }
        Integer gone = REMOVED.get(p);
        return gone == null || serverMajor < gone;
    }

    /** The first major version that has the parameter, or 0 when it is older than this table or unknown. */
    public static int introducedIn(String parameter) {
        return INTRODUCED.getOrDefault(parameter.toLowerCase(java.util.Locale.ROOT), 0);
    }
}
