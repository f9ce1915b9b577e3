package io.pgbarge.ddl;

import io.pgbarge.catalog.ServerInfo;

/**
 * What a DDL generator may adapt to: the source it read and the target it writes for.
 *
 * @param source the server the catalog was read from
 * @param target the server the statements will run on (for `schema` without a target: the source)
 */
public record DdlContext(ServerInfo source, ServerInfo target) {
}
