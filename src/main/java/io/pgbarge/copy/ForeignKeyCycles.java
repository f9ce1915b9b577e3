package io.pgbarge.copy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tables grouped by foreign-key cycles (strongly connected components, Tarjan's algorithm): tables
 * that reference each other, however indirectly, must be loaded in one transaction; every other
 * table forms a group of its own.
 */
final class ForeignKeyCycles {
    private final Map<Long, List<Long>> edges;
    private final Map<Long, Integer> index = new HashMap<>();
    private final Map<Long, Integer> low = new HashMap<>();
    private final Deque<Long> stack = new ArrayDeque<>();
    private final Set<Long> onStack = new HashSet<>();
    private final List<List<Long>> out = new ArrayList<>();

    private ForeignKeyCycles(Map<Long, List<Long>> edges) {
        this.edges = edges;
    }

    /** The groups, each in the order the tables were given. */
    static List<List<Long>> components(List<Long> tables, Map<Long, List<Long>> edges) {
        ForeignKeyCycles c = new ForeignKeyCycles(edges);
        for (Long t : tables) {
            if (!c.index.containsKey(t)) {
                c.visit(t);
            }
        }
        List<List<Long>> ordered = new ArrayList<>();
        for (List<Long> g : c.out) {
            ordered.add(tables.stream().filter(g::contains).toList());
        }
        return ordered;
    }

    // recursion depth is bounded by the length of the longest foreign-key chain
    private void visit(Long v) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (Long w : edges.getOrDefault(v, List.of())) {
            if (!index.containsKey(w)) {
                visit(w);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<Long> group = new ArrayList<>();
            Long w;
            do {
                w = stack.pop();
                onStack.remove(w);
                group.add(w);
            } while (!w.equals(v));
            out.add(group);
        }
    }
}
