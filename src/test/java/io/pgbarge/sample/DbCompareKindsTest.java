package io.pgbarge.sample;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.testutil.DbCompare;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The comparisons DbCompare makes of the object kinds of the schema-fidelity fixture
 * (src/test/resources/fixtures/every_kind.sql): two loads of the fixture compare clean, and a change
 * of each kind in one of them is found and named. As in {@link DbCompareTest}, every change is made in
 * a transaction that is rolled back, so one pair of databases serves every case.
 *
 * <p>Security labels are compared too, but cannot be tested here: no label can be set without a
 * label provider module (sepgsql), which the test servers do not have.
 */
@Timeout(300)
class DbCompareKindsTest {
    private static final int MAJOR = 17;
    private static TestDb source;
    private static TestDb target;
    private static Connection sourceConn;
    private static Connection targetConn;

    static String fixture() throws IOException {
        try (InputStream in = DbCompareKindsTest.class.getResourceAsStream("/fixtures/every_kind.sql")) {
            assertThat(in).as("fixtures/every_kind.sql on the class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    static void loadTwice() throws Exception {
        source = TestServers.newDatabase(MAJOR, "kinds_src");
        target = TestServers.newDatabase(MAJOR, "kinds_tgt");
        source.exec(fixture());
        target.exec(fixture());
        sourceConn = source.connect();
        targetConn = target.connect();
    }

    @AfterAll
    static void close() throws Exception {
        sourceConn.close();
        targetConn.close();
        // a database with a subscription cannot be dropped; this one has no slot, so nothing remote to drop
        source.exec("DROP SUBSCRIPTION IF EXISTS fid_sub");
        target.exec("DROP SUBSCRIPTION IF EXISTS fid_sub");
    }

    @Test
    void twoLoadsOfTheFixtureAreTheSame() throws Exception {
        assertThat(DbCompare.schemaDifferences(sourceConn, targetConn)).isEmpty();
        assertThat(DbCompare.dataDifferences(sourceConn, targetConn)).isEmpty();
    }

    @Test
    void describesEveryNewKind() throws Exception {
        Map<String, Map<String, String>> d = DbCompare.describeSchema(sourceConn, MAJOR);
        assertThat(d).containsKeys(
                "type fidelity.myint",
                "operator fidelity.=(fidelity.myint, fidelity.myint)",
                "operator fidelity.@-(NONE, fidelity.myint)",
                "operator \"Fid Ünï\".=~~=(integer, fidelity.myint)",
                "operator family fidelity.myint_family using btree",
                "operator family \"Fid Ünï\".\"Loose Family\" using btree",
                "operator class fidelity.myint_ops using btree",
                "operator class fidelity.point_ops using gist",
                "cast (fidelity.myint AS integer)",
                "cast (fidelity.pair AS text)",
                "conversion fidelity.latin1_utf8",
                "text search parser fidelity.prs",
                "text search template fidelity.tmpl",
                "text search dictionary fidelity.dict",
                "text search configuration fidelity.cfg",
                "foreign data wrapper fid_fdw",
                "server fid_remote",
                "user mapping for PUBLIC server fid_remote",
                "user mapping for pgbarge_fid_reader server fid_remote",
                "foreign table fidelity.remote_items",
                "event trigger \"fid Log DDL\"",
                "publication fid_pub",
                "publication fid_pub table fidelity.items",
                "publication fid_pub_schema tables in schema \"Fid Ünï\"",
                "database (this one)",
                "language fid_pl",
                "access method fid_bloom",
                "access method fid_heap",
                "transform for fidelity.myint language fid_pl",
                "statistics fidelity.st_ab");
        assertThat(d.get("operator \"Fid Ünï\".=~~=(integer, fidelity.myint)")).containsEntry("result", "(shell)");
        assertThat(d.get("operator family fidelity.myint_family using btree").get("operators"))
                .contains("operator 1 (fidelity.myint, fidelity.myint) fidelity.<(fidelity.myint, fidelity.myint)");
        assertThat(d.get("text search configuration fidelity.cfg").get("mappings"))
                .contains("asciiword: fidelity.syn, fidelity.dict, pg_catalog.simple");
        assertThat(d.get("database (this one)")).containsEntry("settings of role pgbarge_fid_reader",
                "search_path=fidelity, public, statement_timeout=7s");
        assertThat(d.get("function fidelity.tuned(n integer)")).containsEntry("security definer", "t")
                .containsEntry("rows", "7").containsEntry("cost", "42");
        assertThat(d.get("function fidelity.std_return(a integer, b integer)").get("source")).contains("RETURN");
        assertThat(d.get("statistics fidelity.st_ab")).containsEntry("statistics target", "500");
        assertThat(d.get("foreign table fidelity.remote_items")).containsEntry("server", "fid_remote")
                .containsEntry("foreign options", "schema_name=shop, table_name=items");
        // what comes with an extension is not the database's own
        assertThat(d.keySet()).noneMatch(k -> k.equals("foreign data wrapper postgres_fdw") || k.equals("language plpgsql"));
    }

    /** One change per kind: what to run on the target (%1$s is its database name, quoted) and the key it must hit. */
    static Stream<Arguments> changes() {
        return Stream.of(
                change("base type", "ALTER TYPE fidelity.myint SET (SEND = NONE)", "type fidelity.myint"),
                change("operator", "ALTER OPERATOR fidelity.<> (fidelity.myint, fidelity.myint) SET (RESTRICT = eqsel)",
                        "operator fidelity.<>(fidelity.myint, fidelity.myint)"),
                change("operator comment", "COMMENT ON OPERATOR fidelity.@- (NONE, fidelity.myint) IS 'minus'",
                        "operator fidelity.@-(NONE, fidelity.myint)"),
                change("shell operator", "CREATE FUNCTION fidelity.eq_rev(integer, fidelity.myint) RETURNS boolean"
                        + " LANGUAGE internal IMMUTABLE STRICT AS 'int4eq'; CREATE OPERATOR \"Fid Ünï\".=~~= (FUNCTION = fidelity.eq_rev,"
                        + " LEFTARG = integer, RIGHTARG = fidelity.myint)", "operator \"Fid Ünï\".=~~=(integer, fidelity.myint)"),
                change("operator family member", "ALTER OPERATOR FAMILY \"Fid Ünï\".\"Loose Family\" USING btree"
                        + " DROP OPERATOR 3 (integer, bigint)", "operator family \"Fid Ünï\".\"Loose Family\" using btree"),
                change("operator family function", "ALTER OPERATOR FAMILY \"Fid Ünï\".\"Loose Family\" USING btree"
                        + " ADD FUNCTION 1 (integer, integer) btint4cmp(integer, integer)", "operator family \"Fid Ünï\".\"Loose Family\" using btree"),
                change("operator class", "ALTER OPERATOR CLASS \"Fid Ünï\".\"int hash\" USING hash OWNER TO pgbarge_fid_owner",
                        "operator class \"Fid Ünï\".\"int hash\" using hash"),
                change("cast", "DROP CAST (fidelity.myint AS text)", "cast (fidelity.myint AS text)"),
                change("cast context", "UPDATE pg_catalog.pg_cast SET castcontext = 'a'"
                        + " WHERE castsource = 'fidelity.pair'::regtype AND casttarget = 'text'::regtype", "cast (fidelity.pair AS text)"),
                change("conversion", "ALTER CONVERSION \"Fid Ünï\".\"Latin 1\" OWNER TO pgbarge_fid_owner", "conversion \"Fid Ünï\".\"Latin 1\""),
                change("text search parser", "COMMENT ON TEXT SEARCH PARSER \"Fid Ünï\".\"Prs 2\" IS 'p2'", "text search parser \"Fid Ünï\".\"Prs 2\""),
                change("text search template", "COMMENT ON TEXT SEARCH TEMPLATE fidelity.tmpl_lexize_only IS 't'",
                        "text search template fidelity.tmpl_lexize_only"),
                change("text search dictionary", "ALTER TEXT SEARCH DICTIONARY fidelity.dict (Accept = true)",
                        "text search dictionary fidelity.dict"),
                change("text search mapping", "ALTER TEXT SEARCH CONFIGURATION fidelity.cfg ALTER MAPPING FOR int REPLACE fidelity.plain WITH simple",
                        "text search configuration fidelity.cfg"),
                change("text search mapping order", "ALTER TEXT SEARCH CONFIGURATION fidelity.cfg ALTER MAPPING FOR word"
                        + " WITH fidelity.dict, fidelity.syn, simple", "text search configuration fidelity.cfg"),
                change("foreign data wrapper", "ALTER FOREIGN DATA WRAPPER \"fid bare fdw\" OPTIONS (SET debug 'false')",
                        "foreign data wrapper \"fid bare fdw\""),
                change("foreign data wrapper grant", "REVOKE USAGE ON FOREIGN DATA WRAPPER fid_fdw FROM pgbarge_fid_reader",
                        "foreign data wrapper fid_fdw"),
                change("server options", "ALTER SERVER fid_remote OPTIONS (SET port '5434')", "server fid_remote"),
                change("server version", "ALTER SERVER \"fid Other\" VERSION '2.0'", "server \"fid Other\""),
                change("user mapping", "ALTER USER MAPPING FOR PUBLIC SERVER fid_remote OPTIONS (SET user 'other')",
                        "user mapping for PUBLIC server fid_remote"),
                change("user mapping dropped", "DROP USER MAPPING FOR \"pgbarge_fid Odd\" SERVER \"fid Other\"",
                        "user mapping for \"pgbarge_fid Odd\" server \"fid Other\""),
                change("foreign table options", "ALTER FOREIGN TABLE fidelity.remote_items OPTIONS (SET table_name 'goods')",
                        "foreign table fidelity.remote_items"),
                change("event trigger", "ALTER EVENT TRIGGER fid_on_drop DISABLE", "event trigger fid_on_drop"),
                change("event trigger comment", "COMMENT ON EVENT TRIGGER fid_always IS 'always'", "event trigger fid_always"),
                change("publication options", "ALTER PUBLICATION fid_pub SET (publish = 'insert')", "publication fid_pub"),
                change("publication member", "ALTER PUBLICATION fid_pub DROP TABLE fidelity.items", "publication fid_pub table fidelity.items"),
                change("publication row filter", "ALTER PUBLICATION fid_pub_filtered SET TABLE fidelity.pub_t (id, v) WHERE (id > 1),"
                        + " TABLE fidelity.ri_full WHERE (v IS NOT NULL)", "publication fid_pub_filtered table fidelity.pub_t"),
                change("publication column list", "ALTER PUBLICATION fid_pub_filtered SET TABLE fidelity.pub_t (id) WHERE (id > 0),"
                        + " TABLE fidelity.ri_full WHERE (v IS NOT NULL)", "publication fid_pub_filtered table fidelity.pub_t"),
                change("publication schema", "ALTER PUBLICATION fid_pub_schema DROP TABLES IN SCHEMA \"Fid Ünï\"",
                        "publication fid_pub_schema tables in schema \"Fid Ünï\""),
                change("database setting", "ALTER DATABASE %1$s SET work_mem = '13MB'", "database (this one)"),
                change("role setting in database", "ALTER ROLE pgbarge_fid_reader IN DATABASE %1$s RESET statement_timeout",
                        "database (this one)"),
                change("database comment", "COMMENT ON DATABASE %1$s IS 'changed'", "database (this one)"),
                change("database grant", "REVOKE CREATE ON DATABASE %1$s FROM pgbarge_fid_owner", "database (this one)"),
                change("language", "ALTER LANGUAGE \"fid_pl Untrusted\" OWNER TO pgbarge_fid_owner", "language \"fid_pl Untrusted\""),
                change("language grant", "GRANT USAGE ON LANGUAGE fid_pl TO \"pgbarge_fid Odd\"", "language fid_pl"),
                change("access method", "COMMENT ON ACCESS METHOD fid_heap IS 'heap again'", "access method fid_heap"),
                change("access method dropped", "DROP ACCESS METHOD fid_btree CASCADE", "access method fid_btree"),
                change("transform", "DROP TRANSFORM FOR fidelity.pair LANGUAGE plpgsql", "transform for fidelity.pair language plpgsql"),
                change("function SET option", "ALTER FUNCTION fidelity.tuned(integer) RESET work_mem", "function fidelity.tuned(n integer)"),
                change("security definer", "ALTER FUNCTION fidelity.tuned(integer) SECURITY INVOKER", "function fidelity.tuned(n integer)"),
                change("leakproof", "ALTER FUNCTION fidelity.same_int(integer, integer) NOT LEAKPROOF",
                        "function fidelity.same_int(a integer, b integer)"),
                change("parallel", "ALTER FUNCTION fidelity.same_int(integer, integer) PARALLEL RESTRICTED",
                        "function fidelity.same_int(a integer, b integer)"),
                change("cost", "ALTER FUNCTION fidelity.tuned(integer) COST 43", "function fidelity.tuned(n integer)"),
                change("rows", "ALTER FUNCTION fidelity.tuned(integer) ROWS 8", "function fidelity.tuned(n integer)"),
                change("support", "CREATE FUNCTION fidelity.other_support(internal) RETURNS internal LANGUAGE internal STRICT"
                        + " AS 'generate_series_int4_support'; ALTER FUNCTION fidelity.series(integer, integer) SUPPORT fidelity.other_support",
                        "function fidelity.series(a integer, b integer)"),
                change("SQL-standard body", "CREATE OR REPLACE FUNCTION fidelity.std_return(a integer, b integer DEFAULT 2) RETURNS integer"
                        + " LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN a * b + 2", "function fidelity.std_return(a integer, b integer)"),
                change("transform types", "CREATE OR REPLACE FUNCTION fidelity.uses_transform(v fidelity.myint) RETURNS integer"
                        + " LANGUAGE fid_pl AS $$ BEGIN RETURN 1; END $$", "function fidelity.uses_transform(v fidelity.myint)"),
                change("statistics target", "ALTER STATISTICS fidelity.st_ab SET STATISTICS 400", "statistics fidelity.st_ab"));
    }

    private static Arguments change(String kind, String sql, String key) {
        return Arguments.of(kind, sql, key);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void aChangeIsFound(String kind, String sql, String key) throws Exception {
        targetConn.setAutoCommit(false);
        try {
            try (Statement st = targetConn.createStatement()) {
                st.execute(String.format(sql, "\"" + target.name().replace("\"", "\"\"") + "\""));
            }
            List<String> differences = DbCompare.schemaDifferences(sourceConn, targetConn);
            assertThat(differences).as(kind).isNotEmpty();
            assertThat(differences).as(kind).anyMatch(d -> d.startsWith(key + ":"));
        } finally {
            targetConn.rollback();
            targetConn.setAutoCommit(true);
        }
    }
}
