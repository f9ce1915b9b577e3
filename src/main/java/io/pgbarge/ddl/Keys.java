package io.pgbarge.ddl;

/**
 * Dependency keys shared by the catalog, the DDL generators and the planner. An object is keyed the
 * way pg_depend names it, by its catalog and OID ({@code pg_class:16384}); sub-objects (columns) are
 * keyed by their parent. A table's loaded rows are {@code data:<table oid>}.
 */
public final class Keys {
    private Keys() {
    }

    public static String of(String catalog, long oid) {
        return catalog + ":" + oid;
    }

    public static String rel(long oid) {
        return of("pg_class", oid);
    }

    public static String type(long oid) {
        return of("pg_type", oid);
    }

    public static String proc(long oid) {
        return of("pg_proc", oid);
    }

    public static String namespace(long oid) {
        return of("pg_namespace", oid);
    }

    public static String constraint(long oid) {
        return of("pg_constraint", oid);
    }

    public static String data(long tableOid) {
        return "data:" + tableOid;
    }

    public static boolean isData(String key) {
        return key.startsWith("data:");
    }

    public static long oid(String key) {
        return Long.parseLong(key.substring(key.indexOf(':') + 1));
    }
}
