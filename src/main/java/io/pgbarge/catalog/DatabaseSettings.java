package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What belongs to the database itself rather than to an object in it: its comment, its privileges,
 * and the session defaults stored for it in pg_db_role_setting (ALTER DATABASE … SET and ALTER ROLE …
 * IN DATABASE … SET). These are what pg_dump --create writes after CREATE DATABASE.
 *
 * @param name       the source database's name (the target's is used in the DDL)
 * @param comment    shobj_description, or null
 * @param acl        datacl as text, or null for the default privileges
 * @param defaultAcl acldefault('d', datdba) as text
 * @param settings   database-wide settings first, then per role, each in the order they were set
 */
public record DatabaseSettings(String name, String comment, String acl, String defaultAcl, List<Setting> settings) {

    public DatabaseSettings {
        settings = List.copyOf(settings);
    }

    /**
     * One {@code name=value} entry of pg_db_role_setting.setconfig.
     *
     * @param role           the role it applies to in this database, or null for every role
     * @param name           the parameter's name as stored (canonical case, e.g. DateStyle)
     * @param value          the value as stored; GUC_LIST_QUOTE parameters keep the server's list quoting
     * @param superuserOnly  the source says only a superuser may set it (pg_settings.context
     *                       superuser or superuser-backend)
     */
    public record Setting(String role, String name, String value, boolean superuserOnly) {
    }

    static DatabaseSettings read(Connection c) throws SQLException {
        // WITH ORDINALITY keeps the order the entries were set in, which is the order they apply in
        List<Setting> settings = CatalogQuery.list(c,
                "SELECT r.rolname, u.item,"
                        + " (SELECT s.context FROM pg_catalog.pg_settings s"
                        + "   WHERE pg_catalog.lower(s.name) = pg_catalog.lower(pg_catalog.split_part(u.item, '=', 1)))"
                        + "   IN ('superuser', 'superuser-backend') AS su"
                        + " FROM pg_catalog.pg_db_role_setting d"
                        + " LEFT JOIN pg_catalog.pg_roles r ON r.oid = d.setrole"
                        + " CROSS JOIN LATERAL pg_catalog.unnest(d.setconfig) WITH ORDINALITY AS u(item, ord)"
                        + " WHERE d.setdatabase = (SELECT oid FROM pg_catalog.pg_database"
                        + "   WHERE datname = pg_catalog.current_database())"
                        + " AND (d.setrole = 0 OR r.oid IS NOT NULL)"
                        + " ORDER BY d.setrole <> 0, r.rolname, u.ord",
                rs -> setting(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
        return CatalogQuery.list(c,
                "SELECT d.datname, pg_catalog.shobj_description(d.oid, 'pg_database'), d.datacl::text,"
                        + " pg_catalog.acldefault('d', d.datdba)::text"
                        + " FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database()",
                rs -> new DatabaseSettings(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        settings)).get(0);
    }

    private static Setting setting(String role, String item, boolean superuserOnly) {
        int eq = item.indexOf('=');
        // pg_dump silently skips an entry without '='; the server never stores one
        String name = eq < 0 ? item : item.substring(0, eq);
        String value = eq < 0 ? "" : item.substring(eq + 1);
        return new Setting(role, name, value, superuserOnly);
    }
}
