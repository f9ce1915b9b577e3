package io.pgbarge.catalog;

/** The parts of the type readers' queries that all user-defined types share. */
final class TypeQuery {
    private TypeQuery() {
    }

    static final String HEADER = ObjectHeader.columns("t.oid", "n.nspname", "t.typname", "t.typowner", "pg_type",
            "t.typacl", 'T');

    static final String FROM = "pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace";

    static final String WHERE = CatalogQuery.userSchema("n") + " AND " + CatalogQuery.userObject("pg_type", "t.oid");

    /** The schema-qualified, quoted name of the collation whose OID the expression gives. */
    static String collationName(String oidExpr) {
        return "(SELECT pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname)"
                + " FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace"
                + " WHERE co.oid = " + oidExpr + ")";
    }
}
