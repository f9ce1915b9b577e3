package io.pgbarge.schemaobjects;

import io.pgbarge.catalog.Aggregate;
import io.pgbarge.catalog.EnumType;
import io.pgbarge.catalog.Function;
import io.pgbarge.catalog.ObjectHeader;
import io.pgbarge.catalog.RangeType;
import io.pgbarge.catalog.Schema;
import io.pgbarge.catalog.Sequence;
import io.pgbarge.catalog.ServerInfo;
import io.pgbarge.catalog.View;
import io.pgbarge.ddl.AggregateDdl;
import io.pgbarge.ddl.DdlContext;
import io.pgbarge.ddl.FunctionDdl;
import io.pgbarge.ddl.SchemaDdl;
import io.pgbarge.ddl.Section;
import io.pgbarge.ddl.SequenceDdl;
import io.pgbarge.ddl.Statement;
import io.pgbarge.ddl.TypeDdl;
import io.pgbarge.ddl.ViewDdl;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The SQL text generated for awkward names, without a server. */
class SchemaObjectsSqlTest {
    private static final DdlContext PG17 = context(17);

    private static DdlContext context(int major) {
        ServerInfo s = new ServerInfo(major * 10000, major + ".0", "db", "me", true, "UTF8");
        return new DdlContext(s, s);
    }

    private static ObjectHeader header(String schema, String name) {
        return new ObjectHeader(16400, schema, name, "Ünï Owner", null, null, "{}");
    }

    @Test
    void schemaNamesAreQuotedInTheStatementAndInTheLookup() {
        List<Statement> st = SchemaDdl.statements(new Schema(new ObjectHeader(16400, null, "My \"Schema\"", "bob",
                "it's", null, "{bob=UC/bob}")), PG17);
        assertThat(st.get(0).sql()).isEqualTo("CREATE SCHEMA \"My \"\"Schema\"\"\"");
        assertThat(st.get(0).creates().lookup()).isEqualTo("pg_catalog.to_regnamespace('\"My \"\"Schema\"\"\"')");
        assertThat(st.get(0).provides()).containsExactly("pg_namespace:16400");
        assertThat(st).extracting(Statement::sql).contains(
                "ALTER SCHEMA \"My \"\"Schema\"\"\" OWNER TO bob",
                "COMMENT ON SCHEMA \"My \"\"Schema\"\"\" IS 'it''s'");
    }

    @Test
    void publicIsNotCreatedAndItsGrantsStartFromWhatTheTargetVersionGives() {
        Schema pub = new Schema(new ObjectHeader(2200, null, "public", "alice", null,
                "{alice=UC/alice,=UC/alice}", "{alice=UC/alice}"));
        List<Statement> on17 = SchemaDdl.statements(pub, PG17);
        assertThat(on17).allMatch(s -> s.creates() == null);
        assertThat(on17).extracting(Statement::sql).containsExactly(
                "ALTER SCHEMA public OWNER TO alice",
                "COMMENT ON SCHEMA public IS NULL",
                "GRANT CREATE ON SCHEMA public TO PUBLIC");
        assertThat(SchemaDdl.statements(pub, context(13))).extracting(Statement::sql).containsExactly(
                "ALTER SCHEMA public OWNER TO alice",
                "COMMENT ON SCHEMA public IS NULL");
    }

    @Test
    void enumLabelsAndNamesAreQuoted() {
        EnumType t = new EnumType(header("bıgınt", "Mood \"x\""), 16401, List.of("it's", "a\\b", "bıgınt"));
        List<Statement> st = TypeDdl.enumType(t, PG17);
        assertThat(st.get(0).sql()).isEqualTo(
                "CREATE TYPE \"bıgınt\".\"Mood \"\"x\"\"\" AS ENUM ('it''s', E'a\\\\b', 'bıgınt')");
        assertThat(st.get(0).provides()).containsExactlyInAnyOrder("pg_type:16400", "pg_type:16401");
        assertThat(st.get(0).creates().lookup()).isEqualTo("pg_catalog.to_regtype('\"bıgınt\".\"Mood \"\"x\"\"\"')");
        assertThat(st).extracting(Statement::sql).contains("ALTER TYPE \"bıgınt\".\"Mood \"\"x\"\"\" OWNER TO \"Ünï Owner\"");
        assertThat(st).filteredOn(s -> s.kind().equals("OWNER")).flatExtracting(Statement::roles)
                .containsExactly("Ünï Owner");
    }

