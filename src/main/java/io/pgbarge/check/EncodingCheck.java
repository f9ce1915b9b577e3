package io.pgbarge.check;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Server encodings (every row passes through UTF8 on its way, so a target that is neither UTF8 nor
 * the source's encoding may not represent the source's text), the databases' default collations
 * (libc or ICU), and the collations the source's columns, indexes and domains use.
 */
public final class EncodingCheck implements Check {
    @Override
    public String topic() {
        return "encodings and collations";
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        List<Finding> out = new ArrayList<>();
        encodings(ctx, out);
        databaseLocales(ctx, out);
        collations(ctx, out);
        return out;
    }

    private static void encodings(CheckContext ctx, List<Finding> out) {
        String s = ctx.sourceFacts().encoding();
        String t = ctx.targetFacts().encoding();
        if (s.equals(t)) {
            return;
        }
        List<String> objects = List.of("source encoding " + s, "target encoding " + t);
        if (t.equals("SQL_ASCII")) {
            out.add(Finding.warning("encoding-mismatch", objects,
                    "the target's encoding is SQL_ASCII: it stores the source's " + s + " text as bytes, unchecked and"
                            + " without conversion, and sorts and compares it bytewise.",
                    "Copy into a UTF8 database (CREATE DATABASE … ENCODING 'UTF8' TEMPLATE template0)."));
        } else if (s.equals("SQL_ASCII")) {
            out.add(Finding.warning("encoding-mismatch", objects,
                    "the source's encoding is SQL_ASCII: its text was never validated, so rows holding bytes that are"
                            + " not valid " + t + " will be refused by the target (invalid byte sequence).",
                    "Find and fix such rows on the source first, or copy into a SQL_ASCII database."));
        } else if (t.equals("UTF8")) {
            out.add(Finding.info("encoding-converted", objects,
                    "text is converted from " + s + " to UTF8, which represents every character.", ""));
        } else {
            out.add(Finding.blocker("encoding-mismatch", objects,
                    "the target's encoding " + t + " cannot represent every character of the source's " + s
                            + ": rows holding others are refused (character has no equivalent in encoding \"" + t + "\").",
                    "Copy into a database created with ENCODING '" + s + "' (or 'UTF8') TEMPLATE template0."));
        }
    }

    record DbLocale(String provider, String collate, String ctype, String icu) {
        String describe() {
            return "icu".equals(provider) ? "ICU locale " + icu : (collate.equals(ctype) ? "libc locale " + collate
                    : "libc locale " + collate + " (LC_CTYPE " + ctype + ")");
        }
    }

