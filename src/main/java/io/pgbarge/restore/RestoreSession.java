package io.pgbarge.restore;

import io.pgbarge.exec.SessionSetup;

import java.util.List;

/**
 * The settings of every target session of a restore, as pg_restore sets them
 * ({@code _doSetFixedOutputState}), then the archive's own (standard_conforming_strings, search_path).
 */
final class RestoreSession {
    private RestoreSession() {
    }

    /**
     * A session of a plain script: only what cannot change the script's meaning (no timeouts); the
     * script's own SET statements follow.
     */
    static SessionSetup forScript(List<String> scriptSettings) {
        return c -> {
            try (var st = c.createStatement()) {
                st.execute("SET statement_timeout = 0; SET lock_timeout = 0; SET idle_in_transaction_session_timeout = 0;"
                        + " SET client_min_messages = warning; SET synchronous_commit = off;"
                        + " SET maintenance_work_mem = '256MB'");
                for (String s : scriptSettings) {
                    st.execute(s);
                }
            }
        };
    }

    static SessionSetup of(List<String> archiveSettings) {
        return c -> {
            try (var st = c.createStatement()) {
                st.execute("SET statement_timeout = 0; SET lock_timeout = 0; SET idle_in_transaction_session_timeout = 0;"
                        + " SET client_min_messages = warning; SET check_function_bodies = false;"
                        + " SET xmloption = content; SET row_security = off;"
                        // on, whatever the server's default: the journal records a step as done after its
                        // COMMIT, and a crash must not take back what --resume then skips
                        + " SET synchronous_commit = on; SET maintenance_work_mem = '256MB';"
                        + " SET default_transaction_read_only = off;"
                        + " SELECT pg_catalog.set_config('search_path', '', false)");
                for (String s : archiveSettings) {
                    st.execute(s);
                }
            }
        };
    }
}
