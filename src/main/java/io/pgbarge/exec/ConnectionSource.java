package io.pgbarge.exec;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a new session on one server, named so that it shows up in pg_stat_activity. */
@FunctionalInterface
public interface ConnectionSource {
    /** @param applicationName e.g. {@code pgbarge:copy:public.film} */
    Connection open(String applicationName) throws SQLException;
}
