package io.pgbarge.verify;

import io.pgbarge.ddl.Section;
import io.pgbarge.ddl.Statement;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The version normalisations, each applied only across the release that changed the behaviour. */
class SchemaNormalizerTest {
    private static final Set<String> SCHEMAS = Set.of("app", "Sales Ops", "pg_catalog");

    @Test
    void procedureInModesAreDroppedOnlyAcross14() {
        String name = "app.p(IN a integer, INOUT b integer)";
        assertThat(new SchemaNormalizer(13, 17, SCHEMAS).name(name)).isEqualTo("app.p(a integer, INOUT b integer)");
        assertThat(new SchemaNormalizer(15, 17, SCHEMAS).name(name)).isEqualTo(name);
        String sql = "CREATE OR REPLACE PROCEDURE app.p(IN a integer, INOUT b integer DEFAULT 0)\n LANGUAGE plpgsql\n"
                + "AS $$ BEGIN PERFORM app.f(IN_x); END $$";
        assertThat(new SchemaNormalizer(17, 13, SCHEMAS).sql("PROCEDURE", name, sql))
                .startsWith("CREATE OR REPLACE PROCEDURE app.p(a integer, INOUT b integer DEFAULT 0)\n")
                .endsWith("PERFORM app.f(IN_x); END $$");
        assertThat(new SchemaNormalizer(13, 17, SCHEMAS).sql("COMMENT", "PROCEDURE " + name,
                "COMMENT ON PROCEDURE " + name + " IS 'x(IN y)'"))
                .isEqualTo("COMMENT ON PROCEDURE app.p(a integer, INOUT b integer) IS 'x(IN y)'");
    }

    @Test
    void aDomainsNamedNotNullEqualsThePlainOneAcross17() {
        String v13 = "CREATE DOMAIN app.d AS numeric DEFAULT 0 NOT NULL\n    CONSTRAINT d_check CHECK ((VALUE >= (0)::numeric))";
        String v17 = "CREATE DOMAIN app.d AS numeric DEFAULT 0\n    CONSTRAINT d_check CHECK ((VALUE >= (0)::numeric))"
                + "\n    CONSTRAINT d_not_null NOT NULL";
        SchemaNormalizer n = new SchemaNormalizer(13, 17, SCHEMAS);
        assertThat(n.sql("DOMAIN", "app.d", v17)).isEqualTo(n.sql("DOMAIN", "app.d", v13));
        // a check that mentions NOT NULL is a check, and a domain without NOT NULL stays without
        String check = "CREATE DOMAIN app.e AS integer\n    CONSTRAINT e_check CHECK ((VALUE IS NOT NULL))";
        assertThat(n.sql("DOMAIN", "app.e", check)).isEqualTo(check);
    }

    @Test
    void columnNotNullConstraintNamesAreDroppedOnlyAcross18() {
        String v17 = "CREATE TABLE app.t (\n    id integer NOT NULL,\n    \"Größe\" text NOT NULL,\n"
                + "    n integer CONSTRAINT n_positive CHECK (n > 0)\n)";
        String v18 = "CREATE TABLE app.t (\n    id integer CONSTRAINT t_id_not_null NOT NULL,\n"
                + "    \"Größe\" text CONSTRAINT \"t_Größe_not_null\" NOT NULL,\n    n integer CONSTRAINT n_positive CHECK (n > 0)\n)";
        SchemaNormalizer across = new SchemaNormalizer(18, 17, SCHEMAS);
        assertThat(across.sql("TABLE", "app.t", v18)).isEqualTo(across.sql("TABLE", "app.t", v17)).contains("n_positive");
        SchemaNormalizer same = new SchemaNormalizer(18, 18, SCHEMAS);
        assertThat(same.sql("TABLE", "app.t", v18)).isEqualTo(v18);
    }

