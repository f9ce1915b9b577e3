package io.pgbarge.check;

import java.sql.SQLException;
import java.util.List;

/**
 * Tables with row-level security that the source login reads through their policies: not a
 * superuser, not BYPASSRLS, and not the owner (or the owner, under FORCE ROW LEVEL SECURITY). A copy
 * would silently miss the rows the policies hide.
 */
public final class RowSecurityCheck implements Check {
    @Override
    public String topic() {
        return "row-level security";
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        ServerFacts s = ctx.sourceFacts();
        if (s.superuser() || s.bypassRls()) {
            return List.of();
        }
        List<String> tables = Queries.strings(ctx.source(), "SELECT 'table ' || pg_catalog.quote_ident(n.nspname) || '.'"
                + " || pg_catalog.quote_ident(c.relname) || CASE WHEN c.relforcerowsecurity THEN ' (FORCE)' ELSE '' END"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind = 'r' AND c.relrowsecurity AND " + Queries.userSchema("n")
                + " AND (c.relforcerowsecurity OR c.relowner <> (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = current_user))"
                + " ORDER BY 1");
        if (tables.isEmpty()) {
            return List.of();
        }
        return List.of(Finding.blocker("row-security-applies", tables,
                "row-level security is enabled on " + Queries.count(tables.size(), "table", "tables") + " and the source login "
                        + s.user() + " does not bypass it (not a superuser, not BYPASSRLS, not the owner): the copy would"
                        + " silently miss the rows its policies hide (" + Queries.shortList(tables, 3) + ").",
                "Copy with a login that has BYPASSRLS (ALTER ROLE " + s.user() + " BYPASSRLS, as a superuser) or with the"
                        + " tables' owner (without FORCE ROW LEVEL SECURITY)."));
    }
}
