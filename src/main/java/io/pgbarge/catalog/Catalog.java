package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Everything pgbarge knows about the source database, read in one snapshot; immutable and safe to
 * share between workers.
 */
public record Catalog(ServerInfo server, SchemaObjects objects, TypeSystemObjects typeSystem, TableObjects tables,
                      DatabaseObjects database, List<DefaultPrivilege> defaultPrivileges,
                      java.util.Map<Long, String> relationTablespaces, List<Dependency> dependencies) {

    /** Reads the whole catalog; the connection should already be inside the exported snapshot. */
    public static Catalog read(Connection c) throws SQLException {
        ServerInfo server = ServerInfo.read(c);
        return new Catalog(server, SchemaObjects.read(c, server), TypeSystemObjects.read(c, server),
                TableObjects.read(c, server), DatabaseObjects.read(c, server),
                DefaultPrivilege.read(c), RelationTablespaces.read(c), Dependency.read(c));
    }
}