    static DbLocale databaseLocale(Connection c, ServerFacts f) throws SQLException {
        String provider = f.atLeast(15) ? "CASE d.datlocprovider WHEN 'i' THEN 'icu' WHEN 'b' THEN 'builtin' ELSE 'libc' END" : "'libc'";
        String icu = f.atLeast(17) ? "d.datlocale" : f.atLeast(15) ? "d.daticulocale" : "NULL";
        return Queries.list(c, "SELECT " + provider + ", d.datcollate, d.datctype, " + icu
                + " FROM pg_catalog.pg_database d WHERE d.datname = current_database()",
                rs -> new DbLocale(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).get(0);
    }

    private static void databaseLocales(CheckContext ctx, List<Finding> out) throws SQLException {
        DbLocale s = databaseLocale(ctx.source(), ctx.sourceFacts());
        DbLocale t = databaseLocale(ctx.target(), ctx.targetFacts());
        if (s.provider().equals("builtin") && t.provider().equals("builtin") && Objects.equals(s.icu(), t.icu())) {
            return;
        }
        if (s.describe().equals(t.describe())) {
            return;
        }
        out.add(Finding.warning("database-collation-differs",
                List.of("source database " + ctx.sourceFacts().database(), "target database " + ctx.targetFacts().database()),
                "the source database's default collation is " + s.describe() + ", the target's is " + t.describe()
                        + ": text sorts and compares differently (ORDER BY, range queries, upper/lower).",
                "Create the target database with the same locale (CREATE DATABASE … "
                        + ("icu".equals(s.provider()) ? "LOCALE_PROVIDER icu ICU_LOCALE '" + s.icu() + "'"
                        : "LC_COLLATE '" + s.collate() + "' LC_CTYPE '" + s.ctype() + "'") + " TEMPLATE template0)"
                        + " if the order matters."));
    }

    record Used(String schema, String name, String provider, String locale, String user) {
    }

    private static String localeExpr(ServerFacts f) {
        return f.atLeast(17) ? "COALESCE(co.colllocale, co.collcollate)"
                : f.atLeast(15) ? "COALESCE(co.colliculocale, co.collcollate)" : "co.collcollate";
    }

    private static void collations(CheckContext ctx, List<Finding> out) throws SQLException {
        ServerFacts sf = ctx.sourceFacts();
        String coll = " JOIN pg_catalog.pg_collation co ON co.oid = x.coll JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace";
        String cols = "SELECT a.attcollation AS coll, 'column ' || pg_catalog.quote_ident(n.nspname) || '.'"
                + " || pg_catalog.quote_ident(c.relname) || '.' || pg_catalog.quote_ident(a.attname) AS usr"
                + " FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c')"
                + " AND " + Queries.userSchema("n") + " AND " + Queries.userObject("pg_class", "c.oid")
                + " UNION ALL SELECT k.coll, 'index ' || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname)"
                + " FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " CROSS JOIN LATERAL pg_catalog.unnest(i.indcollation::pg_catalog.oid[]) k(coll)"
                + " WHERE " + Queries.userSchema("n") + " AND " + Queries.userObject("pg_class", "c.oid")
                + " UNION ALL SELECT y.typcollation, 'domain ' || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(y.typname)"
                + " FROM pg_catalog.pg_type y JOIN pg_catalog.pg_namespace n ON n.oid = y.typnamespace"
                + " WHERE y.typtype = 'd' AND " + Queries.userSchema("n") + " AND " + Queries.userObject("pg_type", "y.oid")
                + " UNION ALL SELECT co.oid, 'collation ' || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(co.collname)"
                + " FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace n ON n.oid = co.collnamespace"
                + " WHERE " + Queries.userSchema("n") + " AND " + Queries.userObject("pg_collation", "co.oid");
        List<Used> used = Queries.list(ctx.source(), "SELECT DISTINCT cn.nspname, co.collname,"
                + " CASE co.collprovider WHEN 'i' THEN 'icu' WHEN 'c' THEN 'libc' WHEN 'b' THEN 'builtin' ELSE 'default' END,"
                + " " + localeExpr(sf) + ", x.usr FROM (" + cols + ") x" + coll
                + " WHERE x.coll NOT IN (0, 100, 950, 951) ORDER BY 1, 2, 5",
                rs -> new Used(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
        if (used.isEmpty()) {
            return;
        }
        Map<String, List<Used>> byCollation = new LinkedHashMap<>();
        used.forEach(u -> byCollation.computeIfAbsent(u.schema() + "." + u.name(), k -> new ArrayList<>()).add(u));
        long targetIcu = Queries.number(ctx.target(), "SELECT count(*) FROM pg_catalog.pg_collation WHERE collprovider = 'i'");
        for (Map.Entry<String, List<Used>> e : byCollation.entrySet()) {
            Used first = e.getValue().get(0);
            List<String> users = e.getValue().stream().map(Used::user).filter(u -> !u.startsWith("collation ")).toList();
            boolean builtIn = first.schema().equals("pg_catalog");
            String label = "collation " + quote(first.schema()) + "." + quote(first.name()) + " (" + first.provider()
                    + (first.locale() == null ? "" : ", " + first.locale()) + ")";
            List<String> objects = new ArrayList<>();
            objects.add(label);
            objects.addAll(users);
            if (first.provider().equals("icu") && targetIcu == 0) {
                out.add(Finding.blocker("collation-missing", objects,
                        "the source uses ICU " + label + " but the target server was built without ICU: "
                                + (users.isEmpty() ? "it cannot be created." : "it and " + Queries.shortList(users, 3) + " cannot be created."),
                        "Use a target server with ICU support (every managed service has it), or change the collation on the source."));
                continue;
            }
            if (builtIn) {
                String there = Queries.scalar(ctx.target(), "SELECT co.collname FROM pg_catalog.pg_collation co"
                        + " WHERE co.collnamespace = 'pg_catalog'::pg_catalog.regnamespace AND co.collname = ?"
                        + " AND co.collencoding IN (-1, pg_catalog.pg_char_to_encoding(current_setting('server_encoding')))",
                        first.name());
                if (there == null) {
                    out.add(Finding.blocker("collation-missing", objects,
                            label + " does not exist on the target (its operating system lacks that locale, or the encoding"
                                    + " differs): " + Queries.shortList(users, 3) + " cannot be created.",
                            "Use a collation the target has (an ICU one such as \"und-x-icu\" or \""
                                    + (first.locale() == null ? "en-US" : first.locale().replace('_', '-').replaceAll("\\..*", ""))
                                    + "-x-icu\"), or change the columns' collation on the source."));
                }
            } else if (first.provider().equals("libc") && first.locale() != null
                    && !first.locale().equals("C") && !first.locale().equals("POSIX")) {
                String there = Queries.scalar(ctx.target(), "SELECT 1 FROM pg_catalog.pg_collation"
                        + " WHERE collprovider = 'c' AND collcollate = ? LIMIT 1", first.locale());
                if (there == null) {
                    out.add(Finding.warning("collation-locale-unknown", objects,
                            label + " is created on the target, but no libc collation of the target names locale "
                                    + first.locale() + ": CREATE COLLATION may fail if its operating system lacks it.",
                            "Prefer an ICU collation, or check `locale -a` on the target's host."));
                }
            }
        }
    }

    private static String quote(String ident) {
        return ident.matches("[a-z_][a-z0-9_$]*") ? ident : "\"" + ident.replace("\"", "\"\"") + "\"";
    }
}
