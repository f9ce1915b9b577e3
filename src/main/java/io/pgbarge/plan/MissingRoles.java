package io.pgbarge.plan;

import io.pgbarge.ddl.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Statements left out because a role they name does not exist on the target, summed up per role
 * and kind: one line per role says what was adapted, instead of one line per object.
 */
final class MissingRoles {
    private static final int SHOWN = 4;
    private final Map<String, Map<String, List<String>>> byRole = new TreeMap<>();

    /** @param exists the role exists but the target login may not hand objects to it */
    void add(String role, Statement s, boolean exists) {
        String what = switch (s.kind()) {
            case "OWNER" -> "objects left owned by the target login";
            case "ACL" -> "grants left out";
            case "DEFAULT ACL" -> "default privileges left out";
            default -> s.kind().toLowerCase() + " statements left out";
        };
        String key = exists ? role + " exists on the target, but the target login is not a member of it"
                : role + " does not exist on the target";
        byRole.computeIfAbsent(key, r -> new TreeMap<>()).computeIfAbsent(what, w -> new ArrayList<>()).add(s.name());
    }

    List<String> notes() {
        List<String> out = new ArrayList<>();
        byRole.forEach((role, kinds) -> kinds.forEach((what, names) -> {
            List<String> distinct = names.stream().distinct().toList();
            String shown = String.join(", ", distinct.subList(0, Math.min(SHOWN, distinct.size())))
                    + (distinct.size() > SHOWN ? ", … " + (distinct.size() - SHOWN) + " more" : "");
            out.add("role " + role + ": " + names.size() + " " + what + " (" + shown + ")");
        }));
        return out;
    }
}
