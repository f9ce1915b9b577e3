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
        collations(s, out);
        largeObjectMetadata(s, v, out);
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
                + "    WHERE rg.rngtypid = t.oid) AS range"
                + " FROM pg_catalog.pg_type t"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
                + " LEFT JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype"
                + " WHERE " + userSchema("n.nspname") + " AND " + notExtensionMember("pg_type", "t.oid")
                + " AND t.typtype IN ('b', 'c', 'd', 'e', 'r')"
                + " AND NOT (t.typcategory = 'A' AND t.typelem <> 0)"
                + " AND (t.typrelid = 0 OR (SELECT c.relkind FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid) = 'c')")) {
            String kind = switch (r.get("typtype")) {
                case "e" -> "enum";
                case "d" -> "domain";
                case "c" -> "composite type";
                case "r" -> "range type";
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
                + " pg_catalog.obj_description(c.oid, 'pg_class') AS comment"
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
                + " pg_catalog.pg_get_userbyid(st.stxowner) AS owner,"
                + " pg_catalog.obj_description(st.oid, 'pg_statistic_ext') AS comment"
                + " FROM pg_catalog.pg_statistic_ext st JOIN pg_catalog.pg_namespace n ON n.oid = st.stxnamespace"
                + " WHERE " + userSchema("n.nspname") + " AND " + notExtensionMember("pg_statistic_ext", "st.oid"))) {
            Map<String, String> o = object(out, "statistics " + r.get("name"));
            o.put("definition", r.get("definition"));
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

    private static void collations(Session s, Map<String, Map<String, String>> out) throws SQLException {
        for (Row r : s.rows("SELECT co.oid::pg_catalog.regcollation::text AS name, co.collprovider, co.collisdeterministic,"
                + " co.collcollate, co.collctype, pg_catalog.pg_get_userbyid(co.collowner) AS owner,"
                + " pg_catalog.obj_description(co.oid, 'pg_collation') AS comment"
                + " FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace n ON n.oid = co.collnamespace"
                + " WHERE " + userSchema("n.nspname") + " AND " + notExtensionMember("pg_collation", "co.oid"))) {
            Map<String, String> o = object(out, "collation " + r.get("name"));
            o.put("provider", r.get("collprovider"));
            o.put("deterministic", r.get("collisdeterministic"));
            o.put("collate", r.get("collcollate"));
            o.put("ctype", r.get("collctype"));
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
