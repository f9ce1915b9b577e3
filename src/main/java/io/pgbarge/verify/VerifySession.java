package io.pgbarge.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The settings every verify session runs under, on the source and the target alike, so that the
 * text form of a value — what the checksums hash — depends only on the value and not on the server,
 * its configuration or its major version (13–18).
 */
final class VerifySession {
    private VerifySession() {
    }

    /**
     * <ul>
     *   <li>{@code extra_float_digits = 3}: any value above 0 prints float4/float8 (and the geometric
     *       types built on them) in the shortest form that reads back exactly, the same text on every
     *       version since 12; the default 1 does too, but a server or role may have set 0 or less.</li>
     *   <li>{@code DateStyle ISO}, {@code IntervalStyle postgres}, {@code TimeZone UTC}: dates,
     *       timestamps with time zone and intervals print the same whatever the servers' defaults.</li>
     *   <li>{@code bytea_output hex}: {@code escape} would print the same bytes differently.</li>
     *   <li>{@code lc_monetary C}: money prints with the locale's symbol and separators.</li>
     *   <li>{@code search_path ''}: regclass, regproc, regtype… columns and catalog deparse print every
     *       user object schema-qualified, the same on both sides.</li>
     *   <li>no statement or idle timeouts: checksumming a big table is one long query.</li>
     * </ul>
     */
    static void apply(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET extra_float_digits = 3; SET DateStyle = 'ISO, MDY'; SET IntervalStyle = 'postgres';"
                    + " SET TimeZone = 'UTC'; SET bytea_output = 'hex'; SET lc_monetary = 'C';"
                    + " SET statement_timeout = 0; SET lock_timeout = 0; SET idle_in_transaction_session_timeout = 0;"
                    + " SET client_min_messages = warning;"
                    + " SELECT pg_catalog.set_config('search_path', '', false)");
        }
    }
}