    @Test
    void functionsAreNamedByIdentityAndLookedUpByInputTypes() {
        Function f = new Function(header("O'Brien", "Get It"), 'p', "IN a integer, OUT b text", "integer",
                "CREATE OR REPLACE PROCEDURE \"O'Brien\".\"Get It\"(IN a integer, OUT b text)\n LANGUAGE sql\nAS $procedure$ SELECT 'x' $procedure$\n");
        List<Statement> st = FunctionDdl.statements(f, PG17);
        assertThat(st.get(0).sql()).endsWith("$procedure$");
        assertThat(st.get(0).creates()).isEqualTo(new Statement.Created("PROCEDURE",
                "\"O'Brien\".\"Get It\"(IN a integer, OUT b text)",
                "pg_catalog.to_regprocedure('\"O''Brien\".\"Get It\"(integer)')"));
        assertThat(st).extracting(Statement::sql)
                .contains("ALTER PROCEDURE \"O'Brien\".\"Get It\"(IN a integer, OUT b text) OWNER TO \"Ünï Owner\"");
    }

    @Test
    void aggregatesWriteOnlyWhatDiffersFromTheDefaults() {
        Aggregate plain = aggregate('n', "text", "public._group_concat", null, 'r', null, 'u');
        assertThat(AggregateDdl.statements(plain, PG17).get(0).sql()).isEqualTo(
                "CREATE AGGREGATE public.group_concat(text) (\n    SFUNC = public._group_concat,\n    STYPE = text\n)");
        Aggregate hypothetical = aggregate('h', "VARIADIC \"any\" ORDER BY VARIADIC \"any\"",
                "ordered_set_transition_multi", "rank_final", 'w', null, 's');
        assertThat(AggregateDdl.statements(hypothetical, PG17).get(0).sql()).isEqualTo(
                "CREATE AGGREGATE public.group_concat(VARIADIC \"any\" ORDER BY VARIADIC \"any\") (\n"
                        + "    SFUNC = ordered_set_transition_multi,\n    STYPE = text,\n    FINALFUNC = rank_final,\n"
                        + "    PARALLEL = SAFE,\n    HYPOTHETICAL\n)");
        Aggregate star = aggregate('n', "", "int8inc", null, 's', "0", 'u');
        Statement create = AggregateDdl.statements(star, PG17).get(0);
        assertThat(create.sql()).startsWith("CREATE AGGREGATE public.group_concat(*) (")
                .contains("FINALFUNC_MODIFY = SHAREABLE", "INITCOND = '0'");
        assertThat(create.creates().identity()).isEqualTo("public.group_concat(*)");
    }

    private static Aggregate aggregate(char kind, String args, String sfunc, String finalFunc, char modify,
                                       String initCond, char parallel) {
        return new Aggregate(header("public", "group_concat"), kind, args, args, "text", sfunc, "text", 0, finalFunc,
                false, modify, null, null, null, initCond, null, null, null, 0, null, false, 'r', null, null, parallel);
    }

