-- =====================================================================================================
-- pgbarge sample database
--
-- Used by `pgbarge demo` and as the test fixture. It exercises every kind of object pgbarge copies and
-- data that is awkward to move (NULLs, Unicode, zero bytes, infinities, a 5+ MB value, ...).
--
-- Rules this file keeps, so that everything that loads it can rely on them:
--   * runs as ONE JDBC Statement.execute(script) by a superuser on an empty UTF8 database
--     (no psql meta-commands, no COPY FROM stdin; volume comes from generate_series);
--   * runs unchanged on PostgreSQL 13 to 18; features of newer versions only inside DO blocks that
--     test server_version_num;
--   * is deterministic: two loads give byte-identical data (no now(), random() or gen_random_uuid()
--     in the rows; defaults that call them are there, but every INSERT supplies those columns), so
--     two loads can be compared row by row;
--   * loads in a few seconds.
-- =====================================================================================================


-- -----------------------------------------------------------------------------------------------------
-- Roles (cluster-wide: they may already exist from an earlier load on the same server, possibly one
-- running at this very moment, hence both exception names). This section must stay first: the tests
-- run it alone (everything before the first CREATE SCHEMA) to prepare a restore target.
-- -----------------------------------------------------------------------------------------------------
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pgbarge_demo_owner') THEN
        BEGIN
            CREATE ROLE pgbarge_demo_owner NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pgbarge_demo_reader') THEN
        BEGIN
            CREATE ROLE pgbarge_demo_reader NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END;
    END IF;
END
$$;


-- -----------------------------------------------------------------------------------------------------
-- Schemas
-- -----------------------------------------------------------------------------------------------------
CREATE SCHEMA app;
CREATE SCHEMA ext;
CREATE SCHEMA "Sales Ops" AUTHORIZATION pgbarge_demo_owner;

COMMENT ON SCHEMA app IS 'The shop: customers, products, orders.';
COMMENT ON SCHEMA ext IS 'Extensions live here, out of the way.';
COMMENT ON SCHEMA "Sales Ops" IS 'A schema whose name needs quotes; owned by pgbarge_demo_owner.';


-- -----------------------------------------------------------------------------------------------------
-- Extensions (all shipped with the embedded server binaries)
-- -----------------------------------------------------------------------------------------------------
CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA ext;
CREATE EXTENSION IF NOT EXISTS hstore WITH SCHEMA ext;
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA ext;
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA ext;


-- -----------------------------------------------------------------------------------------------------
-- Types: enum, domains, composite, range
-- -----------------------------------------------------------------------------------------------------
CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'très bien', 'happy');
-- a label added later, in the middle: its sort order is fractional, not its OID order. (Not used in
-- the rows below: before PostgreSQL 17 a value added in the same transaction cannot be used in it.)
ALTER TYPE app.mood ADD VALUE 'meh' BEFORE 'ok';
COMMENT ON TYPE app.mood IS 'How a customer feels.';

CREATE TYPE app.order_status AS ENUM ('new', 'paid', 'shipped', 'cancelled');

CREATE DOMAIN app.email AS ext.citext
    CONSTRAINT email_has_at CHECK (VALUE ~ '^[^@]+@[^@]+$');
COMMENT ON DOMAIN app.email IS 'Case-insensitive e-mail address.';

CREATE DOMAIN app.positive_amount AS numeric(12, 2)
    DEFAULT 0
    CONSTRAINT positive_amount_not_null NOT NULL
    CONSTRAINT positive_amount_check CHECK (VALUE >= 0);
COMMENT ON CONSTRAINT positive_amount_check ON DOMAIN app.positive_amount IS 'No negative amounts.';

CREATE TYPE app.address AS (
    street  text,
    city    text COLLATE "C",
    zip     varchar(10),
    geo     point
);
COMMENT ON TYPE app.address IS 'A postal address.';

CREATE TYPE app.price_range AS RANGE (subtype = numeric);

CREATE FUNCTION app.float_diff(float8, float8) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT AS 'SELECT $1 - $2';
CREATE TYPE app.float_range AS RANGE (subtype = float8, subtype_diff = app.float_diff);


-- -----------------------------------------------------------------------------------------------------
-- Functions used by tables (CHECK and DEFAULT), so they come first
-- -----------------------------------------------------------------------------------------------------
CREATE FUNCTION app.is_valid_score(score numeric) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT score IS NULL OR score BETWEEN 0 AND 100 $$;
COMMENT ON FUNCTION app.is_valid_score(numeric) IS 'Used by a CHECK constraint on app.customers.';

