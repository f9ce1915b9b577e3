package io.pgbarge.verify;

import io.pgbarge.catalog.Catalog;
import io.pgbarge.ddl.DdlContext;
import io.pgbarge.ddl.SchemaScript;
import io.pgbarge.ddl.Statement;
import io.pgbarge.ddl.TablespacePolicy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Compares the schemas of source and target object by object. Both catalogs are turned into the
 * statements that would recreate them — by the same generators, with the same {@link DdlContext}
 * (the copy's: the source as read, the target as the server written to) and the same tablespace
 * policy — so that any difference in the statements is a difference in the objects. Statements are
 * keyed by (kind, name); a key on one side only is a missing or extra object, a key on both sides
 * with other SQL an object that differs. What legitimately differs between major versions is
 * normalised first ({@link SchemaNormalizer}).
 */
public final class SchemaVerifier {
    private SchemaVerifier() {
    }

    /**
     * Statement kinds that are not object definitions, left out of the comparison:
     * <ul>
     *   <li>SEQUENCE SET — a sequence's current value, compared by the data verifier;</li>
     *   <li>MATERIALIZED VIEW DATA — the REFRESH that fills a materialized view: its rows are compared
     *       by the data verifier, whether it is populated too;</li>
     *   <li>LARGE OBJECT DATA and TABLE DATA — contents, not definitions.</li>
     * </ul>
     */
    static final Set<String> NOT_DEFINITIONS = Set.of("SEQUENCE SET", "MATERIALIZED VIEW DATA",
            "LARGE OBJECT DATA", "TABLE DATA");

    /** @param compared how many (kind, object) definitions were compared: those of either side */
    public record Result(List<SchemaDifference> differences, int compared, List<String> notes) {
        public Result {
            differences = List.copyOf(differences);
            notes = List.copyOf(notes);
        }
    }

    /**
     * @param ctx         the context both catalogs are rendered with: the source's server as source, the
     *                    target's as target (what the copy used)
     * @param tablespaces the target's tablespaces (a TABLESPACE clause the target cannot have is left out
     *                    on both sides, as the copy left it out)
     * @param roleExists  whether a role exists on the target: statements of the source that name a missing
     *                    role (an owner, a grantee) were left out by the copy with a note, so they — and
     *                    the target's statements of the same kind and object — are not compared
     */
    public static Result compare(Catalog source, Catalog target, DdlContext ctx, TablespacePolicy tablespaces,
                                 Predicate<String> roleExists) {
        List<Statement> s = SchemaScript.statements(source, ctx, tablespaces).statements();
        List<Statement> t = SchemaScript.statements(target, ctx, tablespaces).statements();
        Set<String> schemas = new HashSet<>(Set.of("pg_catalog", "public"));
        source.objects().schemas().forEach(x -> schemas.add(x.header().name()));
        target.objects().schemas().forEach(x -> schemas.add(x.header().name()));
        return compare(s, t, new SchemaNormalizer(source.server().major(), target.server().major(), schemas), roleExists);
    }

    static Result compare(List<Statement> source, List<Statement> target, SchemaNormalizer normalizer,
                          Predicate<String> roleExists) {
        List<String> notes = new ArrayList<>();
        Set<Key> skipped = new HashSet<>();
        int skippedCount = 0;
        for (Statement st : source) {
            if (!st.roles().stream().allMatch(roleExists)) {
                skipped.add(new Key(st.kind(), st.name()));
                skippedCount++;
            }
        }
        if (skippedCount > 0) {
            notes.add(skippedCount + " statement(s) of the source name roles that do not exist on the target"
                    + " (owners, grants); the copy leaves those out, so they were not compared");
        }
        Map<Key, List<String>> s = group(source, normalizer, skipped);
        Map<Key, List<String>> t = group(target, normalizer, skipped);
        TreeSet<Key> keys = new TreeSet<>(s.keySet());
        keys.addAll(t.keySet());
        List<SchemaDifference> out = new ArrayList<>();
        for (Key k : keys) {
            List<String> a = s.get(k);
            List<String> b = t.get(k);
            if (b == null) {
                out.add(new SchemaDifference(k.kind(), k.name(), SchemaDifference.Change.MISSING_ON_TARGET,
                        String.join(";\n", a), null));
            } else if (a == null) {
                out.add(new SchemaDifference(k.kind(), k.name(), SchemaDifference.Change.EXTRA_ON_TARGET,
                        null, String.join(";\n", b)));
            } else if (!Objects.equals(a, b)) {
                out.add(new SchemaDifference(k.kind(), k.name(), SchemaDifference.Change.DIFFERENT,
                        String.join(";\n", a), String.join(";\n", b)));
            }
        }
        return new Result(withoutDependents(out), keys.size(), notes);
    }

    /**
     * An object missing on one side takes its parts with it: the OWNER, COMMENT and ACL of a missing
     * table ("TABLE app.t"), its constraints and triggers ("app.t t_pkey"), its column defaults
     * ("app.t.id"), a missing schema's objects ("app.…"). Those are left out — the object's own line
     * says it all — as long as they are missing (or extra) in the same direction.
     */
    static List<SchemaDifference> withoutDependents(List<SchemaDifference> diffs) {
        Set<String> missing = new HashSet<>();
        Set<String> extra = new HashSet<>();
        for (SchemaDifference d : diffs) {
            if (!OWNERS.contains(d.kind())) {
                continue;
            }
            if (d.change() == SchemaDifference.Change.MISSING_ON_TARGET) {
                missing.add(d.name());
            } else if (d.change() == SchemaDifference.Change.EXTRA_ON_TARGET) {
                extra.add(d.name());
            }
        }
        List<SchemaDifference> out = new ArrayList<>();
        for (SchemaDifference d : diffs) {
            Set<String> parents = d.change() == SchemaDifference.Change.MISSING_ON_TARGET ? missing
                    : d.change() == SchemaDifference.Change.EXTRA_ON_TARGET ? extra : Set.of();
            if (!partOfAnother(d, parents)) {
                out.add(d);
            }
        }
        return out;
    }

    /** Kinds of objects that other statements hang off. */
    private static final Set<String> OWNERS = Set.of("SCHEMA", "TABLE", "FOREIGN TABLE", "VIEW", "MATERIALIZED VIEW",
            "TYPE", "DOMAIN", "SEQUENCE", "FUNCTION", "PROCEDURE", "AGGREGATE", "EXTENSION", "SERVER",
            "FOREIGN DATA WRAPPER", "PUBLICATION");

    private static boolean partOfAnother(SchemaDifference d, Set<String> parents) {
        String n = d.name();
        for (String p : parents) {
            if (n.equals(p) && OWNERS.contains(d.kind())) {
                continue; // the object itself
            }
            if (n.equals(p) || n.endsWith(" " + p) || n.startsWith(p + " ") || n.startsWith(p + ".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The statements by (kind, name). One object may have several statements of a kind (an ACL is a
     * REVOKE and some GRANTs); they are compared as a sorted list, since their order carries no meaning.
     */
    private static Map<Key, List<String>> group(List<Statement> statements, SchemaNormalizer normalizer, Set<Key> skipped) {
        Map<Key, List<String>> out = new LinkedHashMap<>();
        for (Statement st : statements) {
            if (NOT_DEFINITIONS.contains(st.kind()) || skipped.contains(new Key(st.kind(), st.name()))) {
                continue;
            }
            Key k = new Key(st.kind(), normalizer.name(st.name()));
            String sql = normalizer.sql(st.kind(), st.name(), st.sql());
            if (sql == null) {
                continue;
            }
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(sql);
        }
        Map<Key, List<String>> sorted = new TreeMap<>();
        out.forEach((k, v) -> {
            List<String> l = new ArrayList<>(v);
            l.sort(null);
            sorted.put(k, List.copyOf(l));
        });
        return sorted;
    }

    record Key(String kind, String name) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = name.compareTo(o.name);
            return c != 0 ? c : kind.compareTo(o.kind);
        }
    }
}
