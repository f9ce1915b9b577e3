package io.pgbarge.check;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the logins may do: the target login creates every schema and object (CREATE on the database,
 * CREATE and USAGE on schemas that already exist), the source login reads every table and sequence.
 * Extensions, event triggers and subscriptions have their own checks.
 */
public final class PrivilegeCheck implements Check {
    @Override
    public String topic() {
        return "privileges";
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        List<Finding> out = new ArrayList<>();
        ServerFacts t = ctx.targetFacts();
        if (!t.superuser()) {
            out.add(Finding.info("target-not-superuser", List.of("target login " + t.user()),
                    "the target login " + t.user() + " is not a superuser: objects whose owner cannot be set are owned by "
                            + t.user() + ", and what only a superuser may create (event triggers, untrusted extensions,"
                            + " FOR ALL TABLES publications) is left out with a note.",
                    "Nothing to do for a managed target; the findings below name each object concerned."));
        }
        // schemas (with objects) the source has: which the target lacks, which it has
        List<String> sourceSchemas = Queries.strings(ctx.source(), "SELECT n.nspname FROM pg_catalog.pg_namespace n"
                + " WHERE " + Queries.userSchema("n") + " AND (n.oid >= 16384 OR n.nspname = 'public')"
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass"
                + "   AND x.objid = n.oid AND x.deptype = 'e')"
                + " AND (n.nspname <> 'public' OR EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.relnamespace = n.oid)"
                + "   OR EXISTS (SELECT 1 FROM pg_catalog.pg_proc p WHERE p.pronamespace = n.oid)"
                + "   OR EXISTS (SELECT 1 FROM pg_catalog.pg_type y WHERE y.typnamespace = n.oid))"
                + " ORDER BY 1");
        Set<String> targetSchemas = Queries.stringSet(ctx.target(), "SELECT nspname FROM pg_catalog.pg_namespace");
        List<String> toCreate = sourceSchemas.stream().filter(n -> !targetSchemas.contains(n)).toList();
        boolean createOnDb = "t".equals(Queries.scalar(ctx.target(),
                "SELECT pg_catalog.has_database_privilege(current_database(), 'CREATE')"));
        if (!toCreate.isEmpty() && !createOnDb) {
            out.add(Finding.blocker("target-no-create-on-database",
                    toCreate.stream().map(n -> "schema " + n).toList(),
                    "the target login " + t.user() + " lacks CREATE on database " + t.database() + ", so it cannot create "
                            + Queries.count(toCreate.size(), "schema", "schemas") + " of the source ("
                            + Queries.shortList(toCreate, 5) + ").",
                    "As the database owner or a superuser: GRANT CREATE ON DATABASE " + t.database() + " TO " + t.user()
                            + ", or copy into a database this login owns."));
        }
        for (String schema : sourceSchemas) {
            if (!targetSchemas.contains(schema)) {
                continue;
            }
            String ok = Queries.scalar(ctx.target(), "SELECT pg_catalog.has_schema_privilege(n.oid, 'CREATE')"
                    + " AND pg_catalog.has_schema_privilege(n.oid, 'USAGE') FROM pg_catalog.pg_namespace n WHERE n.nspname = ?",
                    schema);
            if (!"t".equals(ok)) {
                out.add(Finding.blocker("target-no-create-on-schema", List.of("schema " + schema),
                        "schema " + schema + " exists on the target, but the login " + t.user()
                                + " lacks CREATE or USAGE on it, so the source's objects in it cannot be created.",
                        "As its owner: GRANT USAGE, CREATE ON SCHEMA " + schema + " TO " + t.user() + "."));
            }
        }
        // the source login must read every table and sequence it copies
        List<String> unreadable = Queries.strings(ctx.source(), "SELECT CASE c.relkind WHEN 'S' THEN 'sequence ' ELSE 'table ' END"
                + " || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname)"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'S') AND " + Queries.userSchema("n") + " AND " + Queries.userObject("pg_class", "c.oid")
                + " AND NOT (pg_catalog.has_schema_privilege(n.oid, 'USAGE') AND pg_catalog.has_table_privilege(c.oid, 'SELECT'))"
                + " ORDER BY 1");
        if (!unreadable.isEmpty()) {
            ServerFacts s = ctx.sourceFacts();
            out.add(Finding.blocker("source-no-select", unreadable,
                    "the source login " + s.user() + " cannot read " + Queries.count(unreadable.size(), "relation", "relations")
                            + " (no SELECT, or no USAGE on the schema): the copy would fail on " + Queries.shortList(unreadable, 3) + ".",
                    "Copy as the owner or a superuser, or grant the login SELECT on them"
                            + (s.atLeast(14) ? " (GRANT pg_read_all_data TO " + s.user() + " covers everything)." : ".")));
        }
        return out;
    }
}
