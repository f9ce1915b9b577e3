package io.pgbarge.catalog;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * An event trigger (not one an extension made).
 *
 * @param event          ddl_command_start, ddl_command_end, sql_drop, table_rewrite, login (17+)
 * @param tags           the WHEN TAG IN filter, empty for none
 * @param functionSchema schema of the trigger function
 * @param function       the trigger function's name (it takes no arguments)
 * @param functionOid    for the dependency on it
 * @param enabled        evtenabled: O (origin, the default), D disabled, R replica, A always
 */
public record EventTrigger(long oid, String name, String event, List<String> tags, String functionSchema,
                           String function, long functionOid, char enabled, String owner, String comment) {

    public EventTrigger {
        tags = List.copyOf(tags);
    }

    static List<EventTrigger> read(Connection c) throws SQLException {
        return CatalogQuery.list(c,
                "SELECT e.oid, e.evtname, e.evtevent, e.evttags, n.nspname, p.proname, p.oid AS foid,"
                        + " e.evtenabled, pg_catalog.pg_get_userbyid(e.evtowner) AS owner,"
                        + " pg_catalog.obj_description(e.oid, 'pg_event_trigger') AS comment"
                        + " FROM pg_catalog.pg_event_trigger e"
                        + " JOIN pg_catalog.pg_proc p ON p.oid = e.evtfoid"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
                        + " WHERE " + CatalogQuery.userObject("pg_event_trigger", "e.oid")
                        + " ORDER BY e.evtname",
                rs -> new EventTrigger(rs.getLong(1), rs.getString(2), rs.getString(3), strings(rs.getArray(4)),
                        rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8).charAt(0),
                        rs.getString(9), rs.getString(10)));
    }

    static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : List.of((String[]) a.getArray());
    }
}
