package io.pgbarge.plan;

import io.pgbarge.catalog.Dependency;
import io.pgbarge.ddl.Statement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Leaves extensions out together with everything that needs them, however indirectly: a statement is
 * left out when it requires a key a left-out statement provides (an extension provides its members'
 * keys too: a column of type hstore needs {@code pg_type:<hstore>}), or when a pg_depend edge leads
 * from one of its keys to a left-out key. A table with one column of a missing type is left out whole,
 * with its rows, indexes, grants and comments: its other columns alone would be a different table.
 */
public final class ExtensionExclusion {
    private ExtensionExclusion() {
    }

    /**
     * @param statements what is left
     * @param leftOut    per extension left out, the objects left out with it (people's names, in
     *                   statement order, one per object: not its comments and grants)
     * @param keys       every dependency key no longer created (to drop table copies and data tasks)
     */
    public record Result(List<Statement> statements, Map<String, List<String>> leftOut, Set<String> keys) {
    }

    /** The extension a CREATE EXTENSION statement creates, unquoted; null for other statements. */
    public static String extensionName(Statement s) {
        if (!s.kind().equals("EXTENSION")) {
            return null;
        }
        String n = s.name();
        return n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")
                ? n.substring(1, n.length() - 1).replace("\"\"", "\"") : n;
    }

    public static Result apply(List<Statement> statements, List<Dependency> dependencies, Collection<String> extensions) {
        Map<String, List<String>> leftOut = new LinkedHashMap<>();
        if (extensions.isEmpty()) {
            return new Result(statements, leftOut, Set.of());
        }
        Map<Integer, String> owner = new HashMap<>(); // statement index → the extension it is left out for
        Map<String, String> keyOwner = new HashMap<>();
        for (int i = 0; i < statements.size(); i++) {
            String ext = extensionName(statements.get(i));
            if (ext != null && extensions.contains(ext)) {
                owner.put(i, ext);
                leftOut.put(ext, new ArrayList<>());
                for (String k : statements.get(i).provides()) {
                    keyOwner.put(k, ext);
                }
            }
        }
        Map<String, List<String>> dependents = new HashMap<>(); // key → keys that depend on it
        for (Dependency d : dependencies) {
            if (d.type() != 'i') {
                dependents.computeIfAbsent(d.to(), k -> new ArrayList<>()).add(d.from());
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < statements.size(); i++) {
                if (owner.containsKey(i)) {
                    continue;
                }
                Statement s = statements.get(i);
                String ext = null;
                // it needs something left out, or pg_depend says what it creates needs something left out
                for (String r : s.requires()) {
                    ext = keyOwner.get(r);
                    if (ext != null) {
                        break;
                    }
                }
                for (String k : s.provides()) {
                    if (ext == null) {
                        ext = keyOwner.get(k);
                    }
                }
                if (ext == null) {
                    continue;
                }
                owner.put(i, ext);
                changed = true;
                for (String k : s.provides()) {
                    changed |= spread(k, ext, keyOwner, dependents);
                }
            }
            // pg_depend edges: a key depending on a left-out key is left out too
            for (String k : new ArrayList<>(keyOwner.keySet())) {
                changed |= spread(k, keyOwner.get(k), keyOwner, dependents);
            }
        }
        List<Statement> kept = new ArrayList<>(statements.size());
        Set<String> named = new HashSet<>();
        for (int i = 0; i < statements.size(); i++) {
            Statement s = statements.get(i);
            String ext = owner.get(i);
            if (ext == null) {
                kept.add(s);
            } else if (s.creates() != null || !s.provides().isEmpty() && !isDecoration(s)) {
                String what = s.kind().toLowerCase() + " " + s.name();
                if (!extensions.contains(String.valueOf(extensionName(s))) && named.add(what)) {
                    leftOut.get(ext).add(what);
                }
            }
        }
        return new Result(List.copyOf(kept), leftOut, Set.copyOf(keyOwner.keySet()));
    }

    private static boolean spread(String key, String ext, Map<String, String> keyOwner,
                                  Map<String, List<String>> dependents) {
        boolean changed = keyOwner.putIfAbsent(key, ext) == null;
        for (String d : dependents.getOrDefault(key, List.of())) {
            if (keyOwner.putIfAbsent(d, ext) == null) {
                changed = true;
                changed |= spread(d, ext, keyOwner, dependents);
            }
        }
        return changed;
    }

    private static boolean isDecoration(Statement s) {
        return switch (s.kind()) {
            case "COMMENT", "ACL", "OWNER", "SECURITY LABEL", "DEFAULT ACL" -> true;
            default -> false;
        };
    }
}
