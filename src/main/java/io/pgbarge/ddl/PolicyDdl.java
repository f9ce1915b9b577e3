package io.pgbarge.ddl;

import io.pgbarge.catalog.Policy;
import io.pgbarge.catalog.Table;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Row-level security: ENABLE / FORCE ROW LEVEL SECURITY on a table, and its policies with their comments. */
final class PolicyDdl {
    private PolicyDdl() {
    }

    /**
     * ENABLE and FORCE after the table's rows are in, as pg_dump puts them in post-data. ENABLE does not
     * bind the owner or a superuser, but the loading login is not always the owner: the owner may be
     * an existing target role the login merely belongs to, and COPY FROM into a table whose policies
     * apply to the login fails ("COPY FROM not supported with row-level security"). FORCE binds the
     * owner too, so even an owner's COPY would then reject the rows the policies do not admit.
     */
    static List<Statement> rowSecurity(Table t, TableSet set) {
        List<Statement> out = new ArrayList<>();
        Set<String> requires = afterData(t.oid(), set);
        if (t.details().rowSecurity()) {
            out.add(Statement.of("ROW SECURITY", t.qualifiedName(), Section.POST_DATA,
                    "ALTER TABLE ONLY " + t.qualifiedName() + " ENABLE ROW LEVEL SECURITY", Set.of(), requires));
        }
        if (t.details().forceRowSecurity()) {
            out.add(Statement.of("ROW SECURITY", t.qualifiedName(), Section.POST_DATA,
                    "ALTER TABLE ONLY " + t.qualifiedName() + " FORCE ROW LEVEL SECURITY", Set.of(), requires));
        }
        return out;
    }

    /**
     * CREATE POLICY in post-data, as pg_dump does, after the rows (it takes the table's strongest lock,
     * which would wait on the COPY anyway). The roles it names go in {@code roles}: a policy for a role
     * the target lacks is left out with a note rather than failing. TO PUBLIC is the default and needs none.
     */
    static List<Statement> statements(Policy p, Table t, TableSet set) {
        String name = Sql.ident(p.name()) + " ON " + t.qualifiedName();
        String key = Keys.of("pg_policy", p.oid());
        StringBuilder sql = new StringBuilder("CREATE POLICY ").append(name);
        if (!p.permissive()) {
            sql.append(" AS RESTRICTIVE");
        }
        String command = command(p.command());
        if (command != null) {
            sql.append(" FOR ").append(command);
        }
        if (!p.roles().isEmpty()) {
            sql.append(" TO ").append(p.roles().stream().map(Sql::ident).collect(Collectors.joining(", ")));
        }
        if (p.using() != null) {
            sql.append(" USING (").append(p.using()).append(')');
        }
        if (p.withCheck() != null) {
            sql.append(" WITH CHECK (").append(p.withCheck()).append(')');
        }
        List<Statement> out = new ArrayList<>();
        out.add(new Statement("POLICY", name, Section.POST_DATA, sql.toString(), Set.of(key), afterData(t.oid(), set),
                Set.copyOf(p.roles()), null));
        if (p.comment() != null) {
            // the same roles: when the policy is left out, so is its comment
            out.add(Statement.of("COMMENT", "POLICY " + name, Section.POST_DATA,
                    "COMMENT ON POLICY " + name + " IS " + Sql.literal(p.comment()), Set.of(), Set.of(key))
                    .withRoles(Set.copyOf(p.roles())));
        }
        return out;
    }

    /** polcmd as CREATE POLICY's FOR clause; null for '*' (ALL, the default). */
    static String command(char polcmd) {
        return switch (polcmd) {
            case 'r' -> "SELECT";
            case 'a' -> "INSERT";
            case 'w' -> "UPDATE";
            case 'd' -> "DELETE";
            default -> null;
        };
    }

    private static Set<String> afterData(long tableOid, TableSet set) {
        Set<String> requires = new LinkedHashSet<>(set.dataKeys(tableOid));
        requires.add(Keys.rel(tableOid));
        return requires;
    }
}
