package io.pgbarge.schemaobjects;

import io.pgbarge.TestDb;

import io.pgbarge.ddl.Keys;
import io.pgbarge.ddl.Section;
import io.pgbarge.ddl.Statement;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/** Objects of every kind the schema-objects reader handles, with awkward names, owners, comments and grants. */
final class Fixture {
    static final String ALICE = "so_alice";
    static final String BOB = "so Bob Ünï";

    private Fixture() {
    }

    /** Roles are per server; create them once, tolerating other tests that did so already. */
    static void roles(TestDb db) throws SQLException {
        for (String role : new String[] {"so_alice", "\"so Bob Ünï\""}) {
            db.exec("DO $$ BEGIN CREATE ROLE " + role + "; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
        }
    }

    /**
     * The table the objects use, as statements with the source's keys: the tables engineer's code
     * makes them in real runs.
     */
    static List<Statement> tableStatements(TestDb source) throws SQLException {
        long oid = Long.parseLong(source.scalar("SELECT 'app.t'::regclass::oid"));
        long type = Long.parseLong(source.scalar("SELECT reltype FROM pg_class WHERE oid = 'app.t'::regclass"));
        long schema = Long.parseLong(source.scalar("SELECT 'app'::regnamespace::oid"));
        return List.of(
                new Statement("TABLE", "app.t", Section.PRE_DATA, "CREATE TABLE app.t (id integer NOT NULL, name text)",
                        Set.of(Keys.rel(oid), Keys.type(type)), Set.of(Keys.namespace(schema)), Set.of(), null),
                new Statement("TABLE DATA", "app.t", Section.DATA, "INSERT INTO app.t VALUES " + ROWS,
                        Set.of(Keys.data(oid)), Set.of(Keys.rel(oid)), Set.of(), null));
    }

    private static final String ROWS = "(1, 'one'), (2, 'two'), (2, 'deux')";

    /**
     * A SQL-standard function body holds semicolons, which pgjdbc would split a script at: it is run on
     * its own (pgjdbc sends one statement as is).
     */
    static final String ATOMIC = """
            CREATE FUNCTION app.std_atomic(a integer) RETURNS integer LANGUAGE sql
                BEGIN ATOMIC SELECT app.add(a, 1); SELECT a; END""";

    static String source(int major) {
        StringBuilder sql = new StringBuilder("""
                CREATE SCHEMA app AUTHORIZATION so_alice;
                CREATE SCHEMA "Sales Dept";
                CREATE SCHEMA "bıgınt";
                CREATE TABLE app.t (id integer NOT NULL, name text);
                INSERT INTO app.t VALUES (1, 'one'), (2, 'two'), (2, 'deux');
                COMMENT ON SCHEMA app IS 'application ''schema''';
                GRANT USAGE ON SCHEMA app TO "so Bob Ünï";
                GRANT CREATE ON SCHEMA app TO "so Bob Ünï" WITH GRANT OPTION;
                REVOKE CREATE ON SCHEMA public FROM PUBLIC;
                COMMENT ON SCHEMA public IS 'the public one';
                CREATE EXTENSION hstore SCHEMA app;
                COMMENT ON EXTENSION hstore IS 'key/value';

                CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
                ALTER TYPE app.mood ADD VALUE 'meh' BEFORE 'ok';
                CREATE TYPE "Sales Dept"."Quote's" AS ENUM ('it''s', 'a\\b', 'bıgınt', 'With Space');
                ALTER TYPE app.mood OWNER TO so_alice;
                COMMENT ON TYPE app.mood IS 'how it feels';
                REVOKE USAGE ON TYPE app.mood FROM PUBLIC;
                GRANT USAGE ON TYPE app.mood TO "so Bob Ünï";

                CREATE DOMAIN app.posint AS integer DEFAULT 1 NOT NULL CONSTRAINT posint_check CHECK (VALUE > 0);
                CREATE DOMAIN app.code AS varchar(10) COLLATE "C" CHECK (VALUE ~ '^[A-Z]+$');
                ALTER DOMAIN app.code ADD CONSTRAINT code_len CHECK (length(VALUE) > 1) NOT VALID;
                COMMENT ON CONSTRAINT code_len ON DOMAIN app.code IS 'length';
                COMMENT ON DOMAIN app.code IS 'a code';
                CREATE DOMAIN "bıgınt"."bıgınt" AS bigint CHECK (VALUE <> 0) CHECK (VALUE < 100);
                CREATE DOMAIN app.posints AS app.posint[];
                CREATE DOMAIN app.kv AS app.hstore;
                REVOKE USAGE ON DOMAIN app.code FROM PUBLIC;

                CREATE TYPE app.pair AS (a app.posint, "B c" text COLLATE "C", m app.mood, h app.hstore);
                COMMENT ON COLUMN app.pair."B c" IS 'b and c';
                CREATE TYPE app.nothing AS ();

                CREATE TYPE app.floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
                CREATE TYPE app.textrange AS RANGE (subtype = text, collation = "C");
                CREATE TYPE app.byterange AS RANGE (subtype = bytea, subtype_opclass = bytea_ops);

                CREATE FUNCTION app.add(a integer, b integer DEFAULT 1) RETURNS integer
                    LANGUAGE sql IMMUTABLE AS $$ SELECT a + b $$;
                CREATE FUNCTION app."Odd Name"(INOUT x app.posint, OUT "Y" text) LANGUAGE plpgsql
                    SET search_path = app, pg_temp AS $$ BEGIN "Y" := x::text; END $$;
                CREATE FUNCTION app.later() RETURNS SETOF app.t LANGUAGE sql AS $$ SELECT * FROM app.t $$;
                CREATE FUNCTION app.uses_pair(p app.pair, VARIADIC xs integer[]) RETURNS app.pair
                    LANGUAGE sql STABLE STRICT AS $$ SELECT p $$;
                CREATE PROCEDURE app.proc(p text) LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE '%', p; END $$;
                CREATE FUNCTION app.w(integer) RETURNS bigint WINDOW LANGUAGE internal AS 'window_row_number';
                ALTER FUNCTION app.add(integer, integer) OWNER TO so_alice;
                REVOKE EXECUTE ON FUNCTION app.add(integer, integer) FROM PUBLIC;
                GRANT EXECUTE ON FUNCTION app.add(integer, integer) TO "so Bob Ünï";
                COMMENT ON FUNCTION app.add(integer, integer) IS 'adds';
                COMMENT ON PROCEDURE app.proc(text) IS 'proc';
                GRANT EXECUTE ON PROCEDURE app.proc(text) TO so_alice WITH GRANT OPTION;
                CREATE FUNCTION "bıgınt".check_it(x integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT x > 0 $$;
                CREATE DOMAIN "bıgınt".checked AS integer CHECK ("bıgınt".check_it(VALUE));

                CREATE FUNCTION app.gc_state(text, text) RETURNS text LANGUAGE sql IMMUTABLE
                    AS $$ SELECT CASE WHEN $1 IS NULL THEN $2 ELSE $1 || ', ' || $2 END $$;
                CREATE AGGREGATE app.group_concat(text) (SFUNC = app.gc_state, STYPE = text);
                ALTER AGGREGATE app.group_concat(text) OWNER TO so_alice;
                COMMENT ON AGGREGATE app.group_concat(text) IS 'concatenates';
                REVOKE EXECUTE ON FUNCTION app.group_concat(text) FROM PUBLIC;
                CREATE AGGREGATE app.msum(integer) (SFUNC = int4pl, STYPE = integer, INITCOND = '0',
                    MSFUNC = int4pl, MINVFUNC = int4mi, MSTYPE = integer, MINITCOND = '0', PARALLEL = SAFE);
                CREATE AGGREGATE app.avgish(float8) (SFUNC = float8_accum, STYPE = float8[], FINALFUNC = float8_avg,
                    INITCOND = '{0,0,0}', COMBINEFUNC = float8_combine, PARALLEL = RESTRICTED);
                CREATE AGGREGATE app.mymax(integer) (SFUNC = int4larger, STYPE = integer, SORTOP = >);
                CREATE AGGREGATE app.cnt(*) (SFUNC = int8inc, STYPE = int8, INITCOND = '0', SSPACE = 8);
                CREATE AGGREGATE app.my_pct(float8 ORDER BY float8) (SFUNC = ordered_set_transition, STYPE = internal,
                    FINALFUNC = percentile_disc_final, FINALFUNC_EXTRA);
                CREATE AGGREGATE app.my_rank(VARIADIC "any" ORDER BY VARIADIC "any") (SFUNC = ordered_set_transition_multi,
                    STYPE = internal, FINALFUNC = rank_final, FINALFUNC_EXTRA, HYPOTHETICAL);
                CREATE AGGREGATE app.modsum(integer) (SFUNC = int4pl, STYPE = integer, FINALFUNC = int4abs,
                    FINALFUNC_MODIFY = SHAREABLE);

                CREATE SEQUENCE app.s1 AS integer START 10 INCREMENT 5 MINVALUE 5 MAXVALUE 1000 CACHE 3 CYCLE;
                SELECT nextval('app.s1'), nextval('app.s1');
                CREATE SEQUENCE "Sales Dept"."Seq \"\"q\"\"" INCREMENT -1;
                CREATE SEQUENCE app.t_id_seq OWNED BY app.t.id;
                SELECT setval('app.t_id_seq', 42, false);
                ALTER SEQUENCE app.s1 OWNER TO so_alice;
                GRANT USAGE ON SEQUENCE app.s1 TO "so Bob Ünï";
                COMMENT ON SEQUENCE app.s1 IS 'seq';
                CREATE TABLE app.t2 (id integer GENERATED ALWAYS AS IDENTITY);

                CREATE VIEW app.v WITH (security_barrier) AS SELECT id, name FROM app.t WHERE id > 0
                    WITH LOCAL CHECK OPTION;
                ALTER VIEW app.v ALTER COLUMN name SET DEFAULT 'x';
                COMMENT ON VIEW app.v IS 'view';
                COMMENT ON COLUMN app.v.name IS 'the name';
                GRANT SELECT ON app.v TO "so Bob Ünï";
                GRANT UPDATE (name) ON app.v TO "so Bob Ünï";
                ALTER VIEW app.v OWNER TO so_alice;
                CREATE VIEW "Sales Dept"."Vü" AS SELECT app.add(1, 2) AS "Sum", 'ok'::app.mood AS m,
                    app.group_concat(name) AS names FROM app.v;
                CREATE VIEW app.vv AS SELECT v.id FROM app.v v JOIN "Sales Dept"."Vü" ON true;
                CREATE MATERIALIZED VIEW app.mv WITH (fillfactor = 70) AS
                    SELECT id, count(*) AS n FROM app.t GROUP BY id;
                CREATE MATERIALIZED VIEW app.mv_empty AS SELECT 1 AS x WITH NO DATA;
                COMMENT ON MATERIALIZED VIEW app.mv IS 'counts';
                GRANT SELECT ON app.mv TO "so Bob Ünï";
                """);
        if (major >= 14) {
            sql.append("""
                    CREATE TYPE app.intr AS RANGE (subtype = int4, multirange_type_name = app.int_multi);
                    CREATE FUNCTION app.std(a integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN a * 2;
                    """);
        }
        if (major >= 15) {
            sql.append("""
                    CREATE UNLOGGED SEQUENCE app.u;
                    CREATE VIEW app.vi WITH (security_invoker = true) AS SELECT 1 AS one;
                    """);
        }
        if (major >= 17) {
            sql.append("""
                    CREATE DOMAIN app.nn AS text CONSTRAINT nn_not_null NOT NULL;
                    """);
        }
        return sql.toString();
    }
}
