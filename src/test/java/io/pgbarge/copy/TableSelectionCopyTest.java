package io.pgbarge.copy;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.cli.ExitCode;
import io.pgbarge.testutil.Cli.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static io.pgbarge.testutil.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

/** pgbarge copy -t/-n/-T/-N, --exclude-table-data and --with-dependencies, through the CLI, on real servers. */
@Timeout(300)
class TableSelectionCopyTest {
    static final String FIXTURE = """
            CREATE SCHEMA shop;
            CREATE SCHEMA "Odd Schema";
            CREATE TYPE shop.status AS ENUM ('new', 'paid');
            CREATE DOMAIN shop.qty AS integer CHECK (VALUE > 0);
            CREATE SEQUENCE shop.order_no_seq START 100;
            CREATE TABLE public.customers (id bigserial PRIMARY KEY, name text NOT NULL);
            CREATE TABLE public.orders (
                id bigserial PRIMARY KEY,
                customer_id bigint NOT NULL REFERENCES public.customers (id),
                status shop.status NOT NULL DEFAULT 'new',
                qty shop.qty,
                order_no bigint DEFAULT nextval('shop.order_no_seq'),
                note text);
            CREATE INDEX orders_customer_idx ON public.orders (customer_id);
            COMMENT ON TABLE public.orders IS 'one per purchase';
            CREATE VIEW public.order_view AS SELECT id, status FROM public.orders;
            CREATE TABLE shop.audit (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, msg text);
            CREATE FUNCTION shop.ticket_code() RETURNS text LANGUAGE sql AS $$ SELECT 'T-' || md5(random()::text) $$;
            CREATE TABLE public.tickets (id integer PRIMARY KEY, code text NOT NULL DEFAULT shop.ticket_code());
            INSERT INTO public.tickets (id) SELECT g FROM generate_series(1, 3) g;
            CREATE TABLE "Odd Schema"."Mixed Case" (id integer PRIMARY KEY, v text);
            CREATE TABLE "Odd Schema".plain (id integer);
            INSERT INTO public.customers (name) SELECT 'c' || g FROM generate_series(1, 50) g;
            INSERT INTO public.orders (customer_id, qty, note) SELECT 1 + g % 50, 1 + g % 7, 'n' || g FROM generate_series(1, 200) g;
            INSERT INTO shop.audit (msg) SELECT 'm' || g FROM generate_series(1, 30) g;
            INSERT INTO "Odd Schema"."Mixed Case" SELECT g, 'v' || g FROM generate_series(1, 10) g;
            INSERT INTO "Odd Schema".plain SELECT g FROM generate_series(1, 5) g;
            """;

    static TestDb source;

    @BeforeAll
    static void fixture() throws Exception {
        source = TestServers.newDatabase(16, "sel_src");
        source.exec(FIXTURE);
    }

    static Run copy(TestDb target, String... flags) {
        List<String> args = new ArrayList<>(List.of("copy", source.uri(), target.uri(), "--no-progress", "-j", "2"));
        args.addAll(List.of(flags));
        return run(args.toArray(String[]::new));
    }

    /** The target's user relations, schema-qualified, with their kind. */
    static List<String> relations(TestDb db) throws Exception {
        return db.query("SELECT c.relkind::text || ' ' || n.nspname || '.' || c.relname FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')"
                + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_toast'"
                + " ORDER BY 1").stream().map(r -> r.get(0)).toList();
    }

    static List<String> schemas(TestDb db) throws Exception {
        return db.query("SELECT nspname FROM pg_namespace WHERE nspname !~ '^pg_' AND nspname <> 'information_schema'"
                + " ORDER BY 1").stream().map(r -> r.get(0)).toList();
    }

    static long count(TestDb db, String table) throws Exception {
        return Long.parseLong(db.scalar("SELECT count(*) FROM " + table));
    }

    @Test
    void oneTableArrivesAloneWithItsIndexesConstraintsAndSequence() throws Exception {
        TestDb target = TestServers.newDatabase(16, "sel_t1");
        Run r = copy(target, "-t", "customers");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(relations(target)).containsExactly("S public.customers_id_seq", "r public.customers");
        assertThat(schemas(target)).containsExactly("public");
        assertThat(count(target, "public.customers")).isEqualTo(50);
        assertThat(target.scalar("SELECT count(*) FROM pg_constraint WHERE conrelid = 'public.customers'::regclass"
                + " AND contype = 'p'")).isEqualTo("1");
        // the owned sequence came with its value: the next id follows the source's last
        assertThat(target.scalar("SELECT nextval('public.customers_id_seq')")).isEqualTo("51");
    }

