package io.pgbarge.tables;

import io.pgbarge.catalog.Column;
import io.pgbarge.catalog.ForeignData;
import io.pgbarge.catalog.ForeignTable;
import io.pgbarge.catalog.Policy;
import io.pgbarge.catalog.SecurityLabel;
import io.pgbarge.catalog.ServerInfo;
import io.pgbarge.catalog.Table;
import io.pgbarge.catalog.TableObjects;
import io.pgbarge.catalog.UserMapping;
import io.pgbarge.ddl.DdlContext;
import io.pgbarge.ddl.ForeignDataDdl;
import io.pgbarge.ddl.Section;
import io.pgbarge.ddl.Statement;
import io.pgbarge.ddl.TableObjectsDdl;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL text of what the test servers cannot show: security labels need a label provider that none
 * of them loads. And what the planner relies on: the roles a policy or user mapping names, and that a
 * user mapping's options (a password) stay out of its name, which notes show.
 */
class TableExtrasSqlTest {
    private static final ServerInfo PG17 = new ServerInfo(170000, "17.0", "db", "u", true, "UTF8");
    private static final DdlContext CTX = new DdlContext(PG17, PG17);

    @Test
    void securityLabelsOnTablesAndColumns() {
        Table t = table(20000, "Sales Ünit", "t", 'r', null);
        Table ft = table(20001, "app", "ft", 'f', new ForeignTable(30000, "srv", List.of()));
        List<SecurityLabel> labels = List.of(new SecurityLabel(20000, null, "selinux", "system_u:object_r:sepgsql_table_t:s0"),
                new SecurityLabel(20000, "Full Name", "selinux", "it's"),
                new SecurityLabel(20001, null, "dummy", "classified"));

        List<Statement> out = kind(statements(List.of(t, ft), List.of(), labels, ForeignData.NONE), "SECURITY LABEL");

        assertThat(out).extracting(Statement::sql).containsExactly(
                "SECURITY LABEL FOR selinux ON TABLE \"Sales Ünit\".t IS 'system_u:object_r:sepgsql_table_t:s0'",
                "SECURITY LABEL FOR selinux ON COLUMN \"Sales Ünit\".t.\"Full Name\" IS 'it''s'",
                "SECURITY LABEL FOR dummy ON FOREIGN TABLE app.ft IS 'classified'");
        assertThat(out).allSatisfy(s -> assertThat(s.section()).isEqualTo(Section.PRE_DATA));
        assertThat(out.get(0).requires()).containsExactly("pg_class:20000");
    }

    @Test
    void policiesNameTheirRoles() {
        Table t = table(20000, "app", "t", 'r', null);
        List<Policy> policies = List.of(
                new Policy(40000, 20000, "mine", false, 'w', List.of("Bob", "alice"), "(o = CURRENT_USER)", "(v > 0)", "m"),
                new Policy(40001, 20000, "all", true, '*', List.of(), "true", null, "c"));

        List<Statement> out = kind(statements(List.of(t), policies, List.of(), ForeignData.NONE), "POLICY");

        assertThat(out).extracting(Statement::sql).containsExactly(
                "CREATE POLICY mine ON app.t AS RESTRICTIVE FOR UPDATE TO \"Bob\", alice USING ((o = CURRENT_USER)) WITH CHECK ((v > 0))",
                "CREATE POLICY \"all\" ON app.t USING (true)");
        assertThat(out.get(0).roles()).isEqualTo(Set.of("Bob", "alice"));
        assertThat(out.get(1).roles()).isEmpty();
        assertThat(out.get(0).section()).isEqualTo(Section.POST_DATA);
        assertThat(out.get(0).requires()).contains("data:20000", "pg_class:20000");
        Statement comment = kind(statements(List.of(t), policies, List.of(), ForeignData.NONE), "COMMENT").stream()
                .filter(s -> s.sql().startsWith("COMMENT ON POLICY mine")).findFirst().orElseThrow();
        assertThat(comment.roles()).as("left out with its policy").isEqualTo(Set.of("Bob", "alice"));
    }

    @Test
    void userMappingOptionsStayOutOfItsName() {
        ForeignData fd = new ForeignData(List.of(), List.of(), List.of(
                new UserMapping(50000, 30000, "Remote", "bob", List.of("user=b", "password=s3cret'x")),
                new UserMapping(50001, 30000, "Remote", null, List.of())));

        List<Statement> out = kind(statements(List.of(), List.of(), List.of(), fd), "USER MAPPING");

        assertThat(out).extracting(Statement::sql).containsExactly(
                "CREATE USER MAPPING FOR bob SERVER \"Remote\" OPTIONS (\"user\" 'b', password 's3cret''x')",
                "CREATE USER MAPPING FOR PUBLIC SERVER \"Remote\"");
        assertThat(out).extracting(Statement::name).containsExactly("FOR bob SERVER \"Remote\"", "FOR PUBLIC SERVER \"Remote\"");
        assertThat(out.get(0).roles()).containsExactly("bob");
        assertThat(out.get(1).roles()).isEmpty();
        assertThat(out.get(0).requires()).containsExactly("pg_foreign_server:30000");
    }

    @Test
    void optionValuesMayHoldEqualsSigns() {
        assertThat(ForeignDataDdl.options(List.of("query=a=b", "Odd Name=x\\y")))
                .isEqualTo("OPTIONS (query 'a=b', \"Odd Name\" E'x\\\\y')");
        assertThat(ForeignDataDdl.options(List.of())).isEmpty();
    }

    private static List<Statement> statements(List<Table> tables, List<Policy> policies, List<SecurityLabel> labels,
                                              ForeignData fd) {
        return TableObjectsDdl.statements(new TableObjects(tables, List.of(), List.of(), List.of(), List.of(), policies,
                List.of(), List.of(), labels, fd), CTX);
    }

    private static List<Statement> kind(List<Statement> all, String kind) {
        return all.stream().filter(s -> s.kind().equals(kind)).toList();
    }

    private static Table table(long oid, String schema, String name, char relkind, ForeignTable foreign) {
        Column col = new Column(1, "Full Name", "text", 25, true, false, null, false, '\0', null, '\0', null, null,
                true, 0, null, null, Column.Settings.NONE);
        Table.Details d = new Table.Details(2200, oid + 1, false, null, null, List.of(), List.of(), List.of(), null,
                null, relkind == 'f' ? 'n' : 'd', false, false, foreign);
        return new Table(oid, schema, name, relkind, 'p', "owner", List.of(col), 0, 0, null, null, null, d);
    }
}
