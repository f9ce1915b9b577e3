package io.pgbarge.restore;

import io.pgbarge.ddl.Statement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an archive holds that only a superuser may create, left out with a note when the target login
 * is not one (as on managed services), as {@code copy} does: event triggers, subscriptions, and
 * publications FOR ALL TABLES or of whole schemas; with them whatever needs them (their comments,
 * owners, member tables).
 */
final class SuperuserOnlyEntries {
    private static final Pattern ALL_TABLES = Pattern.compile("(?is)^\\s*CREATE\\s+PUBLICATION\\s.*\\bFOR\\s+ALL\\s+TABLES\\b.*");

    private SuperuserOnlyEntries() {
    }

    static List<Statement> filter(Connection admin, List<Statement> statements, List<String> notes)
            throws SQLException {
        boolean superuser;
        try (var st = admin.createStatement();
             var rs = st.executeQuery("SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user")) {
            superuser = rs.next() && rs.getBoolean(1);
        }
        if (superuser) {
            return statements;
        }
        Set<String> leftKeys = new HashSet<>();
        Set<Statement> left = new HashSet<>();
        for (Statement s : statements) {
            String why = why(s);
            if (why != null) {
                left.add(s);
                leftKeys.addAll(s.provides());
                notes.add(s.kind().toLowerCase() + " " + s.name() + " left out: " + why
                        + " on the target, and the target login is not one");
            }
        }
        if (left.isEmpty()) {
            return statements;
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Statement s : statements) {
                if (!left.contains(s) && s.requires().stream().anyMatch(leftKeys::contains)) {
                    left.add(s);
                    leftKeys.addAll(s.provides());
                    changed = true;
                }
            }
        }
        List<Statement> out = new ArrayList<>(statements.size());
        for (Statement s : statements) {
            if (!left.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    private static String why(Statement s) {
        return switch (s.kind()) {
            case "EVENT TRIGGER" -> "creating an event trigger needs a superuser";
            case "SUBSCRIPTION" -> "creating a subscription needs a superuser";
            case "PUBLICATION TABLES IN SCHEMA" -> "publishing the tables of a whole schema needs a superuser";
            case "PUBLICATION" -> ALL_TABLES.matcher(s.sql()).matches() ? "FOR ALL TABLES needs a superuser" : null;
            default -> null;
        };
    }

}
