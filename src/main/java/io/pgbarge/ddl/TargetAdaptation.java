package io.pgbarge.ddl;

import java.util.ArrayList;
import java.util.List;

/**
 * Adapts statements to an older target than the source: what the target cannot express is left out
 * with a note, rather than failing the whole schema transaction on it.
 */
public final class TargetAdaptation {
    private TargetAdaptation() {
    }

    public record Result(List<Statement> statements, List<String> notes) {
    }

    public static Result adapt(List<Statement> statements, DdlContext ctx) {
        List<Statement> out = new ArrayList<>(statements.size());
        List<String> notes = new ArrayList<>();
        int targetMajor = ctx.target().major();
        for (Statement s : statements) {
            if (s.kind().equals("ACL") && targetMajor < 17 && s.sql().contains("MAINTAIN")) {
                // the MAINTAIN privilege exists from PostgreSQL 17 on
                Statement without = withoutPrivilege(s, "MAINTAIN");
                notes.add(s.name() + ": MAINTAIN privilege left out, PostgreSQL " + targetMajor + " does not have it");
                if (without != null) {
                    out.add(without);
                }
                continue;
            }
            out.add(s);
        }
        return new Result(out, notes);
    }

    /** The same GRANT/REVOKE without one privilege, or null when it named only that one. */
    private static Statement withoutPrivilege(Statement s, String privilege) {
        String sql = s.sql();
        int on = sql.indexOf(" ON ");
        String head = sql.substring(0, on);
        String verb = head.startsWith("GRANT") ? "GRANT " : "REVOKE ";
        List<String> privileges = new ArrayList<>(List.of(head.substring(verb.length()).split(",")));
        privileges.removeIf(p -> p.trim().startsWith(privilege));
        if (privileges.isEmpty()) {
            return null;
        }
        return new Statement(s.kind(), s.name(), s.section(), verb + String.join(",", privileges) + sql.substring(on),
                s.provides(), s.requires(), s.roles(), s.creates());
    }
}
