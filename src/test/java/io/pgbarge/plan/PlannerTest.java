package io.pgbarge.plan;

import io.pgbarge.catalog.Column;
import io.pgbarge.catalog.Dependency;
import io.pgbarge.catalog.Table;
import io.pgbarge.ddl.Keys;
import io.pgbarge.ddl.Section;
import io.pgbarge.ddl.Statement;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PlannerTest {
    private static Statement st(String name, Section section, Set<String> provides, Set<String> requires) {
        return Statement.of("X", name, section, "SELECT 1", provides, requires);
    }

    private static Table table(long oid, long bytes) {
        Column c = new Column(1, "a", "integer", 23, true, false, null, false, '\0', null, '\0', null, null, true, 0,
                null, null, Column.Settings.NONE);
        return new Table(oid, "s", "t" + oid, 'r', 'p', "o", List.of(c), 0, bytes, null, null, null, null);
    }

    @Test
    void ordersPreDataByPgDependAndRequiresWhateverTheGenerationOrder() {
        Statement view = st("view", Section.PRE_DATA, Set.of("pg_class:3", "pg_rewrite:30"), Set.of());
        Statement table = st("table", Section.PRE_DATA, Set.of("pg_class:2"), Set.of("pg_namespace:1"));
        Statement schema = st("schema", Section.PRE_DATA, Set.of("pg_namespace:1"), Set.of());
        Plan plan = Planner.build(List.of(view, table, schema),
                List.of(new Dependency("pg_rewrite:30", "pg_class:2", 'n')), List.of(), r -> true, true);
        assertThat(plan.preData()).extracting(Statement::name).containsExactly("schema", "table", "view");
    }

    @Test
    void aPreDataStatementThatNeedsPostDataWorkMovesToPostData() {
        Statement index = st("pk", Section.POST_DATA, Set.of("pg_constraint:5"), Set.of(Keys.data(2)));
        Statement table = st("table", Section.PRE_DATA, Set.of("pg_class:2"), Set.of());
        Statement view = st("view grouping by pk", Section.PRE_DATA, Set.of("pg_class:3"), Set.of("pg_constraint:5"));
        Plan plan = Planner.build(List.of(table, index, view), List.of(), List.of(table(2, 100)), r -> true, true);
        assertThat(plan.preData()).extracting(Statement::name).containsExactly("table");
        Step viewStep = plan.steps().stream().filter(s -> s.kind() == Step.Kind.SQL
                && s.statement().name().equals("view grouping by pk")).findFirst().orElseThrow();
        assertThat(viewStep.needs()).extracting(Step::describe).containsExactly("x pk");
    }

    @Test
    void indexesWaitForTheirTableAndJumpAheadOfOtherCopies() {
        Statement index = st("idx", Section.POST_DATA, Set.of("pg_class:9"), Set.of(Keys.data(2)));
        Plan plan = Planner.build(List.of(index), List.of(), List.of(table(2, 100), table(3, 1_000_000)), r -> true, true);
        Step copy2 = plan.steps().stream().filter(s -> s.kind() == Step.Kind.COPY && s.table().oid() == 2).findFirst().orElseThrow();
        Step copy3 = plan.steps().stream().filter(s -> s.kind() == Step.Kind.COPY && s.table().oid() == 3).findFirst().orElseThrow();
        Step idx = plan.steps().stream().filter(s -> s.kind() == Step.Kind.SQL).findFirst().orElseThrow();
        assertThat(idx.needs()).containsExactly(copy2);
        assertThat(copy3.priority()).isGreaterThan(copy2.priority());
        assertThat(idx.priority()).isGreaterThan(copy3.priority());
        Step analyze2 = plan.steps().stream().filter(s -> s.kind() == Step.Kind.ANALYZE && s.table().oid() == 2).findFirst().orElseThrow();
        assertThat(analyze2.needs()).contains(copy2, idx);
    }

    @Test
    void aSlicedTableIsTruncatedOnceThenItsSlicesRunAndItsIndexesWaitForEverySlice() {
        Statement index = st("idx", Section.POST_DATA, Set.of("pg_class:9"), Set.of(Keys.data(2)));
        Plan plan = Planner.build(List.of(index), List.of(), List.of(table(2, 1_000_000), table(3, 10)), List.of(),
                TargetRoles.of(r -> true, r -> true), true, true, java.util.Map.of(2L, TableSlice.split(100, 3)));
        List<Step> slices = plan.steps().stream().filter(s -> s.kind() == Step.Kind.COPY && s.table().oid() == 2).toList();
        Step truncate = plan.steps().stream().filter(s -> s.kind() == Step.Kind.SQL
                && s.statement().kind().equals("TRUNCATE")).findFirst().orElseThrow();
        Step idx = plan.steps().stream().filter(s -> s.kind() == Step.Kind.SQL && s.statement().name().equals("idx"))
                .findFirst().orElseThrow();
        Step analyze = plan.steps().stream().filter(s -> s.kind() == Step.Kind.ANALYZE && s.table().oid() == 2)
                .findFirst().orElseThrow();
        assertThat(slices).hasSize(3).allSatisfy(s -> assertThat(s.needs()).containsExactly(truncate));
        assertThat(slices).extracting(Step::slice).extracting(TableSlice::index).containsExactly(0, 1, 2);
        assertThat(idx.needs()).containsExactlyInAnyOrderElementsOf(slices);
        assertThat(analyze.needs()).containsAll(slices).contains(idx);
        assertThat(plan.copySteps()).isEqualTo(2);
        // the big table's slices before the small table's copy
        Step small = plan.steps().stream().filter(s -> s.kind() == Step.Kind.COPY && s.table().oid() == 3).findFirst().orElseThrow();
        assertThat(slices).allSatisfy(s -> assertThat(s.priority()).isGreaterThan(small.priority()));
        // and the small table waits for the TRUNCATE, so that no worker starts it while the slices wait
        assertThat(small.needs()).containsExactly(truncate);
    }

    @Test
    void aGinIndexStartsBeforeTheBtreesOfTheSameTable() {
        Statement btree = new Statement("INDEX", "s.t2_a", Section.POST_DATA, "CREATE INDEX t2_a ON s.t2 USING btree (a)",
                Set.of("pg_class:8"), Set.of(Keys.data(2)), Set.of(), null);
        Statement gin = new Statement("INDEX", "s.t2_doc", Section.POST_DATA, "CREATE INDEX t2_doc ON s.t2 USING gin (doc)",
                Set.of("pg_class:9"), Set.of(Keys.data(2)), Set.of(), null);
        Plan plan = Planner.build(List.of(btree, gin), List.of(), List.of(table(2, 1000)), r -> true, true);
        Step b = plan.steps().stream().filter(s -> s.kind() == Step.Kind.SQL && s.statement() == btree).findFirst().orElseThrow();
        Step g = plan.steps().stream().filter(s -> s.kind() == Step.Kind.SQL && s.statement() == gin).findFirst().orElseThrow();
        assertThat(g.priority()).isGreaterThan(b.priority());
    }

    @Test
    void aTablesConstraintsWaitForAllItsIndexBuildsSoThatNoWorkerBlocksOnTheirLock() {
        Statement pk = new Statement("INDEX", "s.t2_pkey", Section.POST_DATA, "CREATE UNIQUE INDEX t2_pkey ON s.t2 USING btree (a)",
                Set.of("pg_class:8"), Set.of(Keys.data(2)), Set.of(), null);
        Statement gin = new Statement("INDEX", "s.t2_doc", Section.POST_DATA, "CREATE INDEX t2_doc ON s.t2 USING gin (doc)",
                Set.of("pg_class:9"), Set.of(Keys.data(2)), Set.of(), null);
        Statement con = st("pk constraint", Section.POST_DATA, Set.of("pg_constraint:10"), Set.of(Keys.data(2), "pg_class:8"));
        Statement other = st("other table's constraint", Section.POST_DATA, Set.of("pg_constraint:11"), Set.of(Keys.data(3)));
        Plan plan = Planner.build(List.of(pk, gin, con, other), List.of(), List.of(table(2, 1000), table(3, 10)), r -> true, true);
        Step g = plan.steps().stream().filter(s -> s.kind() == Step.Kind.SQL && s.statement() == gin).findFirst().orElseThrow();
        Step p = plan.steps().stream().filter(s -> s.kind() == Step.Kind.SQL && s.statement() == pk).findFirst().orElseThrow();
        Step c = plan.steps().stream().filter(s -> s.kind() == Step.Kind.SQL && s.statement() == con).findFirst().orElseThrow();
        Step o = plan.steps().stream().filter(s -> s.kind() == Step.Kind.SQL && s.statement() == other).findFirst().orElseThrow();
        assertThat(c.needs()).contains(g, p);
        assertThat(o.needs()).doesNotContain(g, p);
    }

    /** The same for a restore, whose rows are data tasks: the constraint waited for the GIN build's lock. */
    @Test
    void aRestoredTablesConstraintsWaitForAllItsIndexBuildsToo() {
        Statement table = Statement.of("TABLE", "s.t1", Section.PRE_DATA, "CREATE TABLE s.t1 ()", Set.of("dump:1"), Set.of());
        Statement pk = new Statement("INDEX", "s.t1_pkey", Section.POST_DATA, "CREATE UNIQUE INDEX t1_pkey ON s.t1 USING btree (a)",
                Set.of("dump:20"), Set.of("dump:1", "dump:10"), Set.of(), null);
        Statement gin = new Statement("INDEX", "s.t1_doc", Section.POST_DATA, "CREATE INDEX t1_doc ON s.t1 USING gin (doc)",
                Set.of("dump:21"), Set.of("dump:1", "dump:10"), Set.of(), null);
        Statement con = Statement.of("CONSTRAINT", "s.t1 t1_pkey", Section.POST_DATA, "ALTER TABLE ONLY s.t1 ADD …",
                Set.of("dump:22"), Set.of("dump:1", "dump:10", "dump:20"));
        DataTask data = new DataTask("data of s.t1", "dump:10", 10_000_000, "payload", null);
        Plan plan = Planner.build(List.of(table, pk, gin, con), List.of(), List.of(), List.of(data),
                TargetRoles.of(r -> true, r -> true), true, false);
        Step g = plan.steps().stream().filter(s -> s.statement() == gin).findFirst().orElseThrow();
        Step p = plan.steps().stream().filter(s -> s.statement() == pk).findFirst().orElseThrow();
        Step c = plan.steps().stream().filter(s -> s.statement() == con).findFirst().orElseThrow();
        assertThat(c.needs()).contains(g, p);
        assertThat(g.needs()).extracting(Step::task).containsExactly(data);
    }

    @Test
    void aMaterializedViewIsRefreshedAfterTheRowsOfEveryTableItReadsEvenThroughViews() {
        Statement t = st("table", Section.PRE_DATA, Set.of("pg_class:2"), Set.of());
        Statement v = st("view", Section.PRE_DATA, Set.of("pg_class:3", "pg_rewrite:30"), Set.of());
        Statement m = st("matview", Section.PRE_DATA, Set.of("pg_class:4", "pg_rewrite:40"), Set.of());
        Statement refresh = new Statement("MATERIALIZED VIEW DATA", "matview", Section.POST_DATA, "REFRESH",
                Set.of(Keys.data(4)), Set.of(), Set.of(), null);
        Plan plan = Planner.build(List.of(t, v, m, refresh),
                List.of(new Dependency("pg_rewrite:30", "pg_class:2", 'n'), new Dependency("pg_rewrite:40", "pg_class:3", 'n')),
                List.of(table(2, 10)), r -> true, true);
        Step r = plan.steps().stream().filter(s -> s.kind() == Step.Kind.SQL).findFirst().orElseThrow();
        assertThat(r.needs()).extracting(Step::kind).containsExactly(Step.Kind.COPY);
    }

    @Test
    void statementsNamingMissingRolesAreLeftOutWithOneNotePerRoleAndKind() {
        Statement table = st("table", Section.PRE_DATA, Set.of("pg_class:2"), Set.of());
        Statement g1 = new Statement("ACL", "TABLE s.a", Section.PRE_DATA, "GRANT", Set.of(), Set.of(), Set.of("bob"), null);
        Statement g2 = new Statement("ACL", "TABLE s.b", Section.PRE_DATA, "GRANT", Set.of(), Set.of(), Set.of("bob"), null);
        Statement own = new Statement("OWNER", "TABLE s.a", Section.PRE_DATA, "ALTER", Set.of(), Set.of(), Set.of("alice"), null);
        Plan plan = Planner.build(List.of(table, g1, g2, own), List.of(), List.of(), r -> r.equals("alice"), true);
        assertThat(plan.preData()).extracting(Statement::kind).containsExactly("X", "OWNER");
        assertThat(plan.notes()).containsExactly(
                "role bob does not exist on the target: 2 grants left out (TABLE s.a, TABLE s.b)");
    }

    @Test
    void aDependencyCycleIsBrokenWithANoteInsteadOfHanging() {
        Statement a = st("a", Section.PRE_DATA, Set.of("pg_class:1"), Set.of("pg_class:2"));
        Statement b = st("b", Section.PRE_DATA, Set.of("pg_class:2"), Set.of("pg_class:1"));
        Plan plan = Planner.build(List.of(a, b), List.of(), List.of(), r -> true, true);
        assertThat(plan.preData()).hasSize(2);
        assertThat(plan.notes()).anyMatch(n -> n.contains("cycle"));
    }

    private static Plan loadPlan(List<Statement> statements, List<Table> tables, java.util.function.Predicate<Table> create) {
        return Planner.build(statements, List.of(), tables, List.of(), TargetRoles.of(r -> true, r -> true), true, true,
                java.util.Map.of(), t -> true, create);
    }

    private static Step loadOf(Plan plan, long oid) {
        return plan.steps().stream().filter(s -> s.isLoad() && s.table().oid() == oid).findFirst().orElseThrow();
    }

    @Test
    void aSmallTableIsCreatedInItsLoadStepWithWhatDecoratesItAndWhatNeedsItWaitsForThatStep() {
        Statement schema = Statement.of("SCHEMA", "s", Section.PRE_DATA, "CREATE SCHEMA s", Set.of("pg_namespace:1"), Set.of());
        Statement table = Statement.of("TABLE", "s.t2", Section.PRE_DATA, "CREATE TABLE s.t2 ()", Set.of("pg_class:2"),
                Set.of("pg_namespace:1"));
        Statement comment = Statement.of("COMMENT", "TABLE s.t2", Section.PRE_DATA, "COMMENT ON TABLE s.t2 IS 'x'",
                Set.of(), Set.of("pg_class:2"));
        Statement index = Statement.of("INDEX", "s.i", Section.POST_DATA, "CREATE INDEX i ON s.t2 (a)", Set.of("pg_class:9"),
                Set.of("pg_class:2", Keys.data(2)));
        Statement trigger = Statement.of("TRIGGER", "tr ON s.t2", Section.POST_DATA, "CREATE TRIGGER tr …",
                Set.of("pg_trigger:7"), Set.of("pg_class:2"));
        Plan plan = loadPlan(List.of(schema, table, comment, index, trigger), List.of(table(2, 100)), t -> true);
        assertThat(plan.preData()).containsExactly(schema);
        Step load = loadOf(plan, 2);
        assertThat(load.before()).containsExactly(table, comment);
        assertThat(load.after()).containsExactly(index);
        Step triggerStep = plan.steps().stream().filter(s -> s.kind() == Step.Kind.SQL && s.statement() == trigger)
                .findFirst().orElseThrow();
        assertThat(triggerStep.needs()).containsExactly(load);
    }

    /**
     * A restore's TABLE DATA entry marked as a load: keys are the archive's dump ids, the rows a data
     * task's key; its own index and constraint go into the task's step (the foreign key to another
     * loaded table stays a step of its own, needing both loads), its CREATE TABLE and comment too,
     * and a task without a creator key keeps its table in pre-data.
     */
    @Test
    void aRestoresSmallTableDataTaskBecomesALoadStepThatCreatesItsTableAndBuildsItsIndexes() {
        Statement t1 = Statement.of("TABLE", "s.t1", Section.PRE_DATA, "CREATE TABLE s.t1 ()", Set.of("dump:1"), Set.of());
        Statement comment = Statement.of("COMMENT", "TABLE s.t1", Section.PRE_DATA, "COMMENT ON TABLE s.t1 IS 'x'",
                Set.of("dump:3"), Set.of("dump:1"));
        Statement t2 = Statement.of("TABLE", "s.t2", Section.PRE_DATA, "CREATE TABLE s.t2 ()", Set.of("dump:2"), Set.of());
        Statement pk1 = Statement.of("CONSTRAINT", "s.t1 t1_pkey", Section.POST_DATA, "ALTER TABLE ONLY s.t1 ADD …",
                Set.of("dump:20"), Set.of("dump:1", "dump:10"));
        Statement pk2 = Statement.of("CONSTRAINT", "s.t2 t2_pkey", Section.POST_DATA, "ALTER TABLE ONLY s.t2 ADD …",
                Set.of("dump:21"), Set.of("dump:2", "dump:11"));
        Statement fk = Statement.of("FK CONSTRAINT", "s.t2 t2_fk", Section.POST_DATA, "ALTER TABLE ONLY s.t2 ADD …",
                Set.of("dump:22"), Set.of("dump:2", "dump:20", "dump:11"));
        DataTask data1 = new DataTask("data of s.t1", "dump:10", 100, "payload 1", new DataTask.Load("dump:1"));
        DataTask data2 = new DataTask("data of s.t2", "dump:11", 100, "payload 2", new DataTask.Load(null));
        Plan plan = Planner.build(List.of(t1, comment, t2, pk1, pk2, fk), List.of(), List.of(), List.of(data1, data2),
                TargetRoles.of(r -> true, r -> true), true, false);
        assertThat(plan.preData()).containsExactly(t2);
        Step load1 = plan.steps().stream().filter(s -> s.task() == data1).findFirst().orElseThrow();
        Step load2 = plan.steps().stream().filter(s -> s.task() == data2).findFirst().orElseThrow();
        assertThat(load1.isLoad()).isTrue();
        assertThat(load1.kind()).isEqualTo(Step.Kind.TASK);
        assertThat(load1.before()).containsExactly(t1, comment);
        assertThat(load1.after()).containsExactly(pk1);
        assertThat(load2.before()).isEmpty();
        assertThat(load2.after()).containsExactly(pk2);
        Step fkStep = plan.steps().stream().filter(s -> s.statement() == fk).findFirst().orElseThrow();
        assertThat(fkStep.needs()).containsExactlyInAnyOrder(load1, load2);
        assertThat(plan.steps()).hasSize(3);
    }

    @Test
    void aTableThatAPreDataObjectNeedsOrThatExistsOnTheTargetIsCreatedInPreData() {
        Statement t2 = Statement.of("TABLE", "s.t2", Section.PRE_DATA, "CREATE TABLE s.t2 ()", Set.of("pg_class:2"), Set.of());
        Statement view = Statement.of("VIEW", "s.v", Section.PRE_DATA, "CREATE VIEW s.v AS …", Set.of("pg_class:5"),
                Set.of("pg_class:2"));
        Statement t3 = Statement.of("TABLE", "s.t3", Section.PRE_DATA, "CREATE TABLE s.t3 ()", Set.of("pg_class:3"), Set.of());
        Statement t4 = Statement.of("TABLE", "s.t4", Section.PRE_DATA, "CREATE TABLE s.t4 ()", Set.of("pg_class:4"), Set.of());
        Plan plan = loadPlan(List.of(t2, view, t3, t4), List.of(table(2, 100), table(3, 100), table(4, 100)),
                t -> t.oid() != 3);
        assertThat(plan.preData()).containsExactly(t2, view, t3);
        assertThat(loadOf(plan, 2).before()).isEmpty();
        assertThat(loadOf(plan, 3).before()).isEmpty();
        assertThat(loadOf(plan, 4).before()).containsExactly(t4);
    }

    @Test
    void twoTablesThatOneStatementNamesStayInPreData() {
        Statement t2 = Statement.of("TABLE", "s.t2", Section.PRE_DATA, "CREATE TABLE s.t2 ()", Set.of("pg_class:2"), Set.of());
        Statement t3 = Statement.of("TABLE", "s.t3", Section.PRE_DATA, "CREATE TABLE s.t3 ()", Set.of("pg_class:3"), Set.of());
        Statement both = Statement.of("ACL", "s.t2 s.t3", Section.PRE_DATA, "GRANT …", Set.of(),
                Set.of("pg_class:2", "pg_class:3"));
        Plan plan = loadPlan(List.of(t2, t3, both), List.of(table(2, 100), table(3, 100)), t -> true);
        assertThat(plan.preData()).containsExactly(t2, t3, both);
        assertThat(plan.steps()).filteredOn(Step::isLoad).hasSize(2).allSatisfy(s -> assertThat(s.before()).isEmpty());
    }

    @Test
    void defaultPrivilegesComeAfterEverythingElseSoThatNoCreatedObjectGetsThem() {
        Statement table = Statement.of("TABLE", "s.t2", Section.PRE_DATA, "CREATE TABLE s.t2 ()", Set.of("pg_class:2"), Set.of());
        Statement defaults = Statement.of("DEFAULT ACL", "SCHEMA s TABLES", Section.POST_DATA,
                "ALTER DEFAULT PRIVILEGES IN SCHEMA s GRANT SELECT ON TABLES TO r", Set.of(), Set.of());
        Statement index = Statement.of("INDEX", "s.i", Section.POST_DATA, "CREATE INDEX i ON s.t2 (a)", Set.of("pg_class:9"),
                Set.of("pg_class:2", Keys.data(2)));
        Plan plan = loadPlan(List.of(table, defaults, index), List.of(table(2, 100), table(3, 100)), t -> true);
        Step last = plan.steps().stream().filter(s -> s.kind() == Step.Kind.SQL && s.statement() == defaults)
                .findFirst().orElseThrow();
        assertThat(last.needs()).containsExactlyInAnyOrderElementsOf(plan.steps().stream().filter(s -> s != last).toList())
                .anySatisfy(s -> assertThat(s.before()).containsExactly(table));
    }
}
