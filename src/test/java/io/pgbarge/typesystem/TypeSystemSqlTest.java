package io.pgbarge.typesystem;

import io.pgbarge.catalog.Collation;
import io.pgbarge.catalog.ObjectHeader;
import io.pgbarge.catalog.Operator;
import io.pgbarge.catalog.OperatorClass;
import io.pgbarge.catalog.QualifiedName;
import io.pgbarge.catalog.ServerInfo;
import io.pgbarge.catalog.TextSearchConfig;
import io.pgbarge.ddl.CollationDdl;
import io.pgbarge.ddl.DdlContext;
import io.pgbarge.ddl.OperatorClassDdl;
import io.pgbarge.ddl.OperatorDdl;
import io.pgbarge.ddl.Statement;
import io.pgbarge.ddl.TextSearchDdl;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The SQL text generated for awkward cases, without a server. */
class TypeSystemSqlTest {
    private static final ServerInfo PG17 = new ServerInfo(170000, "17.0", "db", "me", true, "UTF8");
    private static final DdlContext CTX = new DdlContext(PG17, PG17);

    private static ObjectHeader header(String schema, String name) {
        return new ObjectHeader(16400, schema, name, "Ünï Owner", null, null, null);
    }

    @Test
    void libcCollationWithDifferentCategoriesNamesBoth() {
        Collation c = new Collation(header("My Schema", "c"), 'c', null, "C", "POSIX", true, null);
        List<Statement> st = CollationDdl.statements(c, CTX);
        assertThat(st.get(0).sql()).isEqualTo(
                "CREATE COLLATION \"My Schema\".c (provider = libc, lc_collate = 'C', lc_ctype = 'POSIX')");
        assertThat(st.get(0).provides()).containsExactly("pg_collation:16400");
        assertThat(st.get(1).sql()).isEqualTo("ALTER COLLATION \"My Schema\".c OWNER TO \"Ünï Owner\"");
    }

    @Test
    void prefixOperatorsAreNamedWithNoneAndCommutatorsAreNotRequired() {
        Operator o = new Operator(header("s", "-"), null, 0, "s.t", 16401, "s.neg", 16402, null, null, null, 0,
                null, 0, false, false);
        Statement create = OperatorDdl.statements(o, CTX).get(0);
        assertThat(create.sql()).isEqualTo("CREATE OPERATOR s.- (FUNCTION = s.neg, RIGHTARG = s.t)");
        assertThat(create.creates().dropSql()).isEqualTo("DROP OPERATOR IF EXISTS s.- (NONE, s.t) CASCADE");

        Operator pair = new Operator(header("s", "<<<"), "s.t", 16401, "s.t", 16401, "s.lt", 16403,
                new Operator.Ref("other", ">>>", 16500), null, null, 0, null, 0, false, false);
        Statement p = OperatorDdl.statements(pair, CTX).get(0);
        assertThat(p.sql()).contains("COMMUTATOR = OPERATOR(other.>>>)");
        assertThat(p.requires()).containsExactlyInAnyOrder("pg_proc:16403", "pg_type:16401", "pg_namespace:16500")
                .noneMatch(k -> k.startsWith("pg_operator"));
    }

    @Test
    void operatorClassWithoutMembersGetsAHarmlessStorageClause() {
        OperatorClass c = new OperatorClass(header("s", "empty ops"), "btree", 403, "integer", 23, false,
                new QualifiedName("s", "fam", 16410), null, List.of());
        assertThat(OperatorClassDdl.operatorClass(c, CTX).get(0).sql()).isEqualTo(
                "CREATE OPERATOR CLASS s.\"empty ops\" FOR TYPE integer USING btree FAMILY s.fam AS\n    STORAGE integer");
    }

    @Test
    void tokenTypesWithTheSameDictionariesShareAMappingAndKeywordsAreQuoted() {
        TextSearchConfig c = new TextSearchConfig(header("s", "cfg"), new QualifiedName("pg_catalog", "default", 3722),
                List.of(new TextSearchConfig.Mapping("asciiword", List.of("s.d", "simple"), List.of(16420L, 3765L)),
                        new TextSearchConfig.Mapping("int", List.of("simple"), List.of(3765L)),
                        new TextSearchConfig.Mapping("word", List.of("s.d", "simple"), List.of(16420L, 3765L))));
        List<Statement> st = TextSearchDdl.configuration(c, CTX);
        assertThat(st).extracting(Statement::sql).containsExactly(
                "CREATE TEXT SEARCH CONFIGURATION s.cfg (PARSER = pg_catalog.\"default\")",
                "ALTER TEXT SEARCH CONFIGURATION s.cfg ADD MAPPING FOR asciiword, word WITH s.d, simple",
                "ALTER TEXT SEARCH CONFIGURATION s.cfg ADD MAPPING FOR \"int\" WITH simple",
                "ALTER TEXT SEARCH CONFIGURATION s.cfg OWNER TO \"Ünï Owner\"");
        assertThat(st.get(1).requires()).contains("pg_ts_config:16400", "pg_ts_dict:16420");
    }
}