CREATE FUNCTION app.make_code(prefix text, n bigint) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT prefix || '-' || lpad(n::text, 6, '0') $$;
COMMENT ON FUNCTION app.make_code(text, bigint) IS 'Used by column defaults.';


-- -----------------------------------------------------------------------------------------------------
-- Sequences
-- -----------------------------------------------------------------------------------------------------
-- standalone, with every option away from its default, advanced below and owned by a column later
CREATE SEQUENCE app.ticket_seq AS integer
    INCREMENT BY 7 MINVALUE 100 MAXVALUE 1000000 START WITH 200 CACHE 5 CYCLE;
COMMENT ON SEQUENCE app.ticket_seq IS 'Ticket numbers: step 7, cycling.';

-- a descending one that was never called (is_called = false after setval(..., false))
CREATE SEQUENCE app.countdown_seq AS smallint INCREMENT BY -1 MINVALUE -1000 MAXVALUE 1000 START WITH 1000;

-- used by a function-call default
CREATE SEQUENCE app.product_code_seq;


-- -----------------------------------------------------------------------------------------------------
-- Core tables
-- -----------------------------------------------------------------------------------------------------
CREATE TABLE app.customers (
    id          bigserial PRIMARY KEY,
    email       app.email NOT NULL,
    name        text NOT NULL COLLATE "C",
    mood        app.mood DEFAULT 'ok',
    past_moods  app.mood[] NOT NULL DEFAULT '{}',
    address     app.address,
    attrs       ext.hstore,
    score       numeric(5, 2) CONSTRAINT customers_score_valid CHECK (app.is_valid_score(score)),
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT customers_email_key UNIQUE (email)
);
COMMENT ON TABLE app.customers IS 'People who buy things.';
COMMENT ON COLUMN app.customers.email IS 'Unique, case-insensitively.';
COMMENT ON COLUMN app.customers.past_moods IS 'An array of an enum.';
COMMENT ON CONSTRAINT customers_score_valid ON app.customers IS 'CHECK through a SQL function.';

CREATE TABLE app.products (
    id          serial PRIMARY KEY,
    sku         text NOT NULL DEFAULT app.make_code('P', nextval('app.product_code_seq')),
    name        text NOT NULL,
    price       app.positive_amount,
    price_band  app.price_range,
    weight_g    integer NOT NULL DEFAULT 0,
    weight_kg   numeric GENERATED ALWAYS AS (weight_g / 1000.0) STORED,
    info        jsonb NOT NULL DEFAULT '{}'::jsonb,
    search      tsvector,
    CONSTRAINT products_sku_key UNIQUE (sku)
) WITH (fillfactor = 70);
COMMENT ON TABLE app.products IS 'Things for sale (fillfactor 70).';
COMMENT ON COLUMN app.products.weight_kg IS 'Generated from weight_g.';

CREATE TABLE app.orders (
    id           bigint GENERATED ALWAYS AS IDENTITY (START WITH 1000 INCREMENT BY 5) PRIMARY KEY,
    customer_id  bigint NOT NULL REFERENCES app.customers (id) ON DELETE CASCADE,
    status       app.order_status NOT NULL DEFAULT 'new',
    ordered_at   timestamptz NOT NULL DEFAULT now(),
    total        numeric(14, 2),
    note         text,
    ticket_no    integer DEFAULT nextval('app.ticket_seq')
);
ALTER SEQUENCE app.ticket_seq OWNED BY app.orders.ticket_no;
COMMENT ON TABLE app.orders IS 'Orders; the id is an identity ALWAYS column.';

-- (its foreign keys are added after the data, as pg_dump does: one check instead of 120,000)
CREATE TABLE app.order_items (
    order_id    bigint NOT NULL,
    line_no     smallint NOT NULL,
    product_id  integer NOT NULL,
    quantity    integer NOT NULL CHECK (quantity > 0),
    unit_price  numeric(12, 2) NOT NULL,
    PRIMARY KEY (order_id, line_no)
);

-- a composite foreign key, and one that is checked only at commit
CREATE TABLE app.shipments (
    id          integer GENERATED BY DEFAULT AS IDENTITY (START WITH 10 INCREMENT BY 10 CACHE 3) PRIMARY KEY,
    order_id    bigint NOT NULL,
    line_no     smallint NOT NULL,
    carrier     text,
    tracking    uuid,
    CONSTRAINT shipments_item_fkey FOREIGN KEY (order_id, line_no)
        REFERENCES app.order_items (order_id, line_no) ON DELETE CASCADE
        DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT shipments_carrier_tracking_key UNIQUE (carrier, tracking)
);
COMMENT ON CONSTRAINT shipments_item_fkey ON app.shipments IS 'Composite FK, checked at commit.';

