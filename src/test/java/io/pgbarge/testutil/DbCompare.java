package io.pgbarge.testutil;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Proves that a target database equals its source: object by object ({@link #schemaDifferences}) and
 * row by row ({@link #dataDifferences}), also when the two servers run different major versions.
 *
 * <p>Each side is read into a map from an object's identity ("table app.orders", "index app.i",
 * "table app.t column x", ...) to its properties (owner, definition, comment, ...), read from the
 * catalogs with the server's own deparse functions where they exist. The two maps are then compared
 * and every difference becomes one readable line, such as
 * {@code table app.t column x: type: source 'integer' target 'bigint'} or
 * {@code index app.i: missing on target}.
 *
 * <p>The comparison runs inside its own transaction (or savepoint, when the caller has a transaction
 * open) that is rolled back, with SET LOCAL settings that make the server's output independent of the
 * session: {@code search_path = ''} so that every user object is schema-qualified, UTC, ISO dates,
 * shortest exact floats, hex bytea. The caller's connection is left as it was.
 *
 * <p>Things that differ between major versions for reasons that have nothing to do with a copy are
 * normalised; each normalisation says why where it is made. Everything else is compared literally.
 */
public final class DbCompare {

    private DbCompare() {
    }

    // ------------------------------------------------------------------------------------------------
    // Public API
    // ------------------------------------------------------------------------------------------------

    /** What a comparison may leave out, for copies made with the pg_dump option of the same name. */
    public enum Ignore {
        /**
         * --no-owner: owners are not compared, and in ACLs an object's owner is written "(owner)",
         * so that the owner's own privileges and the grants it made compare equal under another owner.
         */
        OWNERS,
        /** --no-privileges: ACLs, column privileges and default privileges are not compared. */
        PRIVILEGES,
        /** --no-comments: comments are not compared. */
        COMMENTS
    }

    /** Every difference in the user objects of the two databases; empty when they match. */
    public static List<String> schemaDifferences(Connection source, Connection target, Ignore... ignore) throws SQLException {
        int sourceMajor = majorVersion(source);
        int targetMajor = majorVersion(target);
        Set<Ignore> ignored = ignore.length == 0 ? EnumSet.noneOf(Ignore.class) : EnumSet.copyOf(Arrays.asList(ignore));
        Map<String, Map<String, String>> s = read(source, session -> describeSchema(session, new Context(sourceMajor, targetMajor, ignored)));
        Map<String, Map<String, String>> t = read(target, session -> describeSchema(session, new Context(targetMajor, sourceMajor, ignored)));
        return diff(s, t);
    }

    /**
     * Every difference in the data: row count and an order-independent checksum of each table (leaf
     * partitions and inheritance children each on their own, never through a parent), each populated
     * materialized view, each sequence's value and each large object.
     */
    public static List<String> dataDifferences(Connection source, Connection target) throws SQLException {
        Map<String, Map<String, String>> s = read(source, DbCompare::describeData);
        Map<String, Map<String, String>> t = read(target, DbCompare::describeData);
        return diff(s, t);
    }

    /** Fails, listing every schema and data difference, unless the two databases are the same. */
    public static void assertSame(Connection source, Connection target, Ignore... ignore) throws SQLException {
        List<String> all = new ArrayList<>(schemaDifferences(source, target, ignore));
        all.addAll(dataDifferences(source, target));
        if (!all.isEmpty()) {
            throw new AssertionError("target differs from source in " + all.size() + " way(s):\n  "
                    + String.join("\n  ", all));
        }
    }

    /**
     * The schema description of one database as this class compares it (identity → property → value),
     * for debugging a test. {@code peerMajor} is the major version of the server it is compared with.
     */
    public static Map<String, Map<String, String>> describeSchema(Connection c, int peerMajor, Ignore... ignore) throws SQLException {
        Set<Ignore> ignored = ignore.length == 0 ? EnumSet.noneOf(Ignore.class) : EnumSet.copyOf(Arrays.asList(ignore));
        Context v = new Context(majorVersion(c), peerMajor, ignored);
        return read(c, session -> describeSchema(session, v));
    }

    // ------------------------------------------------------------------------------------------------
    // Comparing two descriptions
    // ------------------------------------------------------------------------------------------------

    private static List<String> diff(Map<String, Map<String, String>> source, Map<String, Map<String, String>> target) {
        List<String> out = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(source.keySet());
        keys.addAll(target.keySet());
        String absentRelation = null; // its columns sort right after it and need no line of their own
        for (String key : keys) {
            Map<String, String> s = source.get(key);
            Map<String, String> t = target.get(key);
            if (absentRelation != null && key.startsWith(absentRelation + " column ")) {
                continue;
            }
            absentRelation = s == null || t == null ? key : null;
            if (t == null) {
                out.add(key + ": missing on target");
            } else if (s == null) {
                out.add(key + ": only on target, not in source");
            } else {
                TreeSet<String> props = new TreeSet<>(s.keySet());
                props.addAll(t.keySet());
                for (String p : props) {
                    String a = s.get(p);
                    String b = t.get(p);
                    if (!Objects.equals(a, b)) {
                        out.add(key + ": " + p + ": source " + show(a) + " target " + show(b));
                    }
                }
            }
        }
        return out;
    }

    private static String show(String v) {
        if (v == null) {
            return "(none)";
        }
        String s = v.length() > 300 ? v.substring(0, 300) + "…(" + v.length() + " chars)" : v;
        return "'" + s + "'";
    }

    // ------------------------------------------------------------------------------------------------
    // Versions, options and the normalisations that depend on them
    // ------------------------------------------------------------------------------------------------

    /** The major version of the server being read and of the one it is compared with; what to ignore. */
    private record Context(int self, int peer, Set<Ignore> ignore) {
        int min() {
            return Math.min(self, peer);
        }

        boolean same() {
            return self == peer;
        }

        /** One side is before 15 and the other 15 or later. */
        boolean straddles15() {
            return Math.min(self, peer) < 15 && Math.max(self, peer) >= 15;
        }

        /** An object's ACL as compared: see {@link DbCompare#acl}; the owner anonymised with OWNERS. */
        String acl(String[] items, boolean stripMaintain, String owner) {
            String a = DbCompare.acl(items, stripMaintain);
            if (a == null || !ignore.contains(Ignore.OWNERS) || owner == null) {
                return a;
            }
            List<String> out = new ArrayList<>();
            for (String item : a.split(",")) {
                Matcher m = ACL_ITEM.matcher(item);
                if (m.matches()) {
                    item = (m.group(1).equals(owner) ? "(owner)" : m.group(1)) + "=" + m.group(2) + "/"
                            + (m.group(3).equals(owner) ? "(owner)" : m.group(3));
                }
                out.add(item);
            }
            out.sort(null);
            return String.join(",", out);
        }

        /** Drops what the options say to ignore from a finished description. */
        void applyIgnores(Map<String, Map<String, String>> description) {
            if (ignore.contains(Ignore.PRIVILEGES)) {
                description.keySet().removeIf(k -> k.startsWith("default privileges "));
            }
            for (Map<String, String> o : description.values()) {
                o.keySet().removeIf(p -> (ignore.contains(Ignore.OWNERS) && p.equals("owner"))
                        || (ignore.contains(Ignore.PRIVILEGES) && p.equals("acl"))
                        || (ignore.contains(Ignore.COMMENTS) && p.startsWith("comment")));
            }
            // an object left with no properties still exists: keep its key
        }
    }

    private static final Pattern ACL_ITEM = Pattern.compile("^(.*)=([A-Za-z*]*)/(.*)$");

    /**
     * An ACL as a sorted, comma-separated list. {@code items} is the effective ACL: the catalog's, or
     * acldefault() when the catalog has NULL (NULL and an explicit ACL equal to the default mean the
     * same thing, and a restore may produce either). Items are sorted because their order only
     * records the order of the GRANTs.
     *
     * <p>{@code stripMaintain}: PostgreSQL 17 added the MAINTAIN privilege ('m') on tables and
     * materialized views; owners hold it implicitly and GRANT ALL includes it. A server before 17
     * can neither have nor lack it, so when either side is older than 17 it is left out of both.
     */
    private static String acl(String[] items, boolean stripMaintain) {
        if (items == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String item : items) {
            Matcher m = ACL_ITEM.matcher(item);
            if (stripMaintain && m.matches()) {
                String privs = m.group(2).replaceAll("m\\*?", "");
                if (privs.isEmpty()) {
                    continue;
                }
                item = m.group(1) + "=" + privs + "/" + m.group(3);
            }
            out.add(item);
        }
        out.sort(null);
        return String.join(",", out);
    }

    // ------------------------------------------------------------------------------------------------
    // Reading one database's schema
    // ------------------------------------------------------------------------------------------------

    /** Schemas that belong to the system. */
    private static final String SYSTEM_SCHEMA = "(%1$s IN ('pg_catalog', 'information_schema', 'pg_toast')"
            + " OR %1$s LIKE 'pg\\_temp\\_%%' OR %1$s LIKE 'pg\\_toast\\_temp\\_%%')";

    private static String userSchema(String nspnameExpr) {
        return "NOT " + String.format(SYSTEM_SCHEMA, nspnameExpr);
    }

    /** Not created by an extension's script: such objects come with CREATE EXTENSION. */
    private static String notExtensionMember(String catalog, String oidExpr) {
        return "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep WHERE dep.classid = 'pg_catalog." + catalog
                + "'::pg_catalog.regclass AND dep.objid = " + oidExpr + " AND dep.deptype = 'e')";
    }

    private static Map<String, Map<String, String>> describeSchema(Session s, Context v) throws SQLException {
        Map<String, Map<String, String>> out = new TreeMap<>();
        schemas(s, v, out);
        extensions(s, v, out);
        types(s, v, out);
        sequences(s, v, out);
        relations(s, v, out);
        columns(s, v, out);
        constraints(s, v, out);
        indexes(s, out);
        functions(s, v, out);
        aggregates(s, out);
        triggers(s, out);
        policies(s, out);
        rules(s, v, out);
        statistics(s, out);
        defaultAcls(s, v, out);
        collations(s, v, out);
        largeObjectMetadata(s, v, out);
        operators(s, v, out);
        operatorFamilies(s, v, out);
        operatorClasses(s, v, out);
        casts(s, out);
        conversions(s, v, out);
        textSearch(s, v, out);
        foreignData(s, v, out);
        eventTriggers(s, v, out);
        publications(s, v, out);
        database(s, v, out);
        languages(s, v, out);
        accessMethods(s, out);
        transforms(s, out);
        securityLabels(s, out);
        v.applyIgnores(out);
        return out;
    }

    private static Map<String, String> object(Map<String, Map<String, String>> out, String key) {
        return out.computeIfAbsent(key, k -> new TreeMap<>());
    }

    private static void schemas(Session s, Context v, Map<String, Map<String, String>> out) throws SQLException {
        for (Row r : s.rows("SELECT pg_catalog.quote_ident(n.nspname) AS name, n.nspname = 'public' AS is_public,"
                + " pg_catalog.pg_get_userbyid(n.nspowner) AS owner, n.nspowner = 10 AS bootstrap_owner,"
                + " pg_catalog.pg_get_userbyid(10) AS bootstrap,"
                + " coalesce(n.nspacl, pg_catalog.acldefault('n', n.nspowner))::text[] AS acl,"
                + " pg_catalog.obj_description(n.oid, 'pg_namespace') AS comment"
                + " FROM pg_catalog.pg_namespace n WHERE " + userSchema("n.nspname")
                + " AND " + notExtensionMember("pg_namespace", "n.oid"))) {
            Map<String, String> o = object(out, "schema " + r.get("name"));
            String owner = r.get("owner");
            String acl = v.acl(r.array("acl"), false, owner);
            if (r.bool("is_public") && v.straddles15()) {
                // PostgreSQL 15 changed the public schema that initdb creates: owner pg_database_owner
                // and only USAGE for PUBLIC, where before it was the bootstrap superuser with
                // USAGE+CREATE for PUBLIC. The target keeps the one its initdb made (pg_dump
                // deliberately leaves it alone), so each server's own default counts as "default".
                String b = r.get("bootstrap");
                if (r.bool("bootstrap_owner") || owner.equals("pg_database_owner")) {
                    owner = "(initdb default)";
                }
                String raw = acl(r.array("acl"), false);
                if (raw.equals(acl(new String[] {b + "=UC/" + b, "=UC/" + b}, false))
                        || raw.equals(acl(new String[] {"pg_database_owner=UC/pg_database_owner",
                                "=U/pg_database_owner"}, false))) {
                    acl = "(initdb default)";
                }
            }
            o.put("owner", owner);
            o.put("acl", acl);
            o.put("comment", r.get("comment"));
        }
    }

    private static void extensions(Session s, Context v, Map<String, Map<String, String>> out) throws SQLException {
        for (Row r : s.rows("SELECT pg_catalog.quote_ident(e.extname) AS name, e.extversion,"
                + " pg_catalog.quote_ident(n.nspname) AS schema, e.extrelocatable,"
                + " pg_catalog.obj_description(e.oid, 'pg_extension') AS comment"
                + " FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace"
                + " WHERE e.extname <> 'plpgsql'")) {
            Map<String, String> o = object(out, "extension " + r.get("name"));
            o.put("schema", r.get("schema"));
            if (v.same()) {
                // The version and its comment come from the target's own binaries: each major ships
                // its own version of a contrib extension, so they are compared only within one major.
                o.put("version", r.get("extversion"));
                o.put("comment", r.get("comment"));
            }
        }
    }

    private static void types(Session s, Context v, Map<String, Map<String, String>> out) throws SQLException {
        // Implicit types are left out: array types (come with their element type), the row types of
        // tables, views and sequences (come with the relation), and multiranges, which PostgreSQL 14+
        // creates by itself for every range type (a 13 → 17 copy gains them, a 17 → 13 copy cannot
        // have them).
        String domainConstraintFilter = v.min() >= 17 ? "" : " AND con.contype <> 'n'";
        // Domain NOT NULL became a named pg_constraint row in PostgreSQL 17; typnotnull carries it for
        // every version, so the row is compared only when both sides have it.
        for (Row r : s.rows("SELECT t.oid, pg_catalog.format_type(t.oid, NULL) AS name, t.typtype,"
                + " pg_catalog.pg_get_userbyid(t.typowner) AS owner,"
                + " coalesce(t.typacl, pg_catalog.acldefault('T', t.typowner))::text[] AS acl,"
                + " pg_catalog.obj_description(t.oid, 'pg_type') AS comment,"
                + " (SELECT pg_catalog.string_agg(pg_catalog.quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)"
                + "    FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid) AS enum_labels,"
                + " CASE WHEN t.typtype = 'd' THEN pg_catalog.format_type(t.typbasetype, t.typtypmod) END AS domain_base,"
                + " CASE WHEN t.typtype = 'd' THEN t.typnotnull END AS domain_not_null,"
                + " t.typdefault AS default_value,"
                + " CASE WHEN t.typtype = 'd' AND t.typcollation <> bt.typcollation THEN t.typcollation::pg_catalog.regcollation::text END AS collation,"
                + " (SELECT pg_catalog.string_agg(pg_catalog.quote_ident(con.conname) || ' ' || pg_catalog.pg_get_constraintdef(con.oid)"
                + "      || CASE WHEN con.convalidated THEN '' ELSE ' (not validated)' END, '; ' ORDER BY con.conname)"
                + "    FROM pg_catalog.pg_constraint con WHERE con.contypid = t.oid" + domainConstraintFilter + ") AS domain_constraints,"
                + " (SELECT pg_catalog.string_agg(pg_catalog.quote_ident(con.conname) || ': ' || pg_catalog.obj_description(con.oid, 'pg_constraint'), '; ' ORDER BY con.conname)"
                + "    FROM pg_catalog.pg_constraint con WHERE con.contypid = t.oid) AS constraint_comments,"
                + " (SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname) || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod)"
                + "      || CASE WHEN a.attcollation <> at.typcollation THEN ' COLLATE ' || a.attcollation::pg_catalog.regcollation::text ELSE '' END,"
                + "      ', ' ORDER BY a.attnum)"
                + "    FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type at ON at.oid = a.atttypid"
                + "    WHERE t.typtype = 'c' AND a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) AS attributes,"
                + " (SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname) || ': ' || pg_catalog.col_description(t.typrelid, a.attnum), '; ' ORDER BY a.attnum)"
                + "    FROM pg_catalog.pg_attribute a"
                + "    WHERE t.typtype = 'c' AND a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) AS attribute_comments,"
                + " (SELECT pg_catalog.format_type(rg.rngsubtype, NULL)"
                + "      || ' opclass ' || pg_catalog.quote_ident(opcn.nspname) || '.' || pg_catalog.quote_ident(opc.opcname)"
                + "      || CASE WHEN rg.rngcollation <> 0 THEN ' collation ' || rg.rngcollation::pg_catalog.regcollation::text ELSE '' END"
                + "      || ' canonical ' || rg.rngcanonical::pg_catalog.regproc::text"
                + "      || ' subtype_diff ' || rg.rngsubdiff::pg_catalog.regproc::text"
                + "    FROM pg_catalog.pg_range rg JOIN pg_catalog.pg_opclass opc ON opc.oid = rg.rngsubopc"
                + "    JOIN pg_catalog.pg_namespace opcn ON opcn.oid = opc.opcnamespace"
                + "    WHERE rg.rngtypid = t.oid) AS range,"
                + " CASE WHEN t.typtype = 'b' THEN 'input ' || t.typinput::pg_catalog.regproc::text"
                + "    || ', output ' || t.typoutput::pg_catalog.regproc::text || ', receive ' || t.typreceive::pg_catalog.regproc::text"
                + "    || ', send ' || t.typsend::pg_catalog.regproc::text || ', typmod_in ' || t.typmodin::pg_catalog.regproc::text"
                + "    || ', typmod_out ' || t.typmodout::pg_catalog.regproc::text || ', analyze ' || t.typanalyze::pg_catalog.regproc::text"
                + "    || ', length ' || t.typlen::text || ', by value ' || t.typbyval::text || ', alignment ' || t.typalign::text"
                + "    || ', storage ' || t.typstorage::text || ', category ' || t.typcategory::text || ', preferred ' || t.typispreferred::text"
                + "    || ', delimiter ' || t.typdelim::text || ', collatable ' || (t.typcollation <> 0)::text"
                + "    || CASE WHEN t.typelem <> 0 THEN ', element ' || pg_catalog.format_type(t.typelem, NULL) ELSE '' END END AS base"
                + " FROM pg_catalog.pg_type t"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
                + " LEFT JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype"
                + " WHERE " + userSchema("n.nspname") + " AND " + notExtensionMember("pg_type", "t.oid")
                // shell types that stay shells (CREATE TYPE name; never completed) are objects too
                + " AND (t.typtype IN ('b', 'c', 'd', 'e', 'r') OR (t.typtype = 'p' AND NOT t.typisdefined))"
                + " AND NOT (t.typcategory = 'A' AND t.typelem <> 0)"
                + " AND (t.typrelid = 0 OR (SELECT c.relkind FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid) = 'c')")) {
            String kind = switch (r.get("typtype")) {
                case "e" -> "enum";
                case "d" -> "domain";
                case "c" -> "composite type";
                case "r" -> "range type";
                case "p" -> "shell type";
                default -> "base type";
            };
            Map<String, String> o = object(out, "type " + r.get("name"));
            o.put("kind", kind);
            o.put("owner", r.get("owner"));
            o.put("acl", v.acl(r.array("acl"), false, r.get("owner")));
            o.put("comment", r.get("comment"));
            o.put("labels", r.get("enum_labels"));
            o.put("base type", r.get("domain_base"));
            o.put("not null", r.get("domain_not_null"));
            o.put("default", r.get("default_value"));
            o.put("collation", r.get("collation"));
            o.put("constraints", r.get("domain_constraints"));
            o.put("comment on constraints", r.get("constraint_comments"));
            o.put("attributes", r.get("attributes"));
            o.put("comment on attributes", r.get("attribute_comments"));
            o.put("range", r.get("range"));
            o.put("base type properties", r.get("base"));
            o.values().removeIf(Objects::isNull);
        }
    }

    private static void sequences(Session s, Context v, Map<String, Map<String, String>> out) throws SQLException {
        // The sequence's current value is data (pg_dump writes it as SEQUENCE SET in the data
        // section), so it is compared by dataDifferences, and a schema-only copy compares clean here.
        for (Row r : s.rows("SELECT c.oid::pg_catalog.regclass::text AS name, c.relpersistence,"
                + " pg_catalog.format_type(sq.seqtypid, NULL) AS type, sq.seqstart, sq.seqincrement, sq.seqmin, sq.seqmax,"
                + " sq.seqcache, sq.seqcycle,"
                + " pg_catalog.pg_get_userbyid(c.relowner) AS owner,"
                + " coalesce(c.relacl, pg_catalog.acldefault('s', c.relowner))::text[] AS acl,"
                + " pg_catalog.obj_description(c.oid, 'pg_class') AS comment,"
                + " (SELECT d.refobjid::pg_catalog.regclass::text || '.' || pg_catalog.quote_ident(a.attname)"
                + "      || CASE d.deptype WHEN 'i' THEN ' (identity)' ELSE '' END"
                + "    FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
                + "    WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid"
                + "      AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjsubid > 0"
                + "      AND d.deptype IN ('a', 'i')) AS owned_by"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_sequence sq ON sq.seqrelid = c.oid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind = 'S' AND " + userSchema("n.nspname") + " AND " + notExtensionMember("pg_class", "c.oid"))) {
            Map<String, String> o = object(out, "sequence " + r.get("name"));
            o.put("type", r.get("type"));
            o.put("start", r.get("seqstart"));
            o.put("increment", r.get("seqincrement"));
            o.put("min", r.get("seqmin"));
            o.put("max", r.get("seqmax"));
            o.put("cache", r.get("seqcache"));
            o.put("cycle", r.get("seqcycle"));
            o.put("owned by", r.get("owned_by"));
            o.put("owner", r.get("owner"));
            o.put("acl", v.acl(r.array("acl"), false, r.get("owner")));
            o.put("comment", r.get("comment"));
            if (v.min() >= 15) {
                // Unlogged sequences exist from PostgreSQL 15 on, and from then the sequences of an
                // unlogged table's serial/identity columns are unlogged too; before 15 every sequence
                // is logged. Only comparable when both sides have the feature.
                o.put("persistence", r.get("relpersistence"));
            }
            o.values().removeIf(Objects::isNull);
        }
    }

    private static String relkindName(String relkind) {
        return switch (relkind) {
            case "r" -> "table";
            case "p" -> "partitioned table";
            case "v" -> "view";
            case "m" -> "materialized view";
            case "f" -> "foreign table";
            default -> "relation(" + relkind + ")";
        };
    }

    /** Relations described here: tables, views, materialized views, foreign tables. */
    private static final String RELKINDS = "('r', 'p', 'v', 'm', 'f')";

    private static void relations(Session s, Context v, Map<String, Map<String, String>> out) throws SQLException {
        for (Row r : s.rows("SELECT c.oid::pg_catalog.regclass::text AS name, c.relkind, c.relpersistence,"
                + " (SELECT pg_catalog.string_agg(opt, ', ' ORDER BY opt) FROM pg_catalog.unnest(c.reloptions) opt) AS options,"
                + " CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END AS partition_key,"
                + " CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,"
                + " (SELECT pg_catalog.string_agg(i.inhparent::pg_catalog.regclass::text, ', ' ORDER BY i.inhseqno)"
                + "    FROM pg_catalog.pg_inherits i WHERE i.inhrelid = c.oid) AS parents,"
                + " CASE WHEN c.relkind IN ('v', 'm') THEN pg_catalog.pg_get_viewdef(c.oid) END AS definition,"
                + " CASE WHEN c.reloftype <> 0 THEN pg_catalog.format_type(c.reloftype, NULL) END AS of_type,"
                + " c.relreplident, c.relrowsecurity, c.relforcerowsecurity,"
                + " CASE WHEN c.relam <> 0 THEN (SELECT am.amname FROM pg_catalog.pg_am am WHERE am.oid = c.relam) END AS access_method,"
                + " pg_catalog.pg_get_userbyid(c.relowner) AS owner,"
                + " coalesce(c.relacl, pg_catalog.acldefault('r', c.relowner))::text[] AS acl,"
                + " pg_catalog.obj_description(c.oid, 'pg_class') AS comment,"
                + " (SELECT pg_catalog.quote_ident(fs.srvname) FROM pg_catalog.pg_foreign_table ft"
                + "    JOIN pg_catalog.pg_foreign_server fs ON fs.oid = ft.ftserver WHERE ft.ftrelid = c.oid) AS server,"
                + " (SELECT pg_catalog.string_agg(opt, ', ' ORDER BY opt) FROM pg_catalog.pg_foreign_table ft,"
                + "    pg_catalog.unnest(ft.ftoptions) opt WHERE ft.ftrelid = c.oid) AS foreign_options"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN " + RELKINDS + " AND " + userSchema("n.nspname")
                + " AND " + notExtensionMember("pg_class", "c.oid"))) {
            String kind = relkindName(r.get("relkind"));
            Map<String, String> o = object(out, kind + " " + r.get("name"));
            o.put("persistence", switch (r.get("relpersistence")) {
                case "u" -> "unlogged";
                case "t" -> "temporary";
                default -> "logged";
            });
            o.put("options", r.get("options"));
            o.put("partition key", r.get("partition_key"));
            o.put("partition bound", r.get("partition_bound"));
            o.put("parents", r.get("parents"));
            o.put("definition", viewDefinition(r.get("definition"), v, s.schemaNames()));
            o.put("of type", r.get("of_type"));
            o.put("replica identity", r.get("relreplident"));
            if (r.bool("relrowsecurity") || r.bool("relforcerowsecurity")) {
                o.put("row security", r.get("relrowsecurity") + (r.bool("relforcerowsecurity") ? " (forced)" : ""));
            }
            o.put("access method", r.get("access_method"));
            o.put("server", r.get("server"));
            o.put("foreign options", r.get("foreign_options"));
            o.put("owner", r.get("owner"));
            // MAINTAIN exists from 17 on: see acl()
            o.put("acl", v.acl(r.array("acl"), v.min() < 17, r.get("owner")));
            o.put("comment", r.get("comment"));
            o.values().removeIf(Objects::isNull);
        }
    }

    /** An identifier followed by a dot, not itself preceded by a dot or identifier character. */
    private static final Pattern QUALIFIER = Pattern.compile(
            "(?<![\\p{L}\\p{N}_$.\"])(\"(?:[^\"]|\"\")*\"|[\\p{L}_][\\p{L}\\p{N}_$]*)\\.(?=[\\p{L}_\"*])");

    /**
     * A view's or rule's deparsed query, normalised.
     *
     * <p>pg_get_viewdef's layout (indentation, line breaks) is not part of a view's meaning and is not
     * kept stable across major versions, so runs of white space are collapsed to one space.
     *
     * <p>PostgreSQL 16 stopped qualifying column references with their relation when the query has
     * only one ("SELECT id FROM app.products" where 15 printed "SELECT products.id FROM
     * app.products"). When one side is before 16 and the other 16 or later, column qualifiers are
     * removed from both sides: every "name." that is not a schema name. Schema qualifiers of
     * relations, functions and types stay.
     */
    private static String viewDefinition(String def, Context v, java.util.Set<String> schemaNames) {
        if (def == null) {
            return null;
        }
        String d = def.replaceAll("\\s+", " ").trim();
        if (v.min() < 16 && Math.max(v.self(), v.peer()) >= 16) {
            Matcher m = QUALIFIER.matcher(d);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String q = m.group(1);
                String name = q.startsWith("\"") ? q.substring(1, q.length() - 1).replace("\"\"", "\"") : q;
                m.appendReplacement(sb, Matcher.quoteReplacement(schemaNames.contains(name) ? m.group() : ""));
            }
            m.appendTail(sb);
            d = sb.toString();
        }
        return d;
    }

    private static void columns(Session s, Context v, Map<String, Map<String, String>> out) throws SQLException {
        // Columns are numbered by their position among live columns, not by attnum: a dropped column
        // leaves a gap in attnum that no dump or copy reproduces.
        for (Row r : s.rows("SELECT c.oid::pg_catalog.regclass::text AS rel, c.relkind, pg_catalog.quote_ident(a.attname) AS name,"
                + " pg_catalog.row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum) AS position,"
                + " pg_catalog.format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull,"
                + " pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) AS default_expr, a.attgenerated, a.attidentity,"
                + " CASE WHEN a.attcollation <> t.typcollation THEN a.attcollation::pg_catalog.regcollation::text END AS collation,"
                + " CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage END AS storage,"
                + " CASE WHEN a.attstattarget >= 0 THEN a.attstattarget END AS stattarget,"
                + " (SELECT pg_catalog.string_agg(opt, ', ' ORDER BY opt) FROM pg_catalog.unnest(a.attoptions) opt) AS options,"
                + " (SELECT pg_catalog.string_agg(opt, ', ' ORDER BY opt) FROM pg_catalog.unnest(a.attfdwoptions) opt) AS fdw_options,"
                + " a.attislocal, a.attinhcount, a.attacl::text[] AS acl, pg_catalog.pg_get_userbyid(c.relowner) AS owner,"
                + " pg_catalog.col_description(c.oid, a.attnum) AS comment"
                + " FROM pg_catalog.pg_attribute a"
                + " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
                + " LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum"
                + " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN " + RELKINDS
                + " AND " + userSchema("n.nspname") + " AND " + notExtensionMember("pg_class", "c.oid"))) {
            Map<String, String> o = object(out, relkindName(r.get("relkind")) + " " + r.get("rel") + " column " + r.get("name"));
            o.put("position", r.get("position"));
            o.put("type", r.get("type"));
            o.put("not null", r.get("attnotnull"));
            String generated = r.get("attgenerated");
            if (generated.isEmpty()) {
                o.put("default", r.get("default_expr"));
            } else {
                o.put("generated", (generated.equals("s") ? "stored " : "virtual ") + r.get("default_expr"));
            }
            String identity = r.get("attidentity");
            if (!identity.isEmpty()) {
                o.put("identity", identity.equals("a") ? "always" : "by default");
            }
            o.put("collation", r.get("collation"));
            o.put("storage", r.get("storage"));
            o.put("statistics target", r.get("stattarget"));
            o.put("options", r.get("options"));
            o.put("fdw options", r.get("fdw_options"));
            if (!r.bool("attislocal") || !"0".equals(r.get("attinhcount"))) {
                o.put("inheritance", (r.bool("attislocal") ? "local, " : "") + "inherited " + r.get("attinhcount") + "x");
            }
            // column privileges: NULL (or empty, after revoking them all) means none beyond the
            // table's; MAINTAIN is table-level only
            String columnAcl = v.acl(r.array("acl"), false, r.get("owner"));
            o.put("acl", columnAcl == null || columnAcl.isEmpty() ? null : columnAcl);
            o.put("comment", r.get("comment"));
            o.values().removeIf(Objects::isNull);
        }
    }

    private static void constraints(Session s, Context v, Map<String, Map<String, String>> out) throws SQLException {
        // PostgreSQL 18 records NOT NULL as named pg_constraint rows (contype 'n'); before, only
        // attnotnull, which the column description carries for every version. The named rows are
        // compared only when both sides have them.
        String notNullFilter = v.min() >= 18 ? "" : " AND con.contype <> 'n'";
        for (Row r : s.rows("SELECT con.conrelid::pg_catalog.regclass::text AS rel, pg_catalog.quote_ident(con.conname) AS name,"
                + " con.contype, pg_catalog.pg_get_constraintdef(con.oid) AS definition,"
                + " con.condeferrable, con.condeferred, con.convalidated,"
                + " CASE WHEN con.conparentid <> 0 THEN (SELECT pc.conrelid::pg_catalog.regclass::text || ' ' || pg_catalog.quote_ident(pc.conname)"
                + "    FROM pg_catalog.pg_constraint pc WHERE pc.oid = con.conparentid) END AS parent,"
                + " con.conislocal, con.coninhcount, con.connoinherit,"
                + " pg_catalog.obj_description(con.oid, 'pg_constraint') AS comment"
                + " FROM pg_catalog.pg_constraint con"
                + " JOIN pg_catalog.pg_class c ON c.oid = con.conrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE con.conrelid <> 0 AND " + userSchema("n.nspname")
                + " AND " + notExtensionMember("pg_class", "c.oid") + notNullFilter)) {
            Map<String, String> o = object(out, "constraint " + r.get("name") + " on " + r.get("rel"));
            o.put("type", r.get("contype"));
            o.put("definition", r.get("definition"));
            o.put("deferrable", r.bool("condeferrable") ? (r.bool("condeferred") ? "initially deferred" : "initially immediate") : "no");
            o.put("validated", r.get("convalidated"));
            o.put("parent", r.get("parent"));
            if (!r.bool("conislocal") || !"0".equals(r.get("coninhcount"))) {
                o.put("inheritance", (r.bool("conislocal") ? "local, " : "") + "inherited " + r.get("coninhcount") + "x");
            }
            // NO INHERIT means something only for CHECK (and NOT NULL) constraints. On keys the flag is
            // an accident of how the constraint was made: false when a partition's key was cloned from
            // its parent's, true when created on the partition and attached, as pg_dump does.
            if (r.bool("connoinherit") && (r.get("contype").equals("c") || r.get("contype").equals("n"))) {
                o.put("no inherit", "true");
            }
            o.put("comment", r.get("comment"));
            o.values().removeIf(Objects::isNull);
        }
    }

    private static void indexes(Session s, Map<String, Map<String, String>> out) throws SQLException {
        for (Row r : s.rows("SELECT ic.oid::pg_catalog.regclass::text AS name, pg_catalog.pg_get_indexdef(ic.oid) AS definition,"
                + " x.indisclustered, x.indisreplident,"
                + " (SELECT i.inhparent::pg_catalog.regclass::text FROM pg_catalog.pg_inherits i WHERE i.inhrelid = ic.oid) AS attached_to,"
                + " pg_catalog.obj_description(ic.oid, 'pg_class') AS comment"
                + " FROM pg_catalog.pg_index x"
                + " JOIN pg_catalog.pg_class ic ON ic.oid = x.indexrelid"
                + " JOIN pg_catalog.pg_class tc ON tc.oid = x.indrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = ic.relnamespace"
                + " WHERE tc.relkind IN ('r', 'p', 'm') AND " + userSchema("n.nspname")
                + " AND " + notExtensionMember("pg_class", "tc.oid"))) {
            Map<String, String> o = object(out, "index " + r.get("name"));
            o.put("definition", r.get("definition"));
            if (r.bool("indisclustered")) {
                o.put("clustered", "true");
            }
            if (r.bool("indisreplident")) {
                o.put("replica identity", "true");
            }
            o.put("attached to", r.get("attached_to"));
            o.put("comment", r.get("comment"));
            o.values().removeIf(Objects::isNull);
        }
    }

    private static final String PROC_NAME = "pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(p.proname)";

    private static void functions(Session s, Context v, Map<String, Map<String, String>> out) throws SQLException {
        // Functions are described field by field rather than by pg_get_functiondef, whose layout is
        // not the point; prosrc is the body exactly as written, which every version keeps verbatim.
        // SQL-standard bodies (BEGIN ATOMIC, 14+) have no prosrc; their parsed body is deparsed.
        String sqlBody = s.major >= 14
                ? "CASE WHEN p.prosqlbody IS NOT NULL THEN pg_catalog.pg_get_function_sqlbody(p.oid) END"
                : "NULL::text";
        // (not p.oid::regproc: that prints a bare OID for an overloaded name)
        for (Row r : s.rows("SELECT " + PROC_NAME + " AS name, pg_catalog.pg_get_function_identity_arguments(p.oid) AS identity,"
                + " p.prokind, pg_catalog.pg_get_function_arguments(p.oid) AS arguments,"
                + " pg_catalog.pg_get_function_result(p.oid) AS result, l.lanname, p.provolatile, p.proisstrict,"
                + " p.prosecdef, p.proleakproof, p.proparallel, p.procost, p.prorows, p.proretset,"
                + " (SELECT pg_catalog.string_agg(cfg, ', ' ORDER BY cfg) FROM pg_catalog.unnest(p.proconfig) cfg) AS config,"
                + " CASE WHEN p.prosupport <> 0 THEN p.prosupport::pg_catalog.regproc::text END AS support,"
                + " (SELECT pg_catalog.string_agg(pg_catalog.format_type(tt, NULL), ', ' ORDER BY ord)"
                + "    FROM pg_catalog.unnest(p.protrftypes) WITH ORDINALITY AS x(tt, ord)) AS transform_types,"
                + " p.prosrc, p.probin, " + sqlBody + " AS sqlbody,"
                + " pg_catalog.pg_get_userbyid(p.proowner) AS owner,"
                + " coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))::text[] AS acl,"
                + " pg_catalog.obj_description(p.oid, 'pg_proc') AS comment"
                + " FROM pg_catalog.pg_proc p"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
                + " JOIN pg_catalog.pg_language l ON l.oid = p.prolang"
                + " WHERE " + userSchema("n.nspname") + " AND " + notExtensionMember("pg_proc", "p.oid")
                // the constructors of range types (and of the multiranges 14+ adds) come with the type
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep WHERE dep.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass"
                + "   AND dep.objid = p.oid AND dep.deptype = 'i')")) {
            String kind = switch (r.get("prokind")) {
                case "p" -> "procedure";
                case "a" -> "aggregate";
                case "w" -> "window function";
                default -> "function";
            };
            String name = r.get("name");
            String identity = r.get("identity");
            String arguments = r.get("arguments");
            if (kind.equals("procedure")) {
                // PostgreSQL 14 let procedures have OUT parameters and from then prints the mode of
                // every argument, "IN" included; 13 printed input arguments without it.
                identity = dropInMode(identity);
                arguments = dropInMode(arguments);
            }
            Map<String, String> o = object(out, kind + " " + name + "(" + identity + ")");
            o.put("owner", r.get("owner"));
            o.put("acl", v.acl(r.array("acl"), false, r.get("owner")));
            o.put("comment", r.get("comment"));
            if (kind.equals("aggregate")) {
                continue; // the rest is in aggregates()
            }
            o.put("arguments", arguments);
            o.put("result", r.get("result"));
            o.put("language", r.get("lanname"));
            o.put("volatility", r.get("provolatile"));
            o.put("strict", r.get("proisstrict"));
            o.put("security definer", r.get("prosecdef"));
            o.put("leakproof", r.get("proleakproof"));
            o.put("parallel", r.get("proparallel"));
            o.put("cost", r.get("procost"));
            o.put("rows", r.get("prorows"));
            o.put("returns set", r.get("proretset"));
            o.put("config", r.get("config"));
            o.put("support", r.get("support"));
            o.put("transform types", r.get("transform_types"));
            o.put("source", r.get("sqlbody") != null ? r.get("sqlbody") : r.get("prosrc"));
            o.put("binary", r.get("probin"));
            o.values().removeIf(Objects::isNull);
        }
    }

    private static String dropInMode(String args) {
        return args == null ? null : args.replaceAll("(^|, )IN ", "$1");
    }

    private static void aggregates(Session s, Map<String, Map<String, String>> out) throws SQLException {
        for (Row r : s.rows("SELECT " + PROC_NAME + " AS name, pg_catalog.pg_get_function_identity_arguments(p.oid) AS identity,"
                + " a.aggkind, a.aggnumdirectargs,"
                + " a.aggtransfn::pg_catalog.regprocedure::text AS transfn,"
                + " NULLIF(a.aggfinalfn, 0)::pg_catalog.regprocedure::text AS finalfn,"
                + " NULLIF(a.aggcombinefn, 0)::pg_catalog.regprocedure::text AS combinefn,"
                + " NULLIF(a.aggserialfn, 0)::pg_catalog.regprocedure::text AS serialfn,"
                + " NULLIF(a.aggdeserialfn, 0)::pg_catalog.regprocedure::text AS deserialfn,"
                + " NULLIF(a.aggmtransfn, 0)::pg_catalog.regprocedure::text AS mtransfn,"
                + " NULLIF(a.aggminvtransfn, 0)::pg_catalog.regprocedure::text AS minvtransfn,"
                + " NULLIF(a.aggmfinalfn, 0)::pg_catalog.regprocedure::text AS mfinalfn,"
                + " a.aggfinalextra, a.aggmfinalextra, a.aggfinalmodify, a.aggmfinalmodify,"
                + " NULLIF(a.aggsortop, 0)::pg_catalog.regoperator::text AS sortop,"
                + " pg_catalog.format_type(a.aggtranstype, NULL) AS transtype, a.aggtransspace,"
                + " CASE WHEN a.aggmtranstype <> 0 THEN pg_catalog.format_type(a.aggmtranstype, NULL) END AS mtranstype,"
                + " a.aggmtransspace, a.agginitval, a.aggminitval,"
                + " pg_catalog.pg_get_function_arguments(p.oid) AS arguments, p.proparallel"
                + " FROM pg_catalog.pg_aggregate a"
                + " JOIN pg_catalog.pg_proc p ON p.oid = a.aggfnoid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
                + " WHERE " + userSchema("n.nspname") + " AND " + notExtensionMember("pg_proc", "p.oid"))) {
            Map<String, String> o = object(out, "aggregate " + r.get("name") + "(" + r.get("identity") + ")");
            for (String col : List.of("aggkind", "aggnumdirectargs", "transfn", "finalfn", "combinefn", "serialfn",
                    "deserialfn", "mtransfn", "minvtransfn", "mfinalfn", "aggfinalextra", "aggmfinalextra",
                    "aggfinalmodify", "aggmfinalmodify", "sortop", "transtype", "aggtransspace", "mtranstype",
                    "aggmtransspace", "agginitval", "aggminitval", "arguments", "proparallel")) {
                o.put(col, r.get(col));
            }
            o.values().removeIf(Objects::isNull);
        }
    }

    private static void triggers(Session s, Map<String, Map<String, String>> out) throws SQLException {
        // Internal triggers (foreign keys' RI triggers) come with their constraint. The clones that a
        // trigger on a partitioned table puts on each partition (tgparentid <> 0) come with the parent
        // trigger, and their tgisinternal flag changed between versions, so they are left out.
        for (Row r : s.rows("SELECT t.tgrelid::pg_catalog.regclass::text AS rel, pg_catalog.quote_ident(t.tgname) AS name,"
                + " pg_catalog.pg_get_triggerdef(t.oid) AS definition, t.tgenabled,"
                + " pg_catalog.obj_description(t.oid, 'pg_trigger') AS comment"
                + " FROM pg_catalog.pg_trigger t"
                + " JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND " + userSchema("n.nspname")
                + " AND " + notExtensionMember("pg_class", "c.oid"))) {
            Map<String, String> o = object(out, "trigger " + r.get("name") + " on " + r.get("rel"));
            o.put("definition", r.get("definition"));
            o.put("enabled", switch (r.get("tgenabled")) {
                case "O" -> "origin";
                case "D" -> "disabled";
                case "R" -> "replica";
                case "A" -> "always";
                default -> r.get("tgenabled");
            });
            o.put("comment", r.get("comment"));
            o.values().removeIf(Objects::isNull);
        }
    }

    private static void policies(Session s, Map<String, Map<String, String>> out) throws SQLException {
        for (Row r : s.rows("SELECT p.polrelid::pg_catalog.regclass::text AS rel, pg_catalog.quote_ident(p.polname) AS name,"
                + " p.polcmd, p.polpermissive,"
                + " (SELECT pg_catalog.string_agg(CASE WHEN rid = 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(rid) END, ', ' ORDER BY 1)"
                + "    FROM pg_catalog.unnest(p.polroles) rid) AS roles,"
                + " pg_catalog.pg_get_expr(p.polqual, p.polrelid) AS qual,"
                + " pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) AS with_check,"
                + " pg_catalog.obj_description(p.oid, 'pg_policy') AS comment"
                + " FROM pg_catalog.pg_policy p")) {
            Map<String, String> o = object(out, "policy " + r.get("name") + " on " + r.get("rel"));
            o.put("command", r.get("polcmd"));
            o.put("permissive", r.get("polpermissive"));
            o.put("roles", r.get("roles"));
            o.put("using", r.get("qual"));
            o.put("with check", r.get("with_check"));
            o.put("comment", r.get("comment"));
            o.values().removeIf(Objects::isNull);
        }
    }

    private static void rules(Session s, Context v, Map<String, Map<String, String>> out) throws SQLException {
        // "_RETURN" rules are views' definitions, described with the view
        for (Row r : s.rows("SELECT rw.ev_class::pg_catalog.regclass::text AS rel, pg_catalog.quote_ident(rw.rulename) AS name,"
                + " pg_catalog.pg_get_ruledef(rw.oid) AS definition, rw.ev_enabled,"
                + " pg_catalog.obj_description(rw.oid, 'pg_rewrite') AS comment"
                + " FROM pg_catalog.pg_rewrite rw"
                + " JOIN pg_catalog.pg_class c ON c.oid = rw.ev_class"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE rw.rulename <> '_RETURN' AND " + userSchema("n.nspname")
                + " AND " + notExtensionMember("pg_class", "c.oid"))) {
            Map<String, String> o = object(out, "rule " + r.get("name") + " on " + r.get("rel"));
            o.put("definition", viewDefinition(r.get("definition"), v, s.schemaNames()));
            o.put("enabled", r.get("ev_enabled"));
            o.put("comment", r.get("comment"));
            o.values().removeIf(Objects::isNull);
        }
    }

    private static void statistics(Session s, Map<String, Map<String, String>> out) throws SQLException {
        for (Row r : s.rows("SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(st.stxname) AS name,"
                + " pg_catalog.pg_get_statisticsobjdef(st.oid) AS definition,"
                // ALTER STATISTICS … SET STATISTICS: -1 meant "the default" up to 16, NULL from 17 on
                + " NULLIF(st.stxstattarget, -1) AS stattarget,"
                + " pg_catalog.pg_get_userbyid(st.stxowner) AS owner,"
                + " pg_catalog.obj_description(st.oid, 'pg_statistic_ext') AS comment"
                + " FROM pg_catalog.pg_statistic_ext st JOIN pg_catalog.pg_namespace n ON n.oid = st.stxnamespace"
                + " WHERE " + userSchema("n.nspname") + " AND " + notExtensionMember("pg_statistic_ext", "st.oid"))) {
            Map<String, String> o = object(out, "statistics " + r.get("name"));
            o.put("definition", r.get("definition"));
            o.put("statistics target", r.get("stattarget"));
            o.put("owner", r.get("owner"));
            o.put("comment", r.get("comment"));
            o.values().removeIf(Objects::isNull);
        }
    }

    private static void defaultAcls(Session s, Context v, Map<String, Map<String, String>> out) throws SQLException {
        for (Row r : s.rows("SELECT pg_catalog.pg_get_userbyid(d.defaclrole) AS role,"
                + " CASE WHEN d.defaclnamespace = 0 THEN NULL ELSE (SELECT pg_catalog.quote_ident(n.nspname)"
                + "    FROM pg_catalog.pg_namespace n WHERE n.oid = d.defaclnamespace) END AS schema,"
                + " d.defaclobjtype, d.defaclacl::text[] AS acl FROM pg_catalog.pg_default_acl d")) {
            String objtype = r.get("defaclobjtype");
            String kind = switch (objtype) {
                case "r" -> "tables";
                case "S" -> "sequences";
                case "f" -> "functions";
                case "T" -> "types";
                case "n" -> "schemas";
                case "L" -> "large objects";
                default -> objtype;
            };
            String key = "default privileges of " + r.get("role")
                    + (r.get("schema") == null ? "" : " in schema " + r.get("schema")) + " on " + kind;
            // MAINTAIN exists from 17 on: see acl()
            object(out, key).put("acl", v.acl(r.array("acl"), objtype.equals("r") && v.min() < 17, r.get("role")));
        }
    }

    private static void collations(Session s, Context v, Map<String, Map<String, String>> out) throws SQLException {
        // Where a collation's locale is kept moved between versions: up to 14 an ICU collation's locale
        // is in collcollate and collctype; 15 and 16 keep it in colliculocale (collcollate/collctype
        // then hold whatever libc locale was given, usually the same string); 17 renamed the column
        // colllocale and leaves collcollate/collctype NULL for ICU (and for the builtin provider it
        // added). So for every provider but libc one "locale" is compared: the new column where the
        // server has it, else collcollate; for libc, collcollate and collctype as before.
        String locale = s.major >= 17 ? "co.colllocale" : s.major >= 15 ? "co.colliculocale" : "NULL::text";
        String rules = s.major >= 16 ? "co.collicurules" : "NULL::text";
        for (Row r : s.rows("SELECT co.oid::pg_catalog.regcollation::text AS name, co.collprovider, co.collisdeterministic,"
                + " co.collcollate, co.collctype, " + locale + " AS locale, " + rules + " AS rules,"
                + " pg_catalog.pg_get_userbyid(co.collowner) AS owner,"
                + " pg_catalog.obj_description(co.oid, 'pg_collation') AS comment"
                + " FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace n ON n.oid = co.collnamespace"
                + " WHERE " + userSchema("n.nspname") + " AND " + notExtensionMember("pg_collation", "co.oid"))) {
            Map<String, String> o = object(out, "collation " + r.get("name"));
            String provider = r.get("collprovider");
            o.put("provider", provider);
            o.put("deterministic", r.get("collisdeterministic"));
            if (provider.equals("c")) {
                o.put("collate", r.get("collcollate"));
                o.put("ctype", r.get("collctype"));
            } else {
                o.put("locale", r.get("locale") != null ? r.get("locale") : r.get("collcollate"));
            }
            if (v.min() >= 16) {
                // ICU tailoring rules exist from 16 on
                o.put("rules", r.get("rules"));
            }
            o.put("owner", r.get("owner"));
            o.put("comment", r.get("comment"));
            o.values().removeIf(Objects::isNull);
        }
    }

    private static void largeObjectMetadata(Session s, Context v, Map<String, Map<String, String>> out) throws SQLException {
        for (Row r : s.rows("SELECT m.oid, pg_catalog.pg_get_userbyid(m.lomowner) AS owner,"
                + " coalesce(m.lomacl, pg_catalog.acldefault('L', m.lomowner))::text[] AS acl,"
                + " pg_catalog.obj_description(m.oid, 'pg_largeobject') AS comment"
                + " FROM pg_catalog.pg_largeobject_metadata m")) {
            Map<String, String> o = object(out, "large object " + r.get("oid"));
            o.put("owner", r.get("owner"));
            o.put("acl", v.acl(r.array("acl"), false, r.get("owner")));
            o.put("comment", r.get("comment"));
            o.values().removeIf(Objects::isNull);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Type-system objects, foreign data, database-level objects
    // ------------------------------------------------------------------------------------------------

    /** Objects made after initdb: the built-in ones of each kind have OIDs below 16384 (FirstNormalObjectId). */
    private static final String USER_OID = " >= 16384";

    /** An operator's identity: schema-qualified name and (left, right) types, NONE for a prefix operator's left. */
    private static String operatorIdentity(String oidExpr) {
        return "(SELECT pg_catalog.quote_ident(opn.nspname) || '.' || op.oprname || '('"
                + " || CASE WHEN op.oprleft = 0 THEN 'NONE' ELSE pg_catalog.format_type(op.oprleft, NULL) END || ', '"
                + " || CASE WHEN op.oprright = 0 THEN 'NONE' ELSE pg_catalog.format_type(op.oprright, NULL) END || ')'"
                + " FROM pg_catalog.pg_operator op JOIN pg_catalog.pg_namespace opn ON opn.oid = op.oprnamespace"
                + " WHERE op.oid = " + oidExpr + ")";
    }

    private static void operators(Session s, Context v, Map<String, Map<String, String>> out) throws SQLException {
        // Operators are named by their own identity (commutator and negator too) rather than by
        // regoperator, which leaves out the schema of an operator that is visible on the search path.
        // A shell operator (oprcode 0: named as a commutator or negator but never defined) is an
        // object too, and pg_dump recreates it.
        for (Row r : s.rows("SELECT " + operatorIdentity("o.oid") + " AS name, o.oprkind,"
                + " pg_catalog.format_type(o.oprresult, NULL) AS result,"
                + " CASE WHEN o.oprcode <> 0 THEN o.oprcode::pg_catalog.regprocedure::text END AS function,"
                + " CASE WHEN o.oprcom <> 0 THEN " + operatorIdentity("o.oprcom") + " END AS commutator,"
                + " CASE WHEN o.oprnegate <> 0 THEN " + operatorIdentity("o.oprnegate") + " END AS negator,"
                + " CASE WHEN o.oprrest <> 0 THEN o.oprrest::pg_catalog.regproc::text END AS restrict,"
                + " CASE WHEN o.oprjoin <> 0 THEN o.oprjoin::pg_catalog.regproc::text END AS join_est,"
                + " o.oprcanhash, o.oprcanmerge, pg_catalog.pg_get_userbyid(o.oprowner) AS owner,"
                + " pg_catalog.obj_description(o.oid, 'pg_operator') AS comment"
                + " FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace"
                + " WHERE " + userSchema("n.nspname") + " AND " + notExtensionMember("pg_operator", "o.oid"))) {
            Map<String, String> o = object(out, "operator " + r.get("name"));
            o.put("kind", r.get("oprkind"));
            o.put("result", r.get("function") == null ? "(shell)" : r.get("result"));
            o.put("function", r.get("function"));
            o.put("commutator", r.get("commutator"));
            o.put("negator", r.get("negator"));
            o.put("restrict", r.get("restrict"));
            o.put("join", r.get("join_est"));
            o.put("hashes", r.get("oprcanhash"));
            o.put("merges", r.get("oprcanmerge"));
            o.put("owner", r.get("owner"));
            o.put("comment", r.get("comment"));
            o.values().removeIf(Objects::isNull);
        }
    }

    private static void operatorFamilies(Session s, Context v, Map<String, Map<String, String>> out) throws SQLException {
        // A family's members (pg_amop, pg_amproc) are described with the family, whether an operator
        // class brought them or ALTER OPERATOR FAMILY … ADD did: the class itself only names the family.
        for (Row r : s.rows("SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(f.opfname) AS name,"
                + " pg_catalog.quote_ident(am.amname) AS am, pg_catalog.pg_get_userbyid(f.opfowner) AS owner,"
                + " pg_catalog.obj_description(f.oid, 'pg_opfamily') AS comment,"
                + " (SELECT pg_catalog.string_agg('operator ' || ao.amopstrategy::text || ' (' || pg_catalog.format_type(ao.amoplefttype, NULL)"
                + "      || ', ' || pg_catalog.format_type(ao.amoprighttype, NULL) || ') ' || " + operatorIdentity("ao.amopopr")
                + "      || CASE WHEN ao.amoppurpose = 'o' THEN ' for order by ' || (SELECT pg_catalog.quote_ident(sn.nspname) || '.'"
                + "         || pg_catalog.quote_ident(sf.opfname) FROM pg_catalog.pg_opfamily sf JOIN pg_catalog.pg_namespace sn"
                + "         ON sn.oid = sf.opfnamespace WHERE sf.oid = ao.amopsortfamily) ELSE '' END,"
                + "      '; ' ORDER BY ao.amopstrategy, ao.amoplefttype::pg_catalog.regtype::text, ao.amoprighttype::pg_catalog.regtype::text)"
                + "    FROM pg_catalog.pg_amop ao WHERE ao.amopfamily = f.oid) AS operators,"
                + " (SELECT pg_catalog.string_agg('function ' || ap.amprocnum::text || ' (' || pg_catalog.format_type(ap.amproclefttype, NULL)"
                + "      || ', ' || pg_catalog.format_type(ap.amprocrighttype, NULL) || ') ' || ap.amproc::pg_catalog.regprocedure::text,"
                + "      '; ' ORDER BY ap.amprocnum, ap.amproclefttype::pg_catalog.regtype::text, ap.amprocrighttype::pg_catalog.regtype::text)"
                + "    FROM pg_catalog.pg_amproc ap WHERE ap.amprocfamily = f.oid) AS functions"
                + " FROM pg_catalog.pg_opfamily f JOIN pg_catalog.pg_namespace n ON n.oid = f.opfnamespace"
                + " JOIN pg_catalog.pg_am am ON am.oid = f.opfmethod"
                + " WHERE " + userSchema("n.nspname") + " AND " + notExtensionMember("pg_opfamily", "f.oid"))) {
            Map<String, String> o = object(out, "operator family " + r.get("name") + " using " + r.get("am"));
            o.put("operators", r.get("operators"));
            o.put("functions", r.get("functions"));
            o.put("owner", r.get("owner"));
            o.put("comment", r.get("comment"));
            o.values().removeIf(Objects::isNull);
        }
    }

    private static void operatorClasses(Session s, Context v, Map<String, Map<String, String>> out) throws SQLException {
        for (Row r : s.rows("SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.opcname) AS name,"
                + " pg_catalog.quote_ident(am.amname) AS am, pg_catalog.format_type(c.opcintype, NULL) AS type, c.opcdefault,"
                + " CASE WHEN c.opckeytype <> 0 THEN pg_catalog.format_type(c.opckeytype, NULL) END AS storage,"
                + " (SELECT pg_catalog.quote_ident(fn.nspname) || '.' || pg_catalog.quote_ident(f.opfname)"
                + "    FROM pg_catalog.pg_opfamily f JOIN pg_catalog.pg_namespace fn ON fn.oid = f.opfnamespace"
                + "    WHERE f.oid = c.opcfamily) AS family,"
                + " pg_catalog.pg_get_userbyid(c.opcowner) AS owner,"
                + " pg_catalog.obj_description(c.oid, 'pg_opclass') AS comment"
                + " FROM pg_catalog.pg_opclass c JOIN pg_catalog.pg_namespace n ON n.oid = c.opcnamespace"
                + " JOIN pg_catalog.pg_am am ON am.oid = c.opcmethod"
                + " WHERE " + userSchema("n.nspname") + " AND " + notExtensionMember("pg_opclass", "c.oid"))) {
            Map<String, String> o = object(out, "operator class " + r.get("name") + " using " + r.get("am"));
            o.put("type", r.get("type"));
            o.put("default", r.get("opcdefault"));
            o.put("storage", r.get("storage"));
            o.put("family", r.get("family"));
            o.put("owner", r.get("owner"));
            o.put("comment", r.get("comment"));
            o.values().removeIf(Objects::isNull);
        }
    }

    private static void casts(Session s, Map<String, Map<String, String>> out) throws SQLException {
        // The casts between a range type and its multirange, which PostgreSQL 14+ makes by itself for
        // every range type, belong to the range (an internal dependency): they come with CREATE TYPE,
        // like the multirange itself, and a 13 → 14+ copy gains them.
        for (Row r : s.rows("SELECT pg_catalog.format_type(c.castsource, NULL) AS source, pg_catalog.format_type(c.casttarget, NULL) AS target,"
                + " CASE WHEN c.castfunc <> 0 THEN c.castfunc::pg_catalog.regprocedure::text END AS function,"
                + " c.castcontext, c.castmethod, pg_catalog.obj_description(c.oid, 'pg_cast') AS comment"
                + " FROM pg_catalog.pg_cast c WHERE c.oid" + USER_OID + " AND " + notExtensionMember("pg_cast", "c.oid")
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep WHERE dep.classid = 'pg_catalog.pg_cast'::pg_catalog.regclass"
                + "   AND dep.objid = c.oid AND dep.deptype = 'i')")) {
            Map<String, String> o = object(out, "cast (" + r.get("source") + " AS " + r.get("target") + ")");
            o.put("function", r.get("function"));
            o.put("context", switch (r.get("castcontext")) {
                case "e" -> "explicit";
                case "a" -> "assignment";
                case "i" -> "implicit";
                default -> r.get("castcontext");
            });
            o.put("method", switch (r.get("castmethod")) {
                case "f" -> "function";
                case "i" -> "inout";
                case "b" -> "binary";
                default -> r.get("castmethod");
            });
            o.put("comment", r.get("comment"));
            o.values().removeIf(Objects::isNull);
        }
    }

    private static void conversions(Session s, Context v, Map<String, Map<String, String>> out) throws SQLException {
        for (Row r : s.rows("SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.conname) AS name,"
                + " pg_catalog.pg_encoding_to_char(c.conforencoding) AS from_enc, pg_catalog.pg_encoding_to_char(c.contoencoding) AS to_enc,"
                + " c.conproc::pg_catalog.regprocedure::text AS function, c.condefault,"
                + " pg_catalog.pg_get_userbyid(c.conowner) AS owner, pg_catalog.obj_description(c.oid, 'pg_conversion') AS comment"
                + " FROM pg_catalog.pg_conversion c JOIN pg_catalog.pg_namespace n ON n.oid = c.connamespace"
                + " WHERE " + userSchema("n.nspname") + " AND " + notExtensionMember("pg_conversion", "c.oid"))) {
            Map<String, String> o = object(out, "conversion " + r.get("name"));
            o.put("encodings", r.get("from_enc") + " to " + r.get("to_enc"));
            o.put("function", r.get("function"));
            o.put("default", r.get("condefault"));
            o.put("owner", r.get("owner"));
            o.put("comment", r.get("comment"));
            o.values().removeIf(Objects::isNull);
        }
    }

    private static void textSearch(Session s, Context v, Map<String, Map<String, String>> out) throws SQLException {
        for (Row r : s.rows("SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(p.prsname) AS name,"
                + " p.prsstart::pg_catalog.regproc::text AS start, p.prstoken::pg_catalog.regproc::text AS gettoken,"
                + " p.prsend::pg_catalog.regproc::text AS end_fn, p.prslextype::pg_catalog.regproc::text AS lextypes,"
                + " CASE WHEN p.prsheadline <> 0 THEN p.prsheadline::pg_catalog.regproc::text END AS headline,"
                + " pg_catalog.obj_description(p.oid, 'pg_ts_parser') AS comment"
                + " FROM pg_catalog.pg_ts_parser p JOIN pg_catalog.pg_namespace n ON n.oid = p.prsnamespace"
                + " WHERE " + userSchema("n.nspname") + " AND " + notExtensionMember("pg_ts_parser", "p.oid"))) {
            Map<String, String> o = object(out, "text search parser " + r.get("name"));
            o.put("start", r.get("start"));
            o.put("gettoken", r.get("gettoken"));
            o.put("end", r.get("end_fn"));
            o.put("lextypes", r.get("lextypes"));
            o.put("headline", r.get("headline"));
            o.put("comment", r.get("comment"));
            o.values().removeIf(Objects::isNull);
        }
        for (Row r : s.rows("SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(t.tmplname) AS name,"
                + " CASE WHEN t.tmplinit <> 0 THEN t.tmplinit::pg_catalog.regproc::text END AS init,"
                + " t.tmpllexize::pg_catalog.regproc::text AS lexize,"
                + " pg_catalog.obj_description(t.oid, 'pg_ts_template') AS comment"
                + " FROM pg_catalog.pg_ts_template t JOIN pg_catalog.pg_namespace n ON n.oid = t.tmplnamespace"
                + " WHERE " + userSchema("n.nspname") + " AND " + notExtensionMember("pg_ts_template", "t.oid"))) {
            Map<String, String> o = object(out, "text search template " + r.get("name"));
            o.put("init", r.get("init"));
            o.put("lexize", r.get("lexize"));
            o.put("comment", r.get("comment"));
            o.values().removeIf(Objects::isNull);
        }
        for (Row r : s.rows("SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(d.dictname) AS name,"
                + " (SELECT pg_catalog.quote_ident(tn.nspname) || '.' || pg_catalog.quote_ident(t.tmplname)"
                + "    FROM pg_catalog.pg_ts_template t JOIN pg_catalog.pg_namespace tn ON tn.oid = t.tmplnamespace"
                + "    WHERE t.oid = d.dicttemplate) AS template, d.dictinitoption,"
                + " pg_catalog.pg_get_userbyid(d.dictowner) AS owner, pg_catalog.obj_description(d.oid, 'pg_ts_dict') AS comment"
                + " FROM pg_catalog.pg_ts_dict d JOIN pg_catalog.pg_namespace n ON n.oid = d.dictnamespace"
                + " WHERE " + userSchema("n.nspname") + " AND " + notExtensionMember("pg_ts_dict", "d.oid"))) {
            Map<String, String> o = object(out, "text search dictionary " + r.get("name"));
            o.put("template", r.get("template"));
            o.put("options", r.get("dictinitoption"));
            o.put("owner", r.get("owner"));
            o.put("comment", r.get("comment"));
            o.values().removeIf(Objects::isNull);
        }
        // A configuration's mappings: per token type (by the parser's alias for it), the dictionaries
        // in the order they are consulted.
        for (Row r : s.rows("SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.cfgname) AS name,"
                + " (SELECT pg_catalog.quote_ident(pn.nspname) || '.' || pg_catalog.quote_ident(p.prsname)"
                + "    FROM pg_catalog.pg_ts_parser p JOIN pg_catalog.pg_namespace pn ON pn.oid = p.prsnamespace"
                + "    WHERE p.oid = c.cfgparser) AS parser,"
                + " (SELECT pg_catalog.string_agg(m.alias || ': ' || m.dicts, '; ' ORDER BY m.alias) FROM"
                + "    (SELECT tt.alias, pg_catalog.string_agg(pg_catalog.quote_ident(dn.nspname) || '.' || pg_catalog.quote_ident(d.dictname),"
                + "         ', ' ORDER BY cm.mapseqno) AS dicts"
                + "       FROM pg_catalog.pg_ts_config_map cm"
                + "       JOIN pg_catalog.ts_token_type(c.cfgparser) tt ON tt.tokid = cm.maptokentype"
                + "       JOIN pg_catalog.pg_ts_dict d ON d.oid = cm.mapdict"
                + "       JOIN pg_catalog.pg_namespace dn ON dn.oid = d.dictnamespace"
                + "      WHERE cm.mapcfg = c.oid GROUP BY tt.alias) m) AS mappings,"
                + " pg_catalog.pg_get_userbyid(c.cfgowner) AS owner, pg_catalog.obj_description(c.oid, 'pg_ts_config') AS comment"
                + " FROM pg_catalog.pg_ts_config c JOIN pg_catalog.pg_namespace n ON n.oid = c.cfgnamespace"
                + " WHERE " + userSchema("n.nspname") + " AND " + notExtensionMember("pg_ts_config", "c.oid"))) {
            Map<String, String> o = object(out, "text search configuration " + r.get("name"));
            o.put("parser", r.get("parser"));
            o.put("mappings", r.get("mappings"));
            o.put("owner", r.get("owner"));
            o.put("comment", r.get("comment"));
            o.values().removeIf(Objects::isNull);
        }
    }

    private static String options(String column) {
        return "(SELECT pg_catalog.string_agg(opt, ', ' ORDER BY opt) FROM pg_catalog.unnest(" + column + ") opt)";
    }

    private static void foreignData(Session s, Context v, Map<String, Map<String, String>> out) throws SQLException {
        for (Row r : s.rows("SELECT pg_catalog.quote_ident(w.fdwname) AS name,"
                + " CASE WHEN w.fdwhandler <> 0 THEN w.fdwhandler::pg_catalog.regproc::text END AS handler,"
                + " CASE WHEN w.fdwvalidator <> 0 THEN w.fdwvalidator::pg_catalog.regproc::text END AS validator,"
                + " " + options("w.fdwoptions") + " AS options, pg_catalog.pg_get_userbyid(w.fdwowner) AS owner,"
                + " coalesce(w.fdwacl, pg_catalog.acldefault('F', w.fdwowner))::text[] AS acl,"
                + " pg_catalog.obj_description(w.oid, 'pg_foreign_data_wrapper') AS comment"
                + " FROM pg_catalog.pg_foreign_data_wrapper w WHERE " + notExtensionMember("pg_foreign_data_wrapper", "w.oid"))) {
            Map<String, String> o = object(out, "foreign data wrapper " + r.get("name"));
            o.put("handler", r.get("handler"));
            o.put("validator", r.get("validator"));
            o.put("options", r.get("options"));
            o.put("owner", r.get("owner"));
            o.put("acl", v.acl(r.array("acl"), false, r.get("owner")));
            o.put("comment", r.get("comment"));
            o.values().removeIf(Objects::isNull);
        }
        for (Row r : s.rows("SELECT pg_catalog.quote_ident(fs.srvname) AS name, pg_catalog.quote_ident(w.fdwname) AS wrapper,"
                + " fs.srvtype, fs.srvversion, " + options("fs.srvoptions") + " AS options,"
                + " pg_catalog.pg_get_userbyid(fs.srvowner) AS owner,"
                + " coalesce(fs.srvacl, pg_catalog.acldefault('S', fs.srvowner))::text[] AS acl,"
                + " pg_catalog.obj_description(fs.oid, 'pg_foreign_server') AS comment"
                + " FROM pg_catalog.pg_foreign_server fs JOIN pg_catalog.pg_foreign_data_wrapper w ON w.oid = fs.srvfdw"
                + " WHERE " + notExtensionMember("pg_foreign_server", "fs.oid"))) {
            Map<String, String> o = object(out, "server " + r.get("name"));
            o.put("wrapper", r.get("wrapper"));
            o.put("type", r.get("srvtype"));
            o.put("version", r.get("srvversion"));
            o.put("options", r.get("options"));
            o.put("owner", r.get("owner"));
            o.put("acl", v.acl(r.array("acl"), false, r.get("owner")));
            o.put("comment", r.get("comment"));
            o.values().removeIf(Objects::isNull);
        }
        // pg_user_mapping itself is readable by superusers only; the view shows the options to a
        // superuser and to the server's owner, and names PUBLIC "public"
        for (Row r : s.rows("SELECT CASE WHEN um.umuser = 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(um.usename::text) END AS role,"
                + " pg_catalog.quote_ident(um.srvname) AS server, " + options("um.umoptions") + " AS options"
                + " FROM pg_catalog.pg_user_mappings um")) {
            Map<String, String> o = object(out, "user mapping for " + r.get("role") + " server " + r.get("server"));
            o.put("options", r.get("options"));
            o.values().removeIf(Objects::isNull);
        }
    }

    private static void eventTriggers(Session s, Context v, Map<String, Map<String, String>> out) throws SQLException {
        for (Row r : s.rows("SELECT pg_catalog.quote_ident(e.evtname) AS name, e.evtevent, e.evtenabled,"
                + " e.evtfoid::pg_catalog.regprocedure::text AS function,"
                + " (SELECT pg_catalog.string_agg(tag, ', ' ORDER BY tag) FROM pg_catalog.unnest(e.evttags) tag) AS tags,"
                + " pg_catalog.pg_get_userbyid(e.evtowner) AS owner,"
                + " pg_catalog.obj_description(e.oid, 'pg_event_trigger') AS comment"
                + " FROM pg_catalog.pg_event_trigger e WHERE " + notExtensionMember("pg_event_trigger", "e.oid"))) {
            Map<String, String> o = object(out, "event trigger " + r.get("name"));
            o.put("event", r.get("evtevent"));
            o.put("tags", r.get("tags"));
            o.put("function", r.get("function"));
            o.put("enabled", switch (r.get("evtenabled")) {
                case "O" -> "origin";
                case "D" -> "disabled";
                case "R" -> "replica";
                case "A" -> "always";
                default -> r.get("evtenabled");
            });
            o.put("owner", r.get("owner"));
            o.put("comment", r.get("comment"));
            o.values().removeIf(Objects::isNull);
        }
    }

    private static void publications(Session s, Context v, Map<String, Map<String, String>> out) throws SQLException {
        // PostgreSQL 18 added publish_generated_columns; compared only when both sides have it.
        String genCols = s.major >= 18 ? "p.pubgencols::text" : "NULL::text";
        for (Row r : s.rows("SELECT pg_catalog.quote_ident(p.pubname) AS name, p.puballtables, p.pubinsert, p.pubupdate,"
                + " p.pubdelete, p.pubtruncate, p.pubviaroot, " + genCols + " AS gencols,"
                + " pg_catalog.pg_get_userbyid(p.pubowner) AS owner,"
                + " pg_catalog.obj_description(p.oid, 'pg_publication') AS comment"
                + " FROM pg_catalog.pg_publication p")) {
            Map<String, String> o = object(out, "publication " + r.get("name"));
            o.put("all tables", r.get("puballtables"));
            List<String> publish = new ArrayList<>();
            for (String op : List.of("insert", "update", "delete", "truncate")) {
                if (r.bool("pub" + op)) {
                    publish.add(op);
                }
            }
            o.put("publish", String.join(", ", publish));
            o.put("via partition root", r.get("pubviaroot"));
            if (v.min() >= 18) {
                o.put("generated columns", r.get("gencols"));
            }
            o.put("owner", r.get("owner"));
            o.put("comment", r.get("comment"));
            o.values().removeIf(Objects::isNull);
        }
        // Row filters and column lists exist from 15 on, and so do whole schemas as members.
        String filter = s.major >= 15 ? "pg_catalog.pg_get_expr(pr.prqual, pr.prrelid)" : "NULL::text";
        String columns = s.major >= 15
                ? "(SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum)"
                + "    FROM pg_catalog.pg_attribute a WHERE a.attrelid = pr.prrelid AND a.attnum = ANY (pr.prattrs))"
                : "NULL::text";
        for (Row r : s.rows("SELECT pg_catalog.quote_ident(p.pubname) AS pub, pr.prrelid::pg_catalog.regclass::text AS rel,"
                + " " + filter + " AS filter, " + columns + " AS columns"
                + " FROM pg_catalog.pg_publication_rel pr JOIN pg_catalog.pg_publication p ON p.oid = pr.prpubid")) {
            Map<String, String> o = object(out, "publication " + r.get("pub") + " table " + r.get("rel"));
            o.put("row filter", r.get("filter"));
            o.put("columns", r.get("columns"));
            o.values().removeIf(Objects::isNull);
        }
        if (s.major >= 15) {
            for (Row r : s.rows("SELECT pg_catalog.quote_ident(p.pubname) AS pub, pg_catalog.quote_ident(n.nspname) AS schema"
                    + " FROM pg_catalog.pg_publication_namespace pn JOIN pg_catalog.pg_publication p ON p.oid = pn.pnpubid"
                    + " JOIN pg_catalog.pg_namespace n ON n.oid = pn.pnnspid")) {
                object(out, "publication " + r.get("pub") + " tables in schema " + r.get("schema"));
            }
        }
    }

    /**
     * The current database's own properties: its comment, its ACL, its settings (ALTER DATABASE … SET)
     * and its roles' settings in it (ALTER ROLE … IN DATABASE … SET), keyed by role name. Its name is
     * not compared (a copy goes into a database of another name), and neither is its owner (the
     * target database is made before the copy, by whoever made it).
     */
    private static void database(Session s, Context v, Map<String, Map<String, String>> out) throws SQLException {
        for (Row r : s.rows("SELECT pg_catalog.shobj_description(d.oid, 'pg_database') AS comment,"
                + " pg_catalog.pg_get_userbyid(d.datdba) AS owner,"
                + " coalesce(d.datacl, pg_catalog.acldefault('d', d.datdba))::text[] AS acl"
                + " FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database()")) {
            Map<String, String> o = object(out, "database (this one)");
            o.put("comment", r.get("comment"));
            // a database's owner is not copied, so its privileges are compared as "(owner)"'s
            String acl = DbCompare.acl(r.array("acl"), false);
            List<String> items = new ArrayList<>();
            for (String item : acl.split(",")) {
                Matcher m = ACL_ITEM.matcher(item);
                if (m.matches()) {
                    String owner = r.get("owner");
                    item = (m.group(1).equals(owner) ? "(owner)" : m.group(1)) + "=" + m.group(2) + "/"
                            + (m.group(3).equals(owner) ? "(owner)" : m.group(3));
                }
                items.add(item);
            }
            items.sort(null);
            o.put("acl", String.join(",", items));
            o.values().removeIf(Objects::isNull);
        }
        for (Row r : s.rows("SELECT CASE WHEN rs.setrole = 0 THEN NULL ELSE pg_catalog.pg_get_userbyid(rs.setrole) END AS role,"
                + " (SELECT pg_catalog.string_agg(cfg, ', ' ORDER BY cfg) FROM pg_catalog.unnest(rs.setconfig) cfg) AS settings"
                + " FROM pg_catalog.pg_db_role_setting rs"
                + " WHERE rs.setdatabase = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())")) {
            Map<String, String> o = object(out, "database (this one)");
            o.put(r.get("role") == null ? "settings" : "settings of role " + r.get("role"), r.get("settings"));
        }
    }

    private static void languages(Session s, Context v, Map<String, Map<String, String>> out) throws SQLException {
        // plpgsql comes with CREATE EXTENSION plpgsql (in every database initdb makes): an extension member
        for (Row r : s.rows("SELECT pg_catalog.quote_ident(l.lanname) AS name, l.lanpltrusted, l.lanispl,"
                + " CASE WHEN l.lanplcallfoid <> 0 THEN l.lanplcallfoid::pg_catalog.regprocedure::text END AS handler,"
                + " CASE WHEN l.laninline <> 0 THEN l.laninline::pg_catalog.regprocedure::text END AS inline,"
                + " CASE WHEN l.lanvalidator <> 0 THEN l.lanvalidator::pg_catalog.regprocedure::text END AS validator,"
                + " pg_catalog.pg_get_userbyid(l.lanowner) AS owner,"
                + " coalesce(l.lanacl, pg_catalog.acldefault('l', l.lanowner))::text[] AS acl,"
                + " pg_catalog.obj_description(l.oid, 'pg_language') AS comment"
                + " FROM pg_catalog.pg_language l WHERE l.oid" + USER_OID + " AND " + notExtensionMember("pg_language", "l.oid"))) {
            Map<String, String> o = object(out, "language " + r.get("name"));
            o.put("trusted", r.get("lanpltrusted"));
            o.put("procedural", r.get("lanispl"));
            o.put("handler", r.get("handler"));
            o.put("inline", r.get("inline"));
            o.put("validator", r.get("validator"));
            o.put("owner", r.get("owner"));
            o.put("acl", v.acl(r.array("acl"), false, r.get("owner")));
            o.put("comment", r.get("comment"));
            o.values().removeIf(Objects::isNull);
        }
    }

    private static void accessMethods(Session s, Map<String, Map<String, String>> out) throws SQLException {
        for (Row r : s.rows("SELECT pg_catalog.quote_ident(am.amname) AS name, am.amtype,"
                + " am.amhandler::pg_catalog.regproc::text AS handler, pg_catalog.obj_description(am.oid, 'pg_am') AS comment"
                + " FROM pg_catalog.pg_am am WHERE am.oid" + USER_OID + " AND " + notExtensionMember("pg_am", "am.oid"))) {
            Map<String, String> o = object(out, "access method " + r.get("name"));
            o.put("type", r.get("amtype").equals("i") ? "index" : r.get("amtype").equals("t") ? "table" : r.get("amtype"));
            o.put("handler", r.get("handler"));
            o.put("comment", r.get("comment"));
            o.values().removeIf(Objects::isNull);
        }
    }

    private static void transforms(Session s, Map<String, Map<String, String>> out) throws SQLException {
        for (Row r : s.rows("SELECT pg_catalog.format_type(t.trftype, NULL) AS type, pg_catalog.quote_ident(l.lanname) AS language,"
                + " CASE WHEN t.trffromsql <> 0 THEN t.trffromsql::pg_catalog.regprocedure::text END AS from_sql,"
                + " CASE WHEN t.trftosql <> 0 THEN t.trftosql::pg_catalog.regprocedure::text END AS to_sql,"
                + " pg_catalog.obj_description(t.oid, 'pg_transform') AS comment"
                + " FROM pg_catalog.pg_transform t JOIN pg_catalog.pg_language l ON l.oid = t.trflang"
                + " WHERE " + notExtensionMember("pg_transform", "t.oid"))) {
            Map<String, String> o = object(out, "transform for " + r.get("type") + " language " + r.get("language"));
            o.put("from sql", r.get("from_sql"));
            o.put("to sql", r.get("to_sql"));
            o.put("comment", r.get("comment"));
            o.values().removeIf(Objects::isNull);
        }
    }

    /**
     * Security labels of the database's objects and of the database itself (named "(this one)", as a
     * copy goes into a database of another name). Labels on roles and tablespaces are the server's,
     * not the database's. No label can exist without a label provider module loaded (sepgsql).
     */
    private static void securityLabels(Session s, Map<String, Map<String, String>> out) throws SQLException {
        for (Row r : s.rows("SELECT l.objtype,"
                + " CASE WHEN l.objtype = 'database' THEN '(this one)' ELSE l.objname END AS objname, l.provider, l.label"
                + " FROM pg_catalog.pg_seclabels l"
                + " WHERE l.objtype NOT IN ('role', 'tablespace')"
                + " AND (l.objtype <> 'database' OR l.objoid = (SELECT d.oid FROM pg_catalog.pg_database d"
                + "      WHERE d.datname = pg_catalog.current_database()))")) {
            object(out, "security label (" + r.get("provider") + ") on " + r.get("objtype") + " " + r.get("objname"))
                    .put("label", r.get("label"));
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Reading one database's data
    // ------------------------------------------------------------------------------------------------

    private static Map<String, Map<String, String>> describeData(Session s) throws SQLException {
        Map<String, Map<String, String>> out = new TreeMap<>();
        // Tables with storage: plain tables, leaf partitions, inheritance parents and children (each
        // read with ONLY, so that a parent's rows are its own), and populated materialized views.
        List<Row> rels = s.rows("SELECT c.oid::pg_catalog.regclass::text AS name, c.relkind, c.relispopulated"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'm') AND " + userSchema("n.nspname")
                + " AND " + notExtensionMember("pg_class", "c.oid") + " ORDER BY 1");
        for (Row r : rels) {
            String name = r.get("name");
            boolean matview = r.get("relkind").equals("m");
            Map<String, String> o = object(out, (matview ? "materialized view " : "table ") + name + " data");
            if (matview && !r.bool("relispopulated")) {
                o.put("populated", "false");
                continue;
            }
            // Each row's text form is hashed, the hashes sorted and hashed again: independent of the
            // physical row order. Text output is stable across 13–18 for the built-in types, given
            // the session settings fixed in Session (time zone, date style, float digits, ...).
            // "x.*" rather than a bare "x": a column named x would win over the whole-row reference.
            Row sum = s.rows("SELECT pg_catalog.count(*) AS n,"
                    + " pg_catalog.md5(coalesce(pg_catalog.string_agg(h, '' ORDER BY h), '')) AS checksum"
                    + " FROM (SELECT pg_catalog.md5(ROW(x.*)::text) AS h FROM ONLY " + name + " x) rows").get(0);
            o.put("rows", sum.get("n"));
            o.put("checksum", sum.get("checksum"));
        }
        List<Row> seqs = s.rows("SELECT c.oid::pg_catalog.regclass::text AS name"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind = 'S' AND " + userSchema("n.nspname")
                + " AND " + notExtensionMember("pg_class", "c.oid") + " ORDER BY 1");
        for (Row r : seqs) {
            Row value = s.rows("SELECT last_value, is_called FROM " + r.get("name")).get(0);
            Map<String, String> o = object(out, "sequence " + r.get("name") + " value");
            o.put("last value", value.get("last_value"));
            o.put("is called", value.get("is_called"));
        }
        for (Row r : s.rows("SELECT m.oid, pg_catalog.length(pg_catalog.lo_get(m.oid)) AS size,"
                + " pg_catalog.md5(pg_catalog.lo_get(m.oid)) AS checksum FROM pg_catalog.pg_largeobject_metadata m")) {
            Map<String, String> o = object(out, "large object " + r.get("oid") + " data");
            o.put("size", r.get("size"));
            o.put("checksum", r.get("checksum"));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------
    // Plumbing: a read-only, rolled-back session with fixed output settings
    // ------------------------------------------------------------------------------------------------

    private static int majorVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_catalog.current_setting('server_version_num')::int / 10000")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @FunctionalInterface
    private interface Reader {
        Map<String, Map<String, String>> read(Session s) throws SQLException;
    }

    /**
     * Runs a reader in a transaction of its own (or a savepoint inside the caller's) that is rolled
     * back, so the SET LOCALs do not leak into the caller's session.
     */
    private static Map<String, Map<String, String>> read(Connection c, Reader reader) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        Savepoint savepoint = null;
        if (autoCommit) {
            c.setAutoCommit(false);
        } else {
            savepoint = c.setSavepoint();
        }
        try {
            try (Statement st = c.createStatement()) {
                if (autoCommit) {
                    // one snapshot for every query: the description is of one moment
                    st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                }
                st.execute("SET LOCAL search_path = ''; SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, MDY';"
                        + " SET LOCAL IntervalStyle = 'postgres'; SET LOCAL extra_float_digits = 3;"
                        + " SET LOCAL bytea_output = 'hex'; SET LOCAL lc_monetary = 'C'; SET LOCAL standard_conforming_strings = on;"
                        + " SET LOCAL statement_timeout = 0");
            }
            return reader.read(new Session(c, majorVersion(c)));
        } finally {
            if (autoCommit) {
                c.rollback();
                c.setAutoCommit(true);
            } else {
                c.rollback(savepoint);
                c.releaseSavepoint(savepoint);
            }
        }
    }

    private record Session(Connection c, int major, java.util.Set<String> schemaNames) {
        Session(Connection c, int major) throws SQLException {
            this(c, major, new java.util.HashSet<>());
            for (Row r : rows("SELECT nspname FROM pg_catalog.pg_namespace")) {
                schemaNames.add(r.get("nspname"));
            }
        }

        List<Row> rows(String sql) throws SQLException {
            List<Row> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                ResultSetMetaData md = rs.getMetaData();
                int n = md.getColumnCount();
                while (rs.next()) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (int i = 1; i <= n; i++) {
                        Object v;
                        if (md.getColumnType(i) == java.sql.Types.ARRAY) {
                            java.sql.Array a = rs.getArray(i);
                            v = a == null ? null : (String[]) a.getArray();
                        } else {
                            v = rs.getString(i);
                        }
                        values.put(md.getColumnLabel(i), v);
                    }
                    out.add(new Row(values));
                }
            }
            return out;
        }
    }

    private record Row(Map<String, Object> values) {
        String get(String column) {
            if (!values.containsKey(column)) {
                throw new IllegalArgumentException("no column " + column + " in " + values.keySet());
            }
            Object v = values.get(column);
            return v instanceof String[] a ? Arrays.toString(a) : (String) v;
        }

        String[] array(String column) {
            return (String[]) values.get(column);
        }

        boolean bool(String column) {
            return "t".equals(get(column)) || "true".equals(get(column));
        }
    }
}