    @Test
    void aForeignKeyToATableLeftOutIsReportedAndWithDependenciesBringsItAndTheTypes() throws Exception {
        TestDb target = TestServers.newDatabase(16, "sel_t2");
        Run r = copy(target, "-t", "public.orders");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("the selected objects need").contains("table public.customers")
                .contains("type shop.status").contains("domain shop.qty").contains("sequence shop.order_no_seq")
                .contains("schema shop").contains("--with-dependencies").contains("Nothing was changed")
                .doesNotContain("\tat ");
        assertThat(relations(target)).isEmpty();

        Run w = copy(target, "-t", "public.orders", "--with-dependencies");
        assertThat(w.code()).as(w.err()).isZero();
        assertThat(relations(target)).containsExactly("S public.customers_id_seq", "S public.orders_id_seq",
                "S shop.order_no_seq", "r public.customers", "r public.orders");
        assertThat(count(target, "public.orders")).isEqualTo(200);
        assertThat(count(target, "public.customers")).isEqualTo(50);
        assertThat(target.scalar("SELECT convalidated FROM pg_constraint WHERE contype = 'f'"
                + " AND conrelid = 'public.orders'::regclass")).isEqualTo("t");
        assertThat(target.scalar("SELECT obj_description('public.orders'::regclass)")).isEqualTo("one per purchase");
        assertThat(target.scalar("SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_customer_idx'")).isEqualTo("1");
        assertThat(target.scalar("SELECT nextval('shop.order_no_seq')"))
                .isEqualTo(String.valueOf(Long.parseLong(source.scalar("SELECT last_value FROM shop.order_no_seq")) + 1));
        assertThat(target.scalar("SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum"
                + " WHERE enumtypid = 'shop.status'::regtype")).isEqualTo("new,paid");
        // shop's other objects were not needed
        assertThat(target.scalar("SELECT to_regclass('shop.audit')")).isNull();
    }

    @Test
    void whatTheTargetAlreadyHasIsNotNeeded() throws Exception {
        TestDb target = TestServers.newDatabase(16, "sel_t3");
        target.exec("CREATE SCHEMA shop; CREATE TYPE shop.status AS ENUM ('new', 'paid');"
                + " CREATE DOMAIN shop.qty AS integer; CREATE SEQUENCE shop.order_no_seq;"
                + " CREATE TABLE public.customers (id bigint PRIMARY KEY, name text);"
                + " INSERT INTO public.customers SELECT g, 'x' FROM generate_series(1, 50) g");
        Run r = copy(target, "-t", "orders");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(count(target, "public.orders")).isEqualTo(200);
        assertThat(count(target, "public.customers")).isEqualTo(50);
    }

    @Test
    void schemaPatternsWildcardsAndQuotedNames() throws Exception {
        TestDb onlyShop = TestServers.newDatabase(16, "sel_n");
        Run n = copy(onlyShop, "-n", "sh?p");
        assertThat(n.code()).as(n.err()).isZero();
        assertThat(schemas(onlyShop)).containsExactly("public", "shop");
        assertThat(relations(onlyShop)).containsExactly("S shop.audit_id_seq", "S shop.order_no_seq", "r shop.audit");
        assertThat(count(onlyShop, "shop.audit")).isEqualTo(30);
        assertThat(onlyShop.scalar("SELECT count(*) FROM pg_type WHERE typname IN ('status', 'qty')")).isEqualTo("2");

        TestDb odd = TestServers.newDatabase(16, "sel_odd");
        Run q = copy(odd, "-n", "\"Odd Schema\"", "-T", "\"Odd Schema\".PLAIN");
        assertThat(q.code()).as(q.err()).isZero();
        assertThat(relations(odd)).containsExactly("r Odd Schema.Mixed Case");
        assertThat(count(odd, "\"Odd Schema\".\"Mixed Case\"")).isEqualTo(10);

        // unquoted letters fold to lower case: "Mixed Case" is found only when quoted
        Run folded = copy(TestServers.newDatabase(16, "sel_fold"), "-t", "\"Odd Schema\".mixed*");
        assertThat(folded.code()).isEqualTo(ExitCode.USAGE);
        assertThat(folded.err()).contains("no matching tables were found for \"Odd Schema\".mixed*");

        TestDb rest = TestServers.newDatabase(16, "sel_bigN");
        // tickets' default calls a function in the excluded schema: -N wins over --with-dependencies
        Run needsExcluded = copy(rest, "-N", "shop", "-N", "\"Odd Schema\"", "-T", "public.order*", "--with-dependencies");
        assertThat(needsExcluded.code()).isEqualTo(ExitCode.USAGE);
        assertThat(needsExcluded.err()).contains("that -T/-N exclude").contains("function shop.ticket_code()")
                .contains("public.tickets");
        Run bigN = copy(rest, "-N", "shop", "-N", "\"Odd Schema\"", "-T", "public.order*", "-T", "tickets",
                "--with-dependencies");
        assertThat(bigN.code()).as(bigN.err()).isZero();
        assertThat(relations(rest)).containsExactly("S public.customers_id_seq", "r public.customers");
    }