-- self-referencing foreign key
CREATE TABLE app.employees (
    id          integer PRIMARY KEY,
    manager_id  integer REFERENCES app.employees (id) DEFERRABLE,
    name        text NOT NULL,
    salary      numeric(10, 2),
    email       app.email
);

-- an exclusion constraint (btree_gist provides = for integers in a GiST index)
CREATE TABLE app.room_bookings (
    id       serial PRIMARY KEY,
    room     integer NOT NULL,
    during   tstzrange NOT NULL,
    booked_by integer REFERENCES app.employees (id) ON DELETE SET NULL,
    CONSTRAINT room_bookings_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&)
);
COMMENT ON CONSTRAINT room_bookings_no_overlap ON app.room_bookings IS 'No double bookings.';

-- unlogged, autovacuum off, filled by the statement trigger below
CREATE UNLOGGED TABLE app.audit_log (
    id          bigserial PRIMARY KEY,
    table_name  text NOT NULL,
    operation   text NOT NULL,
    logged_at   timestamptz DEFAULT now()
) WITH (autovacuum_enabled = false, fillfactor = 90);
COMMENT ON TABLE app.audit_log IS 'Unlogged; rows written by an AFTER STATEMENT trigger.';

-- table inheritance: rows in the parent and in the child
CREATE TABLE app.vehicles (
    id     integer PRIMARY KEY,
    name   text NOT NULL,
    wheels smallint NOT NULL DEFAULT 4
);
CREATE TABLE app.trucks (
    payload_kg integer NOT NULL DEFAULT 1000
) INHERITS (app.vehicles);
ALTER TABLE app.trucks ADD PRIMARY KEY (id);
COMMENT ON TABLE app.trucks IS 'Inherits app.vehicles and adds a column.';

-- a 5+ MB text value
CREATE TABLE app.documents (
    id     integer PRIMARY KEY,
    title  text NOT NULL,
    body   text
);


-- -----------------------------------------------------------------------------------------------------
-- Partitioned tables
-- -----------------------------------------------------------------------------------------------------
-- RANGE, with a DEFAULT partition and a partition that is itself partitioned by HASH
CREATE TABLE app.measurements (
    sensor_id    integer NOT NULL,
    measured_on  date NOT NULL,
    reading      double precision,
    flags        bit(8) NOT NULL DEFAULT B'00000000',
    PRIMARY KEY (sensor_id, measured_on)
) PARTITION BY RANGE (measured_on);
COMMENT ON TABLE app.measurements IS 'Range-partitioned by day; 2024 is hash sub-partitioned.';

CREATE TABLE app.measurements_2023 PARTITION OF app.measurements
    FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE app.measurements_2024 PARTITION OF app.measurements
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')
    PARTITION BY HASH (sensor_id);
CREATE TABLE app.measurements_2024_h0 PARTITION OF app.measurements_2024 FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE app.measurements_2024_h1 PARTITION OF app.measurements_2024 FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE app.measurements_2024_h2 PARTITION OF app.measurements_2024 FOR VALUES WITH (MODULUS 3, REMAINDER 2);
CREATE TABLE app.measurements_other PARTITION OF app.measurements DEFAULT;

-- a partitioned (non-unique) index: every partition gets its own
CREATE INDEX measurements_reading_idx ON app.measurements (reading) WHERE reading IS NOT NULL;
COMMENT ON INDEX app.measurements_reading_idx IS 'A partitioned, partial index.';

-- LIST, with a DEFAULT partition, in the quoted schema and owned by another role
CREATE TABLE "Sales Ops".regional_sales (
    region     text NOT NULL,
    sale_id    integer NOT NULL,
    amount     numeric(12, 2) NOT NULL,
    sold_on    date NOT NULL,
    PRIMARY KEY (region, sale_id)
) PARTITION BY LIST (region);
CREATE TABLE "Sales Ops".regional_sales_north PARTITION OF "Sales Ops".regional_sales FOR VALUES IN ('north', 'nord');
CREATE TABLE "Sales Ops".regional_sales_south PARTITION OF "Sales Ops".regional_sales FOR VALUES IN ('south');
CREATE TABLE "Sales Ops".regional_sales_rest  PARTITION OF "Sales Ops".regional_sales DEFAULT;
ALTER TABLE "Sales Ops".regional_sales OWNER TO pgbarge_demo_owner;
ALTER TABLE "Sales Ops".regional_sales_north OWNER TO pgbarge_demo_owner;
ALTER TABLE "Sales Ops".regional_sales_south OWNER TO pgbarge_demo_owner;
ALTER TABLE "Sales Ops".regional_sales_rest OWNER TO pgbarge_demo_owner;


