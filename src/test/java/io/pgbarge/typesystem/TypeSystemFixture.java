package io.pgbarge.typesystem;

import io.pgbarge.TestDb;

import java.sql.SQLException;

/**
 * One of every type-system kind, with awkward names, owners and comments, plus extension members
 * (pg_trgm's operators and classes, dict_int's template and dictionary) that must be left out.
 */
final class TypeSystemFixture {
    static final String ALICE = "ts_alice";

    private TypeSystemFixture() {
    }

    static void roles(TestDb db) throws SQLException {
        db.exec("DO $$ BEGIN CREATE ROLE ts_alice; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
    }

    /** What every version from 13 on has; {@code sameVersion} adds what only copies to the same major. */
    static String source(int common, boolean sameVersion) {
        StringBuilder sql = new StringBuilder(BASE);
        if (sameVersion) {
            // the conversion function's signature changed in 14 (a boolean argument, an integer result)
            sql.append(common >= 14 ? """
                    CREATE FUNCTION ts.conv(integer, integer, cstring, internal, integer, boolean) RETURNS integer
                        AS '$libdir/utf8_and_iso8859_1', 'iso8859_1_to_utf8' LANGUAGE C STRICT;
                    """ : """
                    CREATE FUNCTION ts.conv(integer, integer, cstring, internal, integer) RETURNS void
                        AS '$libdir/utf8_and_iso8859_1', 'iso8859_1_to_utf8' LANGUAGE C STRICT;
                    """);
            sql.append("""
                    CREATE DEFAULT CONVERSION ts.latin1_utf8 FOR 'LATIN1' TO 'UTF8' FROM ts.conv;
                    CREATE CONVERSION "Ops Ünï"."Latin 1" FOR 'LATIN1' TO 'UTF8' FROM ts.conv;
                    ALTER CONVERSION ts.latin1_utf8 OWNER TO ts_alice;
                    COMMENT ON CONVERSION ts.latin1_utf8 IS 'latin1 → utf8';
                    """);
        }
        if (common >= 16) {
            sql.append("CREATE COLLATION ts.ruled (provider = icu, locale = 'und', rules = '&a < g');\n");
        }
        if (common >= 17) {
            sql.append("CREATE COLLATION ts.\"builtin C\" (provider = builtin, locale = 'C.UTF-8');\n");
        }
        return sql.toString();
    }

    private static final String BASE = """
            CREATE SCHEMA ts AUTHORIZATION ts_alice;
            CREATE SCHEMA "Ops Ünï";
            CREATE EXTENSION pg_trgm;
            CREATE EXTENSION dict_int;

            CREATE COLLATION ts.ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
            CREATE COLLATION "Ops Ünï"."de Phone" (provider = icu, locale = 'de-u-co-phonebk');
            CREATE COLLATION ts.c_libc (provider = libc, locale = 'C');
            CREATE COLLATION ts.mixed (provider = libc, lc_collate = 'C', lc_ctype = 'POSIX');
            ALTER COLLATION ts.ci OWNER TO ts_alice;
            COMMENT ON COLLATION ts.ci IS 'case-insensitive';

            CREATE TYPE ts.money2 AS (units bigint, cur text);
            CREATE TYPE ts.e AS ENUM ('a', 'b');
            CREATE FUNCTION ts.money2_text(ts.money2) RETURNS text LANGUAGE sql IMMUTABLE
                AS $$ SELECT $1.units || ' ' || $1.cur $$;
            CREATE CAST (ts.money2 AS text) WITH FUNCTION ts.money2_text(ts.money2) AS ASSIGNMENT;
            CREATE CAST (ts.money2 AS json) WITH INOUT;
            CREATE CAST (money AS bigint) WITHOUT FUNCTION AS IMPLICIT;
            COMMENT ON CAST (ts.money2 AS text) IS 'cast ''comment''';

            CREATE FUNCTION ts.eq(ts.money2, ts.money2) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT $1 = $2 $$;
            CREATE FUNCTION ts.ne(ts.money2, ts.money2) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT $1 <> $2 $$;
            CREATE FUNCTION ts.lt(ts.money2, ts.money2) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT $1 < $2 $$;
            CREATE FUNCTION ts.gt(ts.money2, ts.money2) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT $1 > $2 $$;
            CREATE FUNCTION ts.cmp(ts.money2, ts.money2) RETURNS integer LANGUAGE sql IMMUTABLE
                AS $$ SELECT CASE WHEN $1 < $2 THEN -1 WHEN $1 > $2 THEN 1 ELSE 0 END $$;
            CREATE FUNCTION ts.neg(ts.money2) RETURNS ts.money2 LANGUAGE sql IMMUTABLE
                AS $$ SELECT ROW(-($1).units, ($1).cur)::ts.money2 $$;
            CREATE OPERATOR ts.=== (FUNCTION = ts.eq, LEFTARG = ts.money2, RIGHTARG = ts.money2,
                COMMUTATOR = OPERATOR(ts.===), NEGATOR = OPERATOR("Ops Ünï".!==),
                RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
            CREATE OPERATOR "Ops Ünï".!== (FUNCTION = ts.ne, LEFTARG = ts.money2, RIGHTARG = ts.money2,
                NEGATOR = OPERATOR(ts.===));
            -- the commutator is left a shell in public: the target must get the shell too
            CREATE OPERATOR ts.<<= (FUNCTION = ts.lt, LEFTARG = ts.money2, RIGHTARG = ts.money2, COMMUTATOR = >>=);
            CREATE OPERATOR ts.<<< (FUNCTION = ts.lt, LEFTARG = ts.money2, RIGHTARG = ts.money2,
                COMMUTATOR = OPERATOR(ts.>>>));
            CREATE OPERATOR ts.>>> (FUNCTION = ts.gt, LEFTARG = ts.money2, RIGHTARG = ts.money2,
                COMMUTATOR = OPERATOR(ts.<<<));
            CREATE OPERATOR ts.- (FUNCTION = ts.neg, RIGHTARG = ts.money2);
            ALTER OPERATOR ts.<<< (ts.money2, ts.money2) OWNER TO ts_alice;
            COMMENT ON OPERATOR ts.=== (ts.money2, ts.money2) IS 'equal';

            CREATE OPERATOR FAMILY ts.fam USING btree;
            CREATE OPERATOR CLASS ts.money2_ops DEFAULT FOR TYPE ts.money2 USING btree FAMILY ts.fam AS
                OPERATOR 1 ts.<<<, OPERATOR 3 ts.===, OPERATOR 5 ts.>>>, FUNCTION 1 ts.cmp(ts.money2, ts.money2);
            CREATE OPERATOR CLASS "Ops Ünï"."money2 ops" FOR TYPE ts.money2 USING btree AS
                OPERATOR 1 ts.<<<, OPERATOR 3 ts.===, OPERATOR 5 ts.>>>, FUNCTION 1 ts.cmp(ts.money2, ts.money2);
            CREATE FUNCTION ts.cmp_int(integer, integer) RETURNS integer LANGUAGE internal IMMUTABLE STRICT AS 'btint4cmp';
            CREATE OPERATOR FAMILY ts.loose USING btree;
            ALTER OPERATOR FAMILY ts.loose USING btree ADD OPERATOR 1 <(integer, integer), OPERATOR 3 =(integer, integer),
                FUNCTION 1 (integer, integer) ts.cmp_int(integer, integer);
            CREATE OPERATOR CLASS ts.int_hash FOR TYPE integer USING hash AS
                OPERATOR 1 =, FUNCTION 1 hashint4(integer), STORAGE integer;
            CREATE OPERATOR CLASS ts.pt_ops FOR TYPE point USING gist AS
                OPERATOR 15 <->(point, point) FOR ORDER BY pg_catalog.float_ops,
                FUNCTION 8 (point, point) gist_point_distance(internal, point, smallint, oid, internal),
                FUNCTION 1 gist_point_consistent(internal, point, smallint, oid, internal),
                FUNCTION 2 gist_box_union(internal, internal), FUNCTION 3 gist_point_compress(internal),
                FUNCTION 5 gist_box_penalty(internal, internal, internal), FUNCTION 6 gist_box_picksplit(internal, internal),
                FUNCTION 7 gist_box_same(box, box, internal), STORAGE box;
            COMMENT ON OPERATOR FAMILY ts.fam USING btree IS 'fam';
            COMMENT ON OPERATOR CLASS ts.money2_ops USING btree IS 'cls';
            ALTER OPERATOR CLASS ts.money2_ops USING btree OWNER TO ts_alice;
            ALTER OPERATOR FAMILY ts.fam USING btree OWNER TO ts_alice;

            CREATE FUNCTION ts.amh(internal) RETURNS index_am_handler LANGUAGE internal AS 'bthandler';
            CREATE ACCESS METHOD "my am" TYPE INDEX HANDLER ts.amh;
            CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler;
            COMMENT ON ACCESS METHOD "my am" IS 'am';
            CREATE OPERATOR CLASS ts.int_myam DEFAULT FOR TYPE integer USING "my am" AS
                OPERATOR 1 <, OPERATOR 3 =, FUNCTION 1 btint4cmp(integer, integer);

            CREATE FUNCTION ts.plh() RETURNS language_handler AS '$libdir/plpgsql', 'plpgsql_call_handler' LANGUAGE C;
            CREATE FUNCTION ts.pli(internal) RETURNS void AS '$libdir/plpgsql', 'plpgsql_inline_handler' LANGUAGE C STRICT;
            CREATE FUNCTION ts.plv(oid) RETURNS void AS '$libdir/plpgsql', 'plpgsql_validator' LANGUAGE C STRICT;
            CREATE TRUSTED LANGUAGE plx HANDLER ts.plh INLINE ts.pli VALIDATOR ts.plv;
            CREATE LANGUAGE "pl Ü" HANDLER ts.plh;
            ALTER LANGUAGE plx OWNER TO ts_alice;
            REVOKE USAGE ON LANGUAGE plx FROM PUBLIC;
            GRANT USAGE ON LANGUAGE plx TO ts_alice WITH GRANT OPTION;
            COMMENT ON LANGUAGE plx IS 'pl x';

            CREATE FUNCTION ts.fromsql(internal) RETURNS internal LANGUAGE internal STRICT IMMUTABLE AS 'int4recv';
            CREATE FUNCTION ts.tosql(internal) RETURNS ts.money2 LANGUAGE internal STRICT IMMUTABLE AS 'int4recv';
            CREATE TRANSFORM FOR ts.money2 LANGUAGE plx (FROM SQL WITH FUNCTION ts.fromsql(internal),
                TO SQL WITH FUNCTION ts.tosql(internal));
            CREATE TRANSFORM FOR ts.e LANGUAGE plpgsql (FROM SQL WITH FUNCTION ts.fromsql(internal));
            COMMENT ON TRANSFORM FOR ts.money2 LANGUAGE plx IS 'trf';

            CREATE TEXT SEARCH PARSER ts.prs (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end,
                LEXTYPES = prsd_lextype, HEADLINE = prsd_headline);
            CREATE TEXT SEARCH PARSER "Ops Ünï"."Prs 2" (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end,
                LEXTYPES = prsd_lextype);
            CREATE TEXT SEARCH TEMPLATE ts.tmpl (INIT = dsimple_init, LEXIZE = dsimple_lexize);
            CREATE TEXT SEARCH TEMPLATE ts.tmpl2 (LEXIZE = dsimple_lexize);
            CREATE TEXT SEARCH DICTIONARY ts.dict (TEMPLATE = ts.tmpl, stopwords = 'english', Accept = false);
            CREATE TEXT SEARCH DICTIONARY ts.dict2 (TEMPLATE = pg_catalog.simple);
            CREATE TEXT SEARCH DICTIONARY ts.syn (TEMPLATE = synonym, synonyms = 'synonym_sample');
            CREATE TEXT SEARCH DICTIONARY "Ops Ünï"."Int Dict" (TEMPLATE = intdict_template, maxlen = 4);
            CREATE TEXT SEARCH CONFIGURATION ts.cfg (PARSER = ts.prs);
            ALTER TEXT SEARCH CONFIGURATION ts.cfg ADD MAPPING FOR asciiword, word WITH ts.dict, simple;
            ALTER TEXT SEARCH CONFIGURATION ts.cfg ADD MAPPING FOR int WITH ts.dict2, "Ops Ünï"."Int Dict";
            CREATE TEXT SEARCH CONFIGURATION "Ops Ünï"."Cfg 2" (COPY = english);
            CREATE TEXT SEARCH CONFIGURATION ts.empty (PARSER = "Ops Ünï"."Prs 2");
            ALTER TEXT SEARCH DICTIONARY ts.dict OWNER TO ts_alice;
            ALTER TEXT SEARCH CONFIGURATION ts.cfg OWNER TO ts_alice;
            COMMENT ON TEXT SEARCH PARSER ts.prs IS 'prs';
            COMMENT ON TEXT SEARCH TEMPLATE ts.tmpl IS 'tmpl';
            COMMENT ON TEXT SEARCH DICTIONARY ts.dict IS 'dict';
            COMMENT ON TEXT SEARCH CONFIGURATION ts.cfg IS 'cfg';

            """;
}