    @Test
    void sequencesSetTheirValueInTheDataSectionAndOwnedByAfterTheOwners() {
        Sequence s = new Sequence(header("Sales Dept", "Seq \"q\""), "bigint", 1, -1, -9223372036854775808L, -1, 1,
                true, true, new Sequence.OwnedBy(16500, "Sales Dept", "Order's", "Id"), -5, true);
        List<Statement> st = SequenceDdl.statements(s, PG17);
        assertThat(st.get(0).sql()).isEqualTo("CREATE UNLOGGED SEQUENCE \"Sales Dept\".\"Seq \"\"q\"\"\"\n    AS bigint"
                + "\n    START WITH 1\n    INCREMENT BY -1\n    MINVALUE -9223372036854775808\n    MAXVALUE -1"
                + "\n    CACHE 1\n    CYCLE");
        assertThat(SequenceDdl.statements(s, context(13)).get(0).sql()).startsWith("CREATE SEQUENCE ");
        Statement owned = st.stream().filter(x -> x.kind().equals("SEQUENCE OWNED BY")).findFirst().orElseThrow();
        assertThat(owned.sql()).isEqualTo(
                "ALTER SEQUENCE \"Sales Dept\".\"Seq \"\"q\"\"\" OWNED BY \"Sales Dept\".\"Order's\".\"Id\"");
        assertThat(owned.section()).isEqualTo(Section.POST_DATA);
        assertThat(owned.requires()).containsExactlyInAnyOrder("pg_class:16400", "pg_class:16500");
        Statement set = st.get(st.size() - 1);
        assertThat(set.kind()).isEqualTo("SEQUENCE SET");
        assertThat(set.section()).isEqualTo(Section.DATA);
        assertThat(set.sql()).isEqualTo(
                "SELECT pg_catalog.setval('\"Sales Dept\".\"Seq \"\"q\"\"\"'::pg_catalog.regclass, -5, true)");
    }

    @Test
    void viewsProvideTheirRuleAndRowTypeAndMaterializedViewsRefreshAfterData() {
        View v = new View(header("app", "Mat View"), true, 16410, 16411, 16412, " SELECT 1 AS x",
                List.of("fillfactor=70", "check_option=local"), "heap", true, List.of(), null);
        List<Statement> st = ViewDdl.statements(v, PG17);
        assertThat(st.get(0).sql()).isEqualTo("CREATE MATERIALIZED VIEW app.\"Mat View\" WITH (fillfactor='70', "
                + "check_option='local') AS\n SELECT 1 AS x\n  WITH NO DATA");
        assertThat(st.get(0).provides()).containsExactlyInAnyOrder("pg_class:16400", "pg_rewrite:16410",
                "pg_type:16411", "pg_type:16412");
        Statement refresh = st.get(st.size() - 1);
        assertThat(refresh.kind()).isEqualTo("MATERIALIZED VIEW DATA");
        assertThat(refresh.section()).isEqualTo(Section.POST_DATA);
        assertThat(refresh.provides()).containsExactly("data:16400");
        View empty = new View(v.header(), true, 16410, 16411, 16412, " SELECT 1 AS x", List.of(), "heap", false,
                List.of(), null);
        assertThat(ViewDdl.statements(empty, PG17)).noneMatch(s -> s.kind().equals("MATERIALIZED VIEW DATA"));
    }

    @Test
    void multirangeNamesAreWrittenOnlyWhenNotTheDefault() {
        assertThat(TypeDdl.range(range("floatrange", "floatmultirange"), PG17).get(0).sql())
                .doesNotContain("multirange_type_name");
        assertThat(TypeDdl.range(range("Span", "Span_multirange"), PG17).get(0).sql())
                .doesNotContain("multirange_type_name");
        assertThat(TypeDdl.range(range("intr", "int_multi"), PG17).get(0).sql())
                .contains("multirange_type_name = app.int_multi");
        assertThat(TypeDdl.range(range("intr", "int_multi"), context(13)).get(0).sql())
                .doesNotContain("multirange_type_name");
    }

    private static RangeType range(String name, String multirange) {
        return new RangeType(header("app", name), 16401, "double precision", null, null, null, "float8mi", 16402,
                16403, "app", multirange);
    }
}