-- -----------------------------------------------------------------------------------------------------
-- Awkward identifiers and awkward values
-- -----------------------------------------------------------------------------------------------------
CREATE TABLE "Sales Ops"."Ünïcødé ""Quoted"" Table" (
    "ID"                 integer PRIMARY KEY,
    "Größe"              numeric,
    "column with spaces" text,
    "MixedCase"          text DEFAULT 'Ça va?',
    "naïve ""café"""     text
);
COMMENT ON TABLE "Sales Ops"."Ünïcødé ""Quoted"" Table" IS 'Spaces, quotes, capitals and non-ASCII letters: ünïcødé 🚢.';
COMMENT ON COLUMN "Sales Ops"."Ünïcødé ""Quoted"" Table"."Größe" IS 'Size, in German.';
ALTER TABLE "Sales Ops"."Ünïcødé ""Quoted"" Table" OWNER TO pgbarge_demo_owner;

CREATE TABLE app.awkward (
    id        integer PRIMARY KEY,
    label     text,
    t         text,
    b         bytea,
    j         jsonb,
    n         numeric,
    d         date,
    ts        timestamp,
    tstz      timestamptz,
    iv        interval,
    ip        inet,
    net       cidr,
    u         uuid,
    bits      bit(8),
    vbits     bit varying(16),
    tsv       tsvector,
    moods     app.mood[],
    fl        double precision,
    chr       "char",
    arr2d     integer[][]
);
COMMENT ON TABLE app.awkward IS 'One row per awkward value; label says which.';


-- -----------------------------------------------------------------------------------------------------
-- Functions, a procedure, an aggregate
-- -----------------------------------------------------------------------------------------------------
-- returns SETOF a table
CREATE FUNCTION app.orders_of(p_customer bigint) RETURNS SETOF app.orders
    LANGUAGE sql STABLE
    AS $$ SELECT * FROM app.orders WHERE customer_id = p_customer ORDER BY id $$;
COMMENT ON FUNCTION app.orders_of(bigint) IS 'All orders of one customer.';

-- plpgsql with OUT parameters and a default argument
CREATE FUNCTION app.order_stats(p_status app.order_status DEFAULT 'paid', OUT n bigint, OUT total numeric)
    LANGUAGE plpgsql STABLE
    AS $$
BEGIN
    SELECT count(*), coalesce(sum(o.total), 0) INTO n, total FROM app.orders o WHERE o.status = p_status;
END
$$;

-- trigger functions
CREATE FUNCTION app.normalise_sku() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.sku := upper(NEW.sku);
    RETURN NEW;
END
$$;

CREATE FUNCTION app.log_statement() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, app
    AS $$
BEGIN
    INSERT INTO app.audit_log (table_name, operation, logged_at)
    VALUES (TG_TABLE_NAME, TG_OP, NULL);
    RETURN NULL;
END
$$;

CREATE FUNCTION app.forbid_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    RAISE EXCEPTION 'deleting from % is not allowed', TG_TABLE_NAME;
END
$$;

-- a procedure
CREATE PROCEDURE app.cancel_old_orders(p_before timestamptz, INOUT p_count integer DEFAULT 0)
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE app.orders SET status = 'cancelled' WHERE status = 'new' AND ordered_at < p_before;
    GET DIAGNOSTICS p_count = ROW_COUNT;
END
$$;
COMMENT ON PROCEDURE app.cancel_old_orders(timestamptz, integer) IS 'Cancels stale orders.';

