package io.pgbarge.check;

import java.sql.SQLException;
import java.util.List;

/** One group of preflight checks. Reads catalogs only: never changes either server. */
public interface Check {
    /** What it checks, for the message when the check itself fails ("extensions"). */
    String topic();

    List<Finding> run(CheckContext ctx) throws SQLException;
}
