package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A tablespace this database uses: the database's default one, or one that holds a table, index or
 * materialized view of it. Only read, never created on the target (that takes a superuser and a
 * directory on the target's machine); see {@code ddl.TablespacePolicy}.
 *
 * @param location        pg_tablespace_location: empty for pg_default and pg_global
 * @param databaseDefault whether it is the source database's default tablespace
 */
public record Tablespace(long oid, String name, String owner, String location, boolean databaseDefault) {

    /** pg_default and pg_global exist on every server. */
    public boolean builtIn() {
        return name.equals("pg_default") || name.equals("pg_global");
    }

    static List<Tablespace> read(Connection c) throws SQLException {
        return CatalogQuery.list(c,
                "SELECT t.oid, t.spcname, pg_catalog.pg_get_userbyid(t.spcowner),"
                        + " pg_catalog.pg_tablespace_location(t.oid), t.oid = d.dattablespace"
                        + " FROM pg_catalog.pg_tablespace t"
                        + " JOIN pg_catalog.pg_database d ON d.datname = pg_catalog.current_database()"
                        + " WHERE t.oid = d.dattablespace"
                        + " OR t.oid IN (SELECT reltablespace FROM pg_catalog.pg_class WHERE reltablespace <> 0 AND NOT relisshared)"
                        + " ORDER BY t.spcname",
                rs -> new Tablespace(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5)));
    }
}
