package io.pgbarge.script;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScriptClassifierTest {

    private static StatementClass c(String sql) {
        return ScriptClassifier.classify(sql);
    }

    private static RelationName rel(String schema, String name) {
        return new RelationName(schema, name);
    }

    @Test
    void settings() {
        assertThat(c("SET statement_timeout = 0;").kind()).isEqualTo(StatementKind.SET);
        assertThat(c("SELECT pg_catalog.set_config('search_path', '', false);").kind()).isEqualTo(StatementKind.SET);
        assertThat(c("RESET ALL;").kind()).isEqualTo(StatementKind.SET);
    }

    @Test
    void createStatements() {
        assertThat(c("/* x */ -- y\nCREATE SCHEMA \"Odd Schema\";")).isEqualTo(StatementClass.of(StatementKind.CREATE_SCHEMA, null, "Odd Schema"));
        assertThat(c("CREATE TABLE public.\"My \"\"T\"\"\" (a int);"))
                .isEqualTo(StatementClass.of(StatementKind.CREATE_TABLE, rel("public", "My \"T\"")));
        assertThat(c("CREATE UNLOGGED TABLE IF NOT EXISTS Foo (a int);").table()).isEqualTo(rel(null, "foo"));
        assertThat(c("CREATE TABLE public.payment_p2022_01 PARTITION OF public.payment FOR VALUES FROM (1) TO (2);").table())
                .isEqualTo(rel("public", "payment_p2022_01"));
        assertThat(c("CREATE FOREIGN TABLE s.ft (a int) SERVER x;").kind()).isEqualTo(StatementKind.CREATE_TABLE);
        assertThat(c("CREATE MATERIALIZED VIEW public.mv AS SELECT 1 WITH NO DATA;"))
                .isEqualTo(StatementClass.of(StatementKind.CREATE_MATERIALIZED_VIEW, rel("public", "mv")));
        assertThat(c("CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql RETURN 1;").kind()).isEqualTo(StatementKind.CREATE_FUNCTION);
        assertThat(c("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;").objectName()).isEqualTo("pg_trgm");
    }

    @Test
    void indexes() {
        assertThat(c("CREATE INDEX idx_fk_city_id ON public.address USING btree (city_id);"))
                .isEqualTo(new StatementClass(StatementKind.CREATE_INDEX, rel("public", "address"), "idx_fk_city_id", false));
        assertThat(c("CREATE UNIQUE INDEX \"Ix\" ON ONLY public.\"Payment\" USING btree (a);"))
                .isEqualTo(new StatementClass(StatementKind.CREATE_INDEX, rel("public", "Payment"), "Ix", true));
        assertThat(c("CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);").table()).isEqualTo(rel(null, "t"));
        assertThat(c("CREATE INDEX ON t (a);")).isEqualTo(new StatementClass(StatementKind.CREATE_INDEX, rel(null, "t"), null, false));
    }

    @Test
    void constraints() {
        assertThat(c("ALTER TABLE ONLY public.actor\n    ADD CONSTRAINT actor_pkey PRIMARY KEY (actor_id);"))
                .isEqualTo(StatementClass.of(StatementKind.ADD_PRIMARY_KEY, rel("public", "actor"), "actor_pkey"));
        assertThat(c("ALTER TABLE public.\"Album\" ADD CONSTRAINT \"FK_x\" FOREIGN KEY (\"ArtistId\") REFERENCES public.\"Artist\"(\"ArtistId\");"))
                .isEqualTo(StatementClass.of(StatementKind.ADD_FOREIGN_KEY, rel("public", "Album"), "FK_x"));
        assertThat(c("ALTER TABLE ONLY t ADD CONSTRAINT u UNIQUE (a);").kind()).isEqualTo(StatementKind.ADD_UNIQUE);
        assertThat(c("ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;").kind()).isEqualTo(StatementKind.ADD_CHECK);
        assertThat(c("ALTER TABLE t ADD CONSTRAINT e EXCLUDE USING gist (r WITH &&);").kind()).isEqualTo(StatementKind.ADD_EXCLUDE);
        assertThat(c("ALTER TABLE t ADD PRIMARY KEY (a);")).isEqualTo(StatementClass.of(StatementKind.ADD_PRIMARY_KEY, rel(null, "t")));
        assertThat(c("ALTER TABLE t ADD COLUMN check_me int;").kind()).isEqualTo(StatementKind.ALTER_TABLE);
    }

    @Test
    void triggersRulesPolicies() {
        assertThat(c("CREATE TRIGGER last_updated BEFORE UPDATE ON public.actor FOR EACH ROW EXECUTE FUNCTION public.last_updated();"))
                .isEqualTo(StatementClass.of(StatementKind.CREATE_TRIGGER, rel("public", "actor"), "last_updated"));
        assertThat(c("CREATE CONSTRAINT TRIGGER t AFTER INSERT OR UPDATE OF a, b ON s.x DEFERRABLE FOR EACH ROW EXECUTE FUNCTION f();").table())
                .isEqualTo(rel("s", "x"));
        assertThat(c("CREATE RULE r AS ON INSERT TO public.v DO INSTEAD NOTHING;"))
                .isEqualTo(StatementClass.of(StatementKind.CREATE_RULE, rel("public", "v"), "r"));
        assertThat(c("CREATE POLICY p ON public.t USING (true);"))
                .isEqualTo(StatementClass.of(StatementKind.CREATE_POLICY, rel("public", "t"), "p"));
    }

    @Test
    void alterForms() {
        assertThat(c("ALTER TABLE public.t ENABLE ROW LEVEL SECURITY;")).isEqualTo(StatementClass.of(StatementKind.ENABLE, rel("public", "t")));
        assertThat(c("ALTER TABLE app.customers DISABLE TRIGGER customers_forbid_delete;"))
                .isEqualTo(StatementClass.of(StatementKind.ENABLE, rel("app", "customers")));
        assertThat(c("ALTER TABLE ONLY public.payment ATTACH PARTITION public.payment_p2022_01 FOR VALUES FROM ('a') TO ('b');"))
                .isEqualTo(StatementClass.of(StatementKind.ATTACH_PARTITION, rel("public", "payment"), "public.payment_p2022_01"));
        assertThat(c("ALTER INDEX public.p_idx ATTACH PARTITION public.c_idx;").kind()).isEqualTo(StatementKind.ATTACH_PARTITION_INDEX);
        assertThat(c("ALTER TABLE public.actor OWNER TO postgres;")).isEqualTo(StatementClass.of(StatementKind.OWNER, rel("public", "actor")));
        assertThat(c("ALTER FUNCTION public.f(integer) OWNER TO postgres;").kind()).isEqualTo(StatementKind.OWNER);
        assertThat(c("ALTER LARGE OBJECT 16385 OWNER TO postgres;").kind()).isEqualTo(StatementKind.OWNER);
        assertThat(c("ALTER SEQUENCE public.s OWNED BY public.t.id;").kind()).isEqualTo(StatementKind.OTHER);
        assertThat(c("ALTER TABLE ONLY public.t ALTER COLUMN id SET DEFAULT nextval('public.s'::regclass);"))
                .isEqualTo(StatementClass.of(StatementKind.ALTER_TABLE, rel("public", "t")));
        assertThat(c("ALTER DEFAULT PRIVILEGES FOR ROLE x GRANT SELECT ON TABLES TO y;").kind()).isEqualTo(StatementKind.DEFAULT_PRIVILEGES);
    }

    @Test
    void commentsGrantsAndData() {
        assertThat(c("COMMENT ON TABLE public.t IS 'x';")).isEqualTo(StatementClass.of(StatementKind.COMMENT, rel("public", "t")));
        assertThat(c("COMMENT ON COLUMN public.t.\"C\" IS 'x';")).isEqualTo(StatementClass.of(StatementKind.COMMENT, rel("public", "t"), "C"));
        assertThat(c("COMMENT ON CONSTRAINT k ON public.t IS 'x';").table()).isEqualTo(rel("public", "t"));
        assertThat(c("COMMENT ON EXTENSION plpgsql IS 'x';")).isEqualTo(StatementClass.of(StatementKind.COMMENT));
        assertThat(c("GRANT SELECT ON TABLE public.t TO app;")).isEqualTo(StatementClass.of(StatementKind.GRANT, rel("public", "t")));
        assertThat(c("GRANT SELECT(a, b) ON public.t TO app;").table()).isEqualTo(rel("public", "t"));
        assertThat(c("REVOKE ALL ON SCHEMA public FROM PUBLIC;")).isEqualTo(StatementClass.of(StatementKind.REVOKE));
        assertThat(c("GRANT admin TO bob;")).isEqualTo(StatementClass.of(StatementKind.GRANT));
        assertThat(c("SELECT pg_catalog.setval('public.\"My Seq\"', 200, true);"))
                .isEqualTo(StatementClass.of(StatementKind.SETVAL, rel("public", "My Seq")));
        assertThat(c("REFRESH MATERIALIZED VIEW public.rental_by_category;"))
                .isEqualTo(StatementClass.of(StatementKind.REFRESH_MATERIALIZED_VIEW, rel("public", "rental_by_category")));
        assertThat(c("COPY public.\"Album\" (\"AlbumId\") FROM stdin;")).isEqualTo(StatementClass.of(StatementKind.COPY, rel("public", "Album")));
        assertThat(c("INSERT INTO public.t VALUES (1);")).isEqualTo(StatementClass.of(StatementKind.INSERT, rel("public", "t")));
        assertThat(c("SELECT pg_catalog.lo_open('16385', 131072);").kind()).isEqualTo(StatementKind.LARGE_OBJECT);
        assertThat(c("SELECT * FROM pg_catalog.pg_restore_relation_stats('version', '180000'::integer);").kind()).isEqualTo(StatementKind.OTHER);
        assertThat(c("SELECT pg_catalog.pg_restore_relation_stats('version', '180000'::integer);").kind()).isEqualTo(StatementKind.RESTORE_STATISTICS);
        assertThat(c("DROP TABLE IF EXISTS public.t;")).isEqualTo(StatementClass.of(StatementKind.DROP, rel("public", "t")));
        assertThat(c("BEGIN;").kind()).isEqualTo(StatementKind.TRANSACTION);
        assertThat(c("VACUUM;").kind()).isEqualTo(StatementKind.OTHER);
    }

    @Test
    void relationNameQuotesWhereNeeded() {
        assertThat(rel("public", "My Table").sql()).isEqualTo("public.\"My Table\"");
        assertThat(rel(null, "a\"b").sql()).isEqualTo("\"a\"\"b\"");
        assertThat(rel("s", "plain_1").sql()).isEqualTo("s.plain_1");
    }
}