    @Test
    void viewColumnQualifiersAreDroppedOnlyAcross16() {
        String v15 = "CREATE VIEW app.v AS\n SELECT products.sku,\n    products.price\n   FROM app.products\n"
                + "  WHERE ((products.price)::numeric < (100)::numeric) AND app.f(products.sku) AND \"Sales Ops\".g()";
        String v16 = "CREATE VIEW app.v AS\n SELECT sku,\n    price\n   FROM app.products\n"
                + "  WHERE ((price)::numeric < (100)::numeric) AND app.f(sku) AND \"Sales Ops\".g()";
        SchemaNormalizer across = new SchemaNormalizer(15, 16, SCHEMAS);
        assertThat(across.sql("VIEW", "app.v", v15)).isEqualTo(across.sql("VIEW", "app.v", v16))
                .contains("FROM app.products").contains("app.f(").contains("\"Sales Ops\".g()");
        SchemaNormalizer same = new SchemaNormalizer(16, 17, SCHEMAS);
        assertThat(same.sql("VIEW", "app.v", v15)).isNotEqualTo(same.sql("VIEW", "app.v", v16));
        // layout never matters in a deparsed query
        assertThat(same.sql("VIEW", "app.v", v16)).isEqualTo(same.sql("VIEW", "app.v", v16.replace("\n", "\n\t  ")));
    }

    @Test
    void statementsAreMatchedByKindAndNameAndDependentsOfAMissingObjectFoldIntoIt() {
        List<Statement> source = List.of(
                st("TABLE", "app.t", "CREATE TABLE app.t (id integer)"),
                st("OWNER", "TABLE app.t", "ALTER TABLE app.t OWNER TO x"),
                st("CONSTRAINT", "app.t t_pkey", "ALTER TABLE app.t ADD CONSTRAINT t_pkey PRIMARY KEY (id)"),
                st("INDEX", "app.i", "CREATE INDEX i ON app.u USING btree (a)"),
                st("DEFAULT", "app.u.a", "ALTER TABLE ONLY app.u ALTER COLUMN a SET DEFAULT 1"),
                st("ACL", "TABLE app.u", "GRANT SELECT ON TABLE app.u TO r"),
                st("ACL", "TABLE app.u", "REVOKE ALL ON TABLE app.u FROM PUBLIC"),
                st("SEQUENCE SET", "app.s", "SELECT setval('app.s', 5, true)"));
        List<Statement> target = List.of(
                st("DEFAULT", "app.u.a", "ALTER TABLE ONLY app.u ALTER COLUMN a SET DEFAULT 2"),
                // the same statements in another order are the same definition
                st("ACL", "TABLE app.u", "REVOKE ALL ON TABLE app.u FROM PUBLIC"),
                st("ACL", "TABLE app.u", "GRANT SELECT ON TABLE app.u TO r"),
                st("INDEX", "app.j", "CREATE INDEX j ON app.u USING btree (b)"),
                st("SEQUENCE SET", "app.s", "SELECT setval('app.s', 9, true)"));
        SchemaVerifier.Result r = SchemaVerifier.compare(source, target, new SchemaNormalizer(17, 17, SCHEMAS), x -> true);
        assertThat(r.differences()).extracting(d -> d.kind() + " " + d.name() + ": " + d.change())
                .containsExactlyInAnyOrder("INDEX app.i: MISSING_ON_TARGET", "INDEX app.j: EXTRA_ON_TARGET",
                        "TABLE app.t: MISSING_ON_TARGET", "DEFAULT app.u.a: DIFFERENT");
    }

    @Test
    void statementsNamingARoleTheTargetLacksAreNotCompared() {
        List<Statement> source = List.of(st("OWNER", "TABLE app.t", "ALTER TABLE app.t OWNER TO gone").withRoles(Set.of("gone")));
        List<Statement> target = List.of(st("OWNER", "TABLE app.t", "ALTER TABLE app.t OWNER TO login"));
        SchemaVerifier.Result r = SchemaVerifier.compare(source, target, new SchemaNormalizer(17, 17, SCHEMAS),
                role -> !role.equals("gone"));
        assertThat(r.differences()).isEmpty();
        assertThat(r.notes()).singleElement().asString().contains("roles that do not exist on the target");
    }

    @Test
    void aLongDefinitionIsShownAroundItsFirstDifference() {
        String head = "CREATE TABLE app.wide (" + "c".repeat(300) + " integer, ";
        String[] e = VerifyReport.excerpts(head + "last text)", head + "last bigint)");
        assertThat(e[0]).startsWith("…").endsWith("last text)").hasSizeLessThan(VerifyReport.EXCERPT + 3);
        assertThat(e[1]).startsWith("…").endsWith("last bigint)");
    }

    private static Statement st(String kind, String name, String sql) {
        return Statement.of(kind, name, Section.PRE_DATA, sql, Set.of(), Set.of());
    }
}