-- an aggregate with a state function of our own
CREATE FUNCTION app.longest_sfunc(state text, value text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE WHEN state IS NULL OR length(value) > length(state) THEN value ELSE state END $$;
CREATE AGGREGATE app.longest(text) (
    SFUNC = app.longest_sfunc,
    STYPE = text
);
COMMENT ON AGGREGATE app.longest(text) IS 'The longest string of a group.';

-- an aggregate over built-in functions, with an initial value
CREATE AGGREGATE app.product_of(numeric) (
    SFUNC = numeric_mul,
    STYPE = numeric,
    INITCOND = '1'
);


-- -----------------------------------------------------------------------------------------------------
-- Triggers (created before the data on purpose: the BEFORE trigger shapes the rows, the AFTER
-- STATEMENT trigger writes app.audit_log; a copy must carry the results, not fire them again)
-- -----------------------------------------------------------------------------------------------------
CREATE TRIGGER products_normalise_sku
    BEFORE INSERT OR UPDATE OF sku ON app.products
    FOR EACH ROW EXECUTE FUNCTION app.normalise_sku();

CREATE TRIGGER orders_log
    AFTER INSERT OR UPDATE OR DELETE ON app.orders
    FOR EACH STATEMENT EXECUTE FUNCTION app.log_statement();
COMMENT ON TRIGGER orders_log ON app.orders IS 'One audit row per statement.';

CREATE TRIGGER customers_forbid_delete
    BEFORE DELETE ON app.customers
    FOR EACH ROW WHEN (OLD.score IS NOT NULL) EXECUTE FUNCTION app.forbid_delete();
ALTER TABLE app.customers DISABLE TRIGGER customers_forbid_delete;

CREATE TRIGGER products_log_replica
    AFTER UPDATE ON app.products
    FOR EACH STATEMENT EXECUTE FUNCTION app.log_statement();
ALTER TABLE app.products ENABLE REPLICA TRIGGER products_log_replica;


-- -----------------------------------------------------------------------------------------------------
-- Data: volume
-- -----------------------------------------------------------------------------------------------------
INSERT INTO app.customers (email, name, mood, past_moods, address, attrs, score, created_at)
SELECT
    'user' || g || '@Example.COM',
    CASE WHEN g % 97 = 0 THEN 'Zoë ' || g WHEN g % 89 = 0 THEN 'José ' || g ELSE 'Customer ' || g END,
    (ARRAY['sad', 'ok', 'très bien', 'happy'])[1 + g % 4]::app.mood,
    CASE WHEN g % 5 = 0 THEN '{}'::app.mood[] ELSE ARRAY['ok', 'happy']::app.mood[] END,
    CASE WHEN g % 7 = 0 THEN NULL
         ELSE ROW(g || ' Main St', 'City ' || (g % 50), lpad((g % 99999)::text, 5, '0'), point(g % 90, g % 180))::app.address END,
    CASE WHEN g % 3 = 0 THEN NULL ELSE ext.hstore(ARRAY['tier', 'ref'], ARRAY[(g % 3)::text, NULL]) END,
    CASE WHEN g % 11 = 0 THEN NULL ELSE (g % 10001) / 100.0 END,
    timestamptz '2020-01-01 00:00:00+00' + g * interval '17 minutes'
FROM generate_series(1, 20000) AS g;

INSERT INTO app.products (sku, name, price, price_band, weight_g, info, search)
SELECT
    'sku-' || g,
    'Product ' || g,
    (g % 1000) + 0.99,
    numrange((g % 1000)::numeric, (g % 1000) + 10, '[)')::text::app.price_range,
    g * 13 % 50000,
    jsonb_build_object('color', (ARRAY['red', 'green', 'blue'])[1 + g % 3], 'tags', jsonb_build_array('t' || g % 10, g % 2 = 0), 'n', g),
    to_tsvector('simple', 'product number ' || g || ' ' || (ARRAY['red', 'green', 'blue'])[1 + g % 3])
FROM generate_series(1, 5000) AS g;
-- every tenth product takes its sku from the column default (a function around nextval); the
-- BEFORE trigger upper-cases it either way
UPDATE app.products SET sku = DEFAULT WHERE id % 10 = 0;

INSERT INTO app.orders (customer_id, status, ordered_at, total, note)
SELECT
    1 + (g * 7919) % 20000,
    (ARRAY['new', 'paid', 'shipped', 'cancelled'])[1 + g % 4]::app.order_status,
    timestamptz '2023-01-01 00:00:00+00' + g * interval '3 minutes 7 seconds',
    NULL,
    CASE WHEN g % 1000 = 0 THEN 'gift – please wrap 🎁' WHEN g % 333 = 0 THEN '' END
FROM generate_series(1, 60000) AS g;

INSERT INTO app.order_items (order_id, line_no, product_id, quantity, unit_price)
SELECT o.id, l, 1 + (o.id * l) % 5000, 1 + (o.id + l) % 5, ((o.id * l) % 1000) + 0.99
FROM app.orders o, generate_series(1, 3) AS l
WHERE l <= 1 + o.id % 3;

ALTER TABLE app.order_items
    ADD CONSTRAINT order_items_order_id_fkey FOREIGN KEY (order_id) REFERENCES app.orders (id) ON DELETE CASCADE,
    ADD CONSTRAINT order_items_product_id_fkey FOREIGN KEY (product_id) REFERENCES app.products (id);

UPDATE app.orders o SET total = s.total
FROM (SELECT order_id, sum(quantity * unit_price) AS total FROM app.order_items GROUP BY order_id) s
WHERE s.order_id = o.id AND o.status <> 'new';

INSERT INTO app.shipments (order_id, line_no, carrier, tracking)
SELECT order_id, line_no, (ARRAY['DHL', 'UPS', 'La Poste'])[1 + order_id % 3],
       md5(order_id::text || '/' || line_no)::uuid
FROM app.order_items
WHERE order_id % 50 = 0;

INSERT INTO app.employees (id, manager_id, name, salary, email)
SELECT g, CASE WHEN g = 1 THEN NULL ELSE 1 + (g - 2) / 5 END, 'Employee ' || g, 30000 + g * 10,
       CASE WHEN g % 4 = 0 THEN NULL ELSE ('Emp' || g || '@corp.example')::app.email END
FROM generate_series(1, 500) AS g;

INSERT INTO app.room_bookings (room, during, booked_by)
SELECT 1 + g % 20,
       tstzrange(timestamptz '2024-03-01 08:00+00' + (g / 20) * interval '1 hour',
                 timestamptz '2024-03-01 08:00+00' + (g / 20) * interval '1 hour' + interval '50 minutes'),
       CASE WHEN g % 6 = 0 THEN NULL ELSE 1 + g % 500 END
FROM generate_series(0, 1999) AS g;

INSERT INTO app.vehicles (id, name, wheels)
SELECT g, 'Car ' || g, 4 FROM generate_series(1, 300) AS g;
INSERT INTO app.trucks (id, name, wheels, payload_kg)
SELECT g, 'Truck ' || g, 6 + 2 * (g % 3), 1000 * g FROM generate_series(1001, 1100) AS g;

INSERT INTO app.measurements (sensor_id, measured_on, reading, flags)
SELECT s, date '2023-07-01' + d, CASE WHEN (s + d) % 17 = 0 THEN NULL ELSE sin(s + d) * 100 END,
       ((s + d) % 256)::bit(8)
FROM generate_series(1, 200) AS s, generate_series(0, 599) AS d;   -- 2023, 2024 and beyond (default)

INSERT INTO "Sales Ops".regional_sales (region, sale_id, amount, sold_on)
SELECT (ARRAY['north', 'nord', 'south', 'east', 'west'])[1 + g % 5], g, (g % 5000) + 0.5,
       date '2024-01-01' + g % 366
FROM generate_series(1, 20000) AS g;

INSERT INTO app.documents (id, title, body) VALUES
    (1, 'big', repeat('pgbarge moves databases. ', 250000)),          -- 6.25 MB
    (2, 'big, hard to compress',
        (SELECT string_agg(md5(g::text), '') FROM generate_series(1, 40000) AS g)),  -- 1.25 MB
    (3, 'empty', ''),
    (4, 'null', NULL);

-- the audit rows written by the statement trigger so far get a deterministic content
UPDATE app.audit_log SET logged_at = timestamptz '2024-01-01 00:00:00+00';


-- -----------------------------------------------------------------------------------------------------
-- Data: awkward values
-- -----------------------------------------------------------------------------------------------------
INSERT INTO "Sales Ops"."Ünïcødé ""Quoted"" Table" VALUES
    (1, 1.5, 'a value with spaces', 'Émoji 🚀🎉', 'naïve'),
    (2, NULL, '', DEFAULT, NULL),
    (3, -0.000001, E'tab\there, newline\nthere, backslash \\ and "quotes" and ''apostrophes''', 'ß', E'e\u0301 (combining acute)'),
    (4, 123456789012345678901234567890.123456789, 'Ελληνικά, 日本語, العربية, עברית', 'ＦＵＬＬＷＩＤＴＨ', E'\U0001F468\u200D\U0001F469\u200D\U0001F467 family');

INSERT INTO app.awkward (id, label, t, b, j, n, d, ts, tstz, iv, ip, net, u, bits, vbits, tsv, moods, fl, chr, arr2d) VALUES
    (1, 'all null', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    (2, 'empty values', '', ''::bytea, '{}', 0, NULL, NULL, NULL, interval '0', NULL, NULL, NULL, B'00000000', B'', ''::tsvector, '{}', 0, '', '{}'),
    (3, 'unicode', E'emoji 😀🇫🇷, combining: e\u0301 a\u0308, ZWJ: \U0001F469\u200D\U0001F4BB, CJK 漢字, RTL שלום',
        '\x00'::bytea, '{"emoji": "😀", "escaped": "\u00e9\u00e8", "nested": {"a": [1, 2.5, {"b": null}], "c": "ü"}}',
        NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
        to_tsvector('simple', 'Größe café naïve'), NULL, NULL, 'x', NULL),
    (4, 'bytes', E'text with \\N and \\. and a lone \\ backslash', '\x000102fffe00ff00'::bytea,
        '[null, true, false, "\"quoted\"", "back\\\\slash", "tab\tnewline\n", "\ud83d\ude00"]',
        NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, B'10101010', B'1', NULL, NULL, NULL, NULL, NULL),
    (5, 'numbers', NULL, NULL, '{"big": 123456789012345678901234567890, "small": 1e-30, "neg": -0.0}',
        '123456789012345678901234567890123456789012345678901234567890.000000000000000000000000000000000000000001',
        NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'NaN', NULL, '{{1,2,3},{4,NULL,6}}'),
    (6, 'NaN', NULL, NULL, NULL, 'NaN', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'Infinity', NULL, NULL),
    (7, 'tiny numeric', NULL, NULL, NULL, 0.000000000000000000000000000000000000000000000000000000000001, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, -1.7976931348623157e308, NULL, NULL),
    (8, '+infinity', NULL, NULL, NULL, NULL, 'infinity', 'infinity', 'infinity', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '-Infinity', NULL, NULL),
    (9, '-infinity', NULL, NULL, NULL, NULL, '-infinity', '-infinity', '-infinity', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 5e-324, NULL, NULL),
    (10, 'dates and times', NULL, NULL, NULL, NULL, '0044-03-15 BC', '1999-12-31 23:59:59.999999', '2024-02-29 12:34:56.789+05:30',
        '1 year 2 mons 3 days 04:05:06.789', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    (11, 'negative interval', NULL, NULL, NULL, NULL, '4713-01-01 BC', '1970-01-01 00:00:00', '1970-01-01 00:00:00+00',
        '-3 days -04:00:00.5', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    (12, 'network and uuid', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
        '192.168.1.5/24', '10.0.0.0/8', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    (13, 'ipv6', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
        '2001:db8::1', '2001:db8::/32', '00000000-0000-0000-0000-000000000000', NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    (14, 'enum array', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
        'fat:1A cat:2B,4 sat:3 ''quoted word'':5', '{sad,NULL,happy,"très bien"}', NULL, NULL, NULL),
    (15, 'text that looks like COPY syntax', E'\\.\n\\N\r\n\t', E'\\x5c2e'::bytea, '"\\\\."', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);

-- numeric Infinity exists from PostgreSQL 14 on
DO $$
BEGIN
    IF current_setting('server_version_num')::int >= 140000 THEN
        EXECUTE $sql$INSERT INTO app.awkward (id, label, n) VALUES
            (16, 'numeric +Infinity', 'Infinity'), (17, 'numeric -Infinity', '-Infinity')$sql$;
    END IF;
END
$$;


-- -----------------------------------------------------------------------------------------------------
-- Sequences: advance the standalone ones (the others advanced with their inserts)
-- -----------------------------------------------------------------------------------------------------
SELECT setval('app.ticket_seq', 777777, true);
SELECT setval('app.countdown_seq', 500, false);


-- -----------------------------------------------------------------------------------------------------
-- Indexes (after the data: faster to build)
-- -----------------------------------------------------------------------------------------------------
CREATE INDEX customers_lower_name_idx ON app.customers (lower(name));                 -- expression
CREATE INDEX customers_mood_score_idx ON app.customers (mood, score DESC NULLS LAST);  -- multi-column
CREATE INDEX customers_unhappy_idx ON app.customers (id) WHERE mood = 'sad';           -- partial
CREATE INDEX customers_attrs_idx ON app.customers USING gin (attrs);
COMMENT ON INDEX app.customers_unhappy_idx IS 'Partial index: sad customers only.';

CREATE INDEX products_info_idx ON app.products USING gin (info jsonb_path_ops);        -- GIN on jsonb
CREATE INDEX products_search_idx ON app.products USING gin (search);
CREATE INDEX products_name_trgm_idx ON app.products USING gin (name ext.gin_trgm_ops);
CREATE INDEX products_weight_idx ON app.products (weight_kg) INCLUDE (name) WITH (fillfactor = 80);

CREATE INDEX orders_customer_idx ON app.orders (customer_id, ordered_at DESC);
CREATE INDEX orders_open_idx ON app.orders (ordered_at) WHERE status IN ('new', 'paid');
CREATE UNIQUE INDEX orders_ticket_no_idx ON app.orders (ticket_no);
CREATE INDEX order_items_product_idx ON app.order_items (product_id);
CREATE INDEX employees_manager_idx ON app.employees (manager_id);
CREATE INDEX "Ünïcødé_Größe_idx" ON "Sales Ops"."Ünïcødé ""Quoted"" Table" ("Größe" NULLS FIRST, "column with spaces" COLLATE "C");
CREATE INDEX regional_sales_sold_on_idx ON "Sales Ops".regional_sales (sold_on);       -- partitioned index
CREATE INDEX awkward_j_idx ON app.awkward USING gin (j);
CREATE INDEX awkward_t_hash_idx ON app.awkward USING hash (t);
CREATE INDEX room_bookings_during_idx ON app.room_bookings USING gist (during);
CREATE INDEX vehicles_name_idx ON app.vehicles (name text_pattern_ops);


-- -----------------------------------------------------------------------------------------------------
-- Views and a materialized view
-- -----------------------------------------------------------------------------------------------------
CREATE VIEW app.customer_orders WITH (security_barrier = true) AS
    SELECT c.id AS customer_id, c.name, c.mood, o.id AS order_id, o.status, o.ordered_at, o.total
    FROM app.customers c
    JOIN app.orders o ON o.customer_id = c.id
    WHERE o.status <> 'cancelled';
COMMENT ON VIEW app.customer_orders IS 'Security barrier view over customers and their live orders.';

-- depends on the view above
CREATE VIEW app.top_customers AS
    SELECT customer_id, name, count(*) AS orders, sum(total) AS spent
    FROM app.customer_orders
    GROUP BY customer_id, name
    HAVING sum(total) > 1000;

CREATE VIEW app.cheap_products AS
    SELECT id, sku, name, price FROM app.products WHERE price < 100
    WITH CASCADED CHECK OPTION;

CREATE MATERIALIZED VIEW app.product_sales AS
    SELECT p.id AS product_id, p.sku, count(i.*) AS lines, coalesce(sum(i.quantity), 0) AS units,
           app.longest(p.name) AS longest_name
    FROM app.products p
    LEFT JOIN app.order_items i ON i.product_id = p.id
    GROUP BY p.id, p.sku;
CREATE UNIQUE INDEX product_sales_product_idx ON app.product_sales (product_id);
COMMENT ON MATERIALIZED VIEW app.product_sales IS 'Units sold per product.';
COMMENT ON COLUMN app.product_sales.units IS 'Sum of quantities.';

-- a materialized view left unpopulated: a copy must not populate it
CREATE MATERIALIZED VIEW "Sales Ops".sales_by_region AS
    SELECT region, sum(amount) AS amount FROM "Sales Ops".regional_sales GROUP BY region
    WITH NO DATA;


-- -----------------------------------------------------------------------------------------------------
-- Owners and privileges
-- -----------------------------------------------------------------------------------------------------
ALTER TABLE app.employees OWNER TO pgbarge_demo_owner;
ALTER FUNCTION app.order_stats(app.order_status) OWNER TO pgbarge_demo_owner;
ALTER TYPE app.address OWNER TO pgbarge_demo_owner;
ALTER MATERIALIZED VIEW "Sales Ops".sales_by_region OWNER TO pgbarge_demo_owner;

GRANT USAGE ON SCHEMA app TO pgbarge_demo_reader;
GRANT USAGE ON SCHEMA "Sales Ops" TO pgbarge_demo_reader;
GRANT SELECT ON app.customers, app.products, app.customer_orders, app.product_sales TO pgbarge_demo_reader;
GRANT SELECT, INSERT, UPDATE ON app.orders TO pgbarge_demo_reader WITH GRANT OPTION;
GRANT SELECT (id, name), UPDATE (name) ON app.employees TO pgbarge_demo_reader;   -- column privileges
GRANT SELECT ON "Sales Ops".regional_sales TO pgbarge_demo_reader;
GRANT USAGE, SELECT ON SEQUENCE app.ticket_seq TO pgbarge_demo_reader;
GRANT USAGE ON TYPE app.mood TO pgbarge_demo_reader;
REVOKE EXECUTE ON FUNCTION app.make_code(text, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.make_code(text, bigint) TO pgbarge_demo_reader;
REVOKE ALL ON TABLE app.awkward FROM PUBLIC;
REVOKE UPDATE ON TABLE app.documents FROM CURRENT_USER;   -- even the owner's own privileges can be trimmed

ALTER DEFAULT PRIVILEGES FOR ROLE pgbarge_demo_owner IN SCHEMA "Sales Ops"
    GRANT SELECT ON TABLES TO pgbarge_demo_reader;


-- -----------------------------------------------------------------------------------------------------
-- Statistics for the planner (and for the demo's size estimates)
-- -----------------------------------------------------------------------------------------------------
ANALYZE;