    @Test
    void aFunctionInADefaultIsADependency() throws Exception {
        TestDb target = TestServers.newDatabase(16, "sel_fn");
        Run r = copy(target, "-t", "tickets");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("function shop.ticket_code() (needed by").contains("schema shop");
        Run w = copy(target, "-t", "tickets", "--with-dependencies");
        assertThat(w.code()).as(w.err()).isZero();
        assertThat(count(target, "public.tickets")).isEqualTo(3);
        target.exec("INSERT INTO public.tickets (id) VALUES (4)");
        assertThat(target.scalar("SELECT code FROM public.tickets WHERE id = 4")).startsWith("T-");
        assertThat(relations(target)).containsExactly("r public.tickets");
    }

    @Test
    void anExtensionTheTargetHasIsNotMissing() throws Exception {
        TestDb src = TestServers.newDatabase(16, "sel_ext_src");
        src.exec("CREATE EXTENSION citext; CREATE TABLE people (email citext PRIMARY KEY);"
                + " INSERT INTO people VALUES ('A@example.com'), ('b@example.com')");
        TestDb bare = TestServers.newDatabase(16, "sel_ext_bare");
        Run r = run("copy", src.uri(), bare.uri(), "--no-progress", "-t", "people");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("extension citext (needed by").contains("table public.people");
        Run w = run("copy", src.uri(), bare.uri(), "--no-progress", "-t", "people", "--with-dependencies");
        assertThat(w.code()).as(w.err()).isZero();
        assertThat(bare.scalar("SELECT count(*) FROM people WHERE email = 'a@EXAMPLE.com'")).isEqualTo("1");

        TestDb withExt = TestServers.newDatabase(16, "sel_ext_has");
        withExt.exec("CREATE EXTENSION citext");
        Run ok = run("copy", src.uri(), withExt.uri(), "--no-progress", "-t", "people");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(count(withExt, "people")).isEqualTo(2);
    }

    @Test
    void excludedTableDataKeepsTheDefinition() throws Exception {
        TestDb target = TestServers.newDatabase(16, "sel_xd");
        Run r = copy(target, "--exclude-table-data", "public.ord*", "-N", "\"Odd Schema\"");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(count(target, "public.orders")).isZero();
        assertThat(count(target, "public.customers")).isEqualTo(50);
        assertThat(count(target, "shop.audit")).isEqualTo(30);
        assertThat(target.scalar("SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_customer_idx'")).isEqualTo("1");
    }

    @Test
    void aPatternMatchingNothingAndContradictoryFlagsAreUsageErrors() throws Exception {
        TestDb target = TestServers.newDatabase(16, "sel_err");
        Run t = copy(target, "-t", "custmers");
        assertThat(t.code()).isEqualTo(ExitCode.USAGE);
        assertThat(t.err()).contains("no matching tables were found for custmers").doesNotContain("\tat ");
        Run n = copy(target, "-n", "nosuch");
        assertThat(n.code()).isEqualTo(ExitCode.USAGE);
        assertThat(n.err()).contains("no matching schemas were found for nosuch");
        Run both = run("copy", source.uri(), target.uri(), "--data-only", "--schema-only");
        assertThat(both.code()).isEqualTo(ExitCode.USAGE);
        assertThat(both.err()).contains("-s/--schema-only and -a/--data-only cannot be used together");
        Run deps = run("copy", source.uri(), target.uri(), "-a", "--with-dependencies");
        assertThat(deps.code()).isEqualTo(ExitCode.USAGE);
        assertThat(deps.err()).contains("--with-dependencies");
        Run bad = run("copy", source.uri(), target.uri(), "-t", "a.b.c");
        assertThat(bad.code()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains("too many dotted names");
        assertThat(relations(target)).isEmpty();
    }
}
