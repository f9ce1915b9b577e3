package io.pgbarge.catalog;

/** The parts of the function and aggregate readers' queries that they share. */
final class FunctionQuery {
    private FunctionQuery() {
    }

    static final String HEADER = ObjectHeader.columns("p.oid", "n.nspname", "p.proname", "p.proowner", "pg_proc",
            "p.proacl", 'f');

    /**
     * identity_args: as ALTER, COMMENT and DROP name it ({@code a integer, OUT b text});
     * arg_types: only the input types, as regprocedure and GRANT take them ({@code integer}).
     */
    static final String ARGS = "pg_catalog.pg_get_function_identity_arguments(p.oid) AS identity_args,"
            + " (SELECT pg_catalog.string_agg(pg_catalog.format_type(a.t, NULL), ', ' ORDER BY a.i)"
            + " FROM pg_catalog.unnest(p.proargtypes::pg_catalog.oid[]) WITH ORDINALITY AS a(t, i)) AS arg_types";

    static final String FROM = "pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace";

    /** Also leaves out functions made by another object: a range type's constructors (deptype 'i'). */
    static final String WHERE = CatalogQuery.userSchema("n") + " AND " + CatalogQuery.userObject("pg_proc", "p.oid")
            + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i"
            + " WHERE i.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND i.objid = p.oid AND i.deptype = 'i')";
}
