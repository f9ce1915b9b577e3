package io.pgbarge.catalog;

import java.util.List;

/**
 * A user mapping (pg_user_mappings). Its options often hold a password: they are copied as the
 * source has them, as pg_dump does, but never shown; {@link #toString} leaves them out.
 *
 * @param server  the foreign server's name
 * @param user    the mapped role, or null for PUBLIC
 * @param options umoptions, {@code name=value} each. pg_user_mappings shows them only to a superuser,
 *                the server's owner, or the mapped user with USAGE on the server; to anyone else
 *                they read as none, and so are lost, as with pg_dump
 */
public record UserMapping(long oid, long serverOid, String server, String user, List<String> options) {
    public UserMapping {
        options = List.copyOf(options);
    }

    @Override
    public String toString() {
        return "UserMapping[" + (user == null ? "PUBLIC" : user) + " SERVER " + server + ", " + options.size() + " options]";
    }
}
