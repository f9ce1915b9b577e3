package io.pgbarge.check;

import java.sql.SQLException;
import java.util.List;

/** One group of preflight checks. Reads catalogs only: never changes either server. */
public interface Check {
    /** What it checks, for the message when the check itself fails ("extensions"). */
    String topic();

    List<Finding> run(CheckContext ctx) throws SQLException;

    /**
     * Whether the check can find a blocker. {@code copy} runs only those before it starts: the others
     * (warnings and infos, some of them slow catalog-wide queries) are for {@code pgbarge check}.
     */
    default boolean canBlock() {
        return true;
    }
}
