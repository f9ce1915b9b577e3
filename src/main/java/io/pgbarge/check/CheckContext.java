package io.pgbarge.check;

import java.sql.Connection;

/** Both sessions and what is known about them, handed to each check. */
public record CheckContext(Connection source, Connection target, ServerFacts sourceFacts, ServerFacts targetFacts,
                           CheckOptions options) {
}
