package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A logical replication subscription of this database. Read so that the run can say it was not
 * created; the connection string (subconninfo) is not read: only superusers may, and it holds secrets.
 *
 * @param publications the publisher's publications it subscribes to
 * @param slotName     the replication slot on the publisher, or null for NONE
 */
public record Subscription(String name, String owner, boolean enabled, List<String> publications,
                           String slotName) {

    public Subscription {
        publications = List.copyOf(publications);
    }

    /**
     * Only columns PUBLIC may read: PostgreSQL grants them column by column, without subconninfo,
     * and before 14 without oid either.
     */
    static List<Subscription> read(Connection c) throws SQLException {
        return CatalogQuery.list(c,
                "SELECT s.subname, pg_catalog.pg_get_userbyid(s.subowner), s.subenabled,"
                        + " s.subpublications, s.subslotname::text"
                        + " FROM pg_catalog.pg_subscription s"
                        + " WHERE s.subdbid = (SELECT oid FROM pg_catalog.pg_database"
                        + "   WHERE datname = pg_catalog.current_database())"
                        + " ORDER BY s.subname",
                rs -> new Subscription(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                        EventTrigger.strings(rs.getArray(4)), rs.getString(5)));
    }
}
