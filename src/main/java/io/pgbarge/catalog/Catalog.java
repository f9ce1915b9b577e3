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
        SchemaObjects objects = SchemaObjects.read(c, server);
        return new Catalog(server, objects, TypeSystemObjects.read(c, server),
                TableObjects.read(c, server), DatabaseObjects.read(c, server),
                DefaultPrivilege.read(c), RelationTablespaces.read(c),
                withoutShellCycles(Dependency.read(c), objects.baseTypes()));
    }

    /**
     * A base type and its I/O functions depend on each other; the DDL breaks the cycle with a shell
     * type, so the edges between them must not order the statements.
     */
    private static List<Dependency> withoutShellCycles(List<Dependency> deps, List<BaseType> types) {
        if (types.isEmpty()) {
            return deps;
        }
        java.util.Set<String> pairs = new java.util.HashSet<>();
        for (BaseType t : types) {
            String type = io.pgbarge.ddl.Keys.type(t.header().oid());
            for (long f : t.supportFunctions()) {
                String func = io.pgbarge.ddl.Keys.proc(f);
                pairs.add(type + ">" + func);
                pairs.add(func + ">" + type);
            }
        }
        return deps.stream().filter(d -> !pairs.contains(d.from() + ">" + d.to())).toList();
    }
}
