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
        return read(c, null);
    }

    /**
     * @param helper a second session in the same snapshot (null: none): it reads the tables, columns and
     *               indexes while {@code c} reads the rest, which on thousands of tables halves the time
     *               the copy waits for its catalog
     */
    public static Catalog read(Connection c, Connection helper) throws SQLException {
        ServerInfo server = ServerInfo.read(c);
        java.util.concurrent.CompletableFuture<TableObjects.Largest> largest = new java.util.concurrent.CompletableFuture<>();
        if (helper != null) {
            Thread t = new Thread(() -> {
                try {
                    largest.complete(TableObjects.readLargest(helper, server));
                } catch (Throwable e) {
                    largest.completeExceptionally(e);
                }
            }, "pgbarge-catalog");
            t.setDaemon(true);
            t.start();
        }
        // the tables come last on this session: by then the helper has (nearly) read them
        DatabaseObjects database = DatabaseObjects.read(c, server);
        List<DefaultPrivilege> privileges = DefaultPrivilege.read(c);
        java.util.Map<Long, String> tablespaces = RelationTablespaces.read(c);
        List<Dependency> dependencies = Dependency.read(c);
        SchemaObjects objects = SchemaObjects.read(c, server);
        TypeSystemObjects types = TypeSystemObjects.read(c, server);
        TableObjects tables = TableObjects.read(c, server,
                () -> helper == null ? TableObjects.readLargest(c, server) : join(largest));
        return new Catalog(server, objects, types, tables, database, privileges, tablespaces,
                withoutShellCycles(dependencies, objects.baseTypes()));
    }

    private static TableObjects.Largest join(java.util.concurrent.CompletableFuture<TableObjects.Largest> f)
            throws SQLException {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof SQLException s) {
                throw s;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
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
