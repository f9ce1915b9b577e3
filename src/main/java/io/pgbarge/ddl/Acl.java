package io.pgbarge.ddl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GRANT and REVOKE statements that turn an object's default privileges (acldefault) into the ones it
 * has on the source, as pg_dump does: a NULL acl means the defaults, so nothing is emitted.
 */
public final class Acl {
    private static final Map<Character, String> PRIVILEGES = new LinkedHashMap<>();

    static {
        PRIVILEGES.put('r', "SELECT");
        PRIVILEGES.put('a', "INSERT");
        PRIVILEGES.put('w', "UPDATE");
        PRIVILEGES.put('d', "DELETE");
        PRIVILEGES.put('D', "TRUNCATE");
        PRIVILEGES.put('x', "REFERENCES");
        PRIVILEGES.put('t', "TRIGGER");
        PRIVILEGES.put('m', "MAINTAIN");
        PRIVILEGES.put('X', "EXECUTE");
        PRIVILEGES.put('U', "USAGE");
        PRIVILEGES.put('C', "CREATE");
        PRIVILEGES.put('c', "CONNECT");
        PRIVILEGES.put('T', "TEMPORARY");
        PRIVILEGES.put('s', "SET");
        PRIVILEGES.put('A', "ALTER SYSTEM");
    }

    private Acl() {
    }

    /**
     * @param objectType GRANT's object type: TABLE, SEQUENCE, FUNCTION, PROCEDURE, SCHEMA, TYPE, DOMAIN, …
     * @param identity   the object's SQL identity, e.g. {@code public.t} or {@code public.f(integer)}
     * @param column     a column name for column privileges, else null
     * @param acl        the aclitem[] as text ({@code {bob=r/alice,=X/alice}}), or null for defaults
     * @param defaultAcl acldefault(…) for the object's kind and owner, as text
     * @param objectKey  the dependency key of the object the grants are on
     */
    public static List<Statement> statements(String objectType, String identity, String column, String acl,
                                             String defaultAcl, String objectKey) {
        if (acl == null) {
            return List.of();
        }
        Map<String, Grant> have = parse(acl);
        Map<String, Grant> dflt = parse(defaultAcl == null ? "{}" : defaultAcl);
        String on = " ON " + objectType + " " + identity;
        String cols = column == null ? "" : " (" + Sql.ident(column) + ")";
        String display = objectType + " " + identity + (column == null ? "" : "." + Sql.ident(column));
        List<Statement> out = new ArrayList<>();
        Set<String> grantees = new LinkedHashSet<>(dflt.keySet());
        grantees.addAll(have.keySet());
        for (String grantee : grantees) {
            Grant want = have.getOrDefault(grantee, Grant.NONE);
            Grant was = dflt.getOrDefault(grantee, Grant.NONE);
            Set<Character> revoke = new LinkedHashSet<>(was.privileges);
            revoke.removeAll(want.privileges);
            if (!revoke.isEmpty()) {
                out.add(stmt("REVOKE " + names(revoke, cols) + on + " FROM " + roleSql(grantee), display, grantee, objectKey));
            }
            Set<Character> plain = new LinkedHashSet<>(want.privileges);
            plain.removeAll(want.grantable);
            plain.removeAll(was.privileges);
            if (!plain.isEmpty()) {
                out.add(stmt("GRANT " + names(plain, cols) + on + " TO " + roleSql(grantee), display, grantee, objectKey));
            }
            Set<Character> withOption = new LinkedHashSet<>(want.grantable);
            withOption.removeAll(was.grantable);
            if (!withOption.isEmpty()) {
                out.add(stmt("GRANT " + names(withOption, cols) + on + " TO " + roleSql(grantee) + " WITH GRANT OPTION",
                        display, grantee, objectKey));
            }
        }
        return out;
    }

    private static Statement stmt(String sql, String display, String grantee, String objectKey) {
        Set<String> roles = grantee.isEmpty() ? Set.of() : Set.of(grantee);
        return new Statement("ACL", display, Section.PRE_DATA, sql, Set.of(), Set.of(objectKey), roles, null);
    }

    private static String roleSql(String grantee) {
        return grantee.isEmpty() ? "PUBLIC" : Sql.ident(grantee);
    }

    private static String names(Set<Character> privs, String cols) {
        List<String> n = new ArrayList<>();
        for (Map.Entry<Character, String> e : PRIVILEGES.entrySet()) {
            if (privs.contains(e.getKey())) {
                n.add(e.getValue() + cols);
            }
        }
        return String.join(",", n);
    }

    private record Grant(Set<Character> privileges, Set<Character> grantable) {
        static final Grant NONE = new Grant(Set.of(), Set.of());
    }

    /** Parses aclitem[] text; grants by several grantors to one grantee are merged. */
    static Map<String, Grant> parse(String acl) {
        Map<String, Grant> out = new LinkedHashMap<>();
        for (String item : AclItems.split(acl)) {
            AclItems.Item it = AclItems.parseItem(item);
            Grant g = out.computeIfAbsent(it.grantee(), k -> new Grant(new LinkedHashSet<>(), new LinkedHashSet<>()));
            g.privileges().addAll(it.privileges());
            g.grantable().addAll(it.grantable());
        }
        return out;
    }
}
