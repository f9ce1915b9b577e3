package io.pgbarge.plan;

import io.pgbarge.ddl.Section;
import io.pgbarge.ddl.Statement;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoleMappingTest {
    private static final RoleMapping MAP = RoleMapping.of(Map.of("alice", "app_owner", "Bob", "reader",
            "carol", "Mixed Case"));

    private static Statement stmt(String kind, String sql, String... roles) {
        return new Statement(kind, "x", Section.PRE_DATA, sql, Set.of(), Set.of(), Set.of(roles), null);
    }

    private static String map(String kind, String sql) {
        return MAP.apply(stmt(kind, sql)).sql();
    }

    @Test
    void ownersGrantsDefaultPrivilegesPoliciesAndRoleSettings() {
        assertThat(map("OWNER", "ALTER TABLE public.alice OWNER TO alice"))
                .isEqualTo("ALTER TABLE public.alice OWNER TO app_owner");
        assertThat(map("OWNER", "ALTER FUNCTION public.f(alice integer) OWNER TO \"Bob\""))
                .isEqualTo("ALTER FUNCTION public.f(alice integer) OWNER TO reader");
        assertThat(map("ACL", "GRANT SELECT ON TABLE alice.t TO alice WITH GRANT OPTION"))
                .isEqualTo("GRANT SELECT ON TABLE alice.t TO app_owner WITH GRANT OPTION");
        assertThat(map("ACL", "REVOKE ALL ON SCHEMA s FROM carol"))
                .isEqualTo("REVOKE ALL ON SCHEMA s FROM \"Mixed Case\"");
        assertThat(map("ACL", "GRANT SELECT (alice) ON TABLE public.t TO PUBLIC"))
                .isEqualTo("GRANT SELECT (alice) ON TABLE public.t TO PUBLIC");
        assertThat(map("DEFAULT ACL", "ALTER DEFAULT PRIVILEGES FOR ROLE alice IN SCHEMA s GRANT SELECT ON TABLES TO \"Bob\", carol"))
                .isEqualTo("ALTER DEFAULT PRIVILEGES FOR ROLE app_owner IN SCHEMA s GRANT SELECT ON TABLES TO reader, \"Mixed Case\"");
        assertThat(map("POLICY", "CREATE POLICY p ON public.t FOR SELECT TO alice, dave USING ((owner = 'alice'::text))"))
                .isEqualTo("CREATE POLICY p ON public.t FOR SELECT TO app_owner, dave USING ((owner = 'alice'::text))");
        assertThat(map("ROLE SETTING", "ALTER ROLE alice IN DATABASE d SET work_mem TO 'alice'"))
                .isEqualTo("ALTER ROLE app_owner IN DATABASE d SET work_mem TO 'alice'");
    }

    @Test
    void literalsBodiesCommentsAndOtherKindsAreNotTouched() {
        assertThat(map("COMMENT", "COMMENT ON TABLE t IS 'OWNER TO alice'")).isEqualTo("COMMENT ON TABLE t IS 'OWNER TO alice'");
        assertThat(map("OWNER", "ALTER TABLE t OWNER TO bob")).isEqualTo("ALTER TABLE t OWNER TO bob");
        assertThat(map("ACL", "GRANT SELECT ON TABLE \"to alice\" TO alice -- TO alice"))
                .isEqualTo("GRANT SELECT ON TABLE \"to alice\" TO app_owner -- TO alice");
        assertThat(map("POLICY", "CREATE POLICY \"TO\" ON t TO PUBLIC USING ($$ TO alice $$ = E'TO \\' alice')"))
                .isEqualTo("CREATE POLICY \"TO\" ON t TO PUBLIC USING ($$ TO alice $$ = E'TO \\' alice')");
        assertThat(map("TABLE", "CREATE TABLE t (owner text) ")).isEqualTo("CREATE TABLE t (owner text) ");
    }

    @Test
    void rolesOfTheStatementAreMapped() {
        Statement s = MAP.apply(stmt("COMMENT", "COMMENT ON POLICY p ON t IS 'x'", "alice", "dave"));
        assertThat(s.roles()).containsExactlyInAnyOrder("app_owner", "dave");
        assertThat(s.sql()).isEqualTo("COMMENT ON POLICY p ON t IS 'x'");
    }

    @Test
    void invalidValuesAreRefusedByName() {
        assertThat(RoleMapping.parse(List.of("a=b", "c=D E")).map("c")).isEqualTo("D E");
        for (String bad : List.of("nobody", "=x", "x=", "=")) {
            assertThatThrownBy(() -> RoleMapping.parse(List.of(bad))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("\"" + bad + "\"");
        }
        assertThatThrownBy(() -> RoleMapping.parse(List.of("a=b", "a=c"))).hasMessageContaining("a=c");
    }

    @Test
    void providerRolesAreLeftOutUnlessMappedOntoByName() {
        List<Statement> in = List.of(stmt("ACL", "GRANT SELECT ON TABLE t TO rds_superuser", "rds_superuser"),
                stmt("ACL", "GRANT SELECT ON TABLE t TO pg_read_all_data", "pg_read_all_data"),
                stmt("ACL", "GRANT SELECT ON TABLE t TO app", "app"));
        ProviderRoles.Result r = ProviderRoles.filter(in, Set.of());
        assertThat(r.statements()).extracting(Statement::sql).containsExactly("GRANT SELECT ON TABLE t TO app");
        assertThat(r.notes()).hasSize(2).anyMatch(n -> n.contains("rds_superuser") && n.contains("acl"));
        assertThat(ProviderRoles.filter(in, Set.of("pg_read_all_data")).statements()).hasSize(2);
    }
}
