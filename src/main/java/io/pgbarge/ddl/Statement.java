package io.pgbarge.ddl;

import java.util.Objects;
import java.util.Set;

/**
 * One SQL statement that recreates an object or a part of one, with the dependency keys it provides
 * and requires (see {@link Keys}). The planner orders statements by these keys and pg_depend.
 *
 * @param kind     what it is, in pg_dump's words: "TABLE", "INDEX", "FK CONSTRAINT", "COMMENT", "ACL", …
 * @param name     the object for people: {@code public."my table"}, {@code public.f(integer)}
 * @param section  pg_dump's section
 * @param sql      one SQL statement, without a trailing semicolon
 * @param provides keys this statement creates; only the statement that creates an object provides it
 * @param requires keys that must exist first (other objects, or {@code data:<oid>} for a table's rows)
 * @param roles    roles the statement names (owners, grantees); skipped when one is missing on the target
 * @param creates  what it creates, for the conflict check and --clean; null for ALTER/COMMENT/GRANT…
 */
public record Statement(String kind, String name, Section section, String sql,
                        Set<String> provides, Set<String> requires, Set<String> roles, Created creates) {

    public Statement {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(name);
        Objects.requireNonNull(section);
        Objects.requireNonNull(sql);
        provides = Set.copyOf(provides);
        requires = Set.copyOf(requires);
        roles = Set.copyOf(roles);
    }

    public static Statement of(String kind, String name, Section section, String sql,
                               Set<String> provides, Set<String> requires) {
        return new Statement(kind, name, section, sql, provides, requires, Set.of(), null);
    }

    public Statement withSection(Section s) {
        return new Statement(kind, name, s, sql, provides, requires, roles, creates);
    }

    public Statement withRoles(Set<String> r) {
        return new Statement(kind, name, section, sql, provides, requires, r, creates);
    }

    public Statement withCreates(Created c) {
        return new Statement(kind, name, section, sql, provides, requires, roles, c);
    }

    /**
     * A named object the statement creates: how to find it on the target and how to drop it.
     *
     * @param objectType SQL object type as in DROP: SCHEMA, EXTENSION, TYPE, DOMAIN, FUNCTION, PROCEDURE,
     *                   AGGREGATE, SEQUENCE, TABLE, VIEW, MATERIALIZED VIEW, INDEX
     * @param identity   the SQL identity used in DROP: {@code public."T"} or {@code public.f(integer)}
     * @param lookup     a SQL expression that is non-null when the object exists on the target,
     *                   e.g. {@code to_regclass('public."T"')}
     */
    public record Created(String objectType, String identity, String lookup) {
        public String dropSql() {
            return "DROP " + objectType + " IF EXISTS " + identity + " CASCADE";
        }
    }
}
