package io.pgbarge.restore;

import io.pgbarge.ddl.Section;
import io.pgbarge.ddl.Statement;
import io.pgbarge.script.RelationName;
import io.pgbarge.script.StatementClass;
import io.pgbarge.script.StatementKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The post-data work of a plain SQL script that can wait until the data is in and then run in
 * parallel: indexes, PRIMARY KEY/UNIQUE/EXCLUDE/CHECK and FOREIGN KEY constraints, triggers, rules,
 * policies, materialized view refreshes, index partition attachments, and what refers to them
 * (comments, ENABLE, CLUSTER ON, event triggers). Everything else runs where the script has it.
 *
 * <p>Only statements after the script's first data (COPY or INSERT) are deferred: a constraint that a
 * view needs (GROUP BY on a primary key) is created by pg_dump in the pre-data part, before any data.
 *
 * <p>Order among deferred statements: foreign keys and index attachments after every index and key
 * before them; other statements after the deferred statements before them on the same table; a
 * refresh after the refresh before it; event triggers and comments on indexes after all before them.
 */
public final class PlainScriptPlan {
    private static final Pattern COMMENT_ON_DEFERRED = Pattern.compile(
            "(?is)^\\s*COMMENT\\s+ON\\s+(INDEX|CONSTRAINT|TRIGGER|RULE|POLICY)\\b.*");
    private static final Pattern EVENT_TRIGGER = Pattern.compile(
            "(?is)^\\s*(CREATE|ALTER|COMMENT\\s+ON)\\s+EVENT\\s+TRIGGER\\b.*");
    private static final Pattern NEEDS_INDEX = Pattern.compile(
            "(?is).*\\b(CLUSTER\\s+ON|REPLICA\\s+IDENTITY\\s+USING\\s+INDEX|VALIDATE\\s+CONSTRAINT)\\b.*");

    private final List<Statement> statements = new ArrayList<>();
    private final List<String> indexKeys = new ArrayList<>();
    private final Map<String, List<String>> byTable = new HashMap<>();
    private String lastRefresh;
    private boolean dataSeen;

    /** Tells the plan that the script's data has started: statements after this point may be deferred. */
    public void dataStarted() {
        dataSeen = true;
    }

    /**
     * Defers a statement when it is post-data work.
     *
     * @return whether it was deferred (else the caller runs it now)
     */
    public boolean offer(String sql, StatementClass c, long line) {
        if (!dataSeen) {
            return false;
        }
        StatementKind k = c.kind();
        String key = "script:" + statements.size();
        String table = c.table() == null ? null : tableKey(c.table());
        Set<String> requires = new LinkedHashSet<>();
        String kind;
        if (EVENT_TRIGGER.matcher(sql).matches()) {
            kind = "EVENT TRIGGER";
            all(requires);
        } else {
            switch (k) {
                case CREATE_INDEX, ADD_PRIMARY_KEY, ADD_UNIQUE, ADD_EXCLUDE, ADD_CHECK -> {
                    kind = k == StatementKind.CREATE_INDEX ? "INDEX" : "CONSTRAINT";
                    if (k != StatementKind.CREATE_INDEX) {
                        // ADD CONSTRAINT … USING INDEX names an index built just before; and a table's
                        // ALTERs queue behind its index builds for the lock anyway
                        sameTable(requires, table);
                    }
                    indexKeys.add(key);
                }
                case ADD_FOREIGN_KEY, ATTACH_PARTITION_INDEX -> {
                    kind = k == StatementKind.ADD_FOREIGN_KEY ? "FK CONSTRAINT" : "INDEX ATTACH";
                    requires.addAll(indexKeys);
                    sameTable(requires, table);
                }
                case CREATE_TRIGGER, CREATE_RULE, CREATE_POLICY, ENABLE -> {
                    kind = k.name().replace("CREATE_", "").replace('_', ' ');
                    sameTable(requires, table);
                }
                case REFRESH_MATERIALIZED_VIEW -> {
                    kind = "MATERIALIZED VIEW DATA";
                    sameTable(requires, table);
                    if (lastRefresh != null) {
                        requires.add(lastRefresh);
                    }
                    lastRefresh = key;
                }
                case ALTER_TABLE -> {
                    if (!NEEDS_INDEX.matcher(sql).matches()) {
                        return false;
                    }
                    kind = "ALTER TABLE";
                    sameTable(requires, table);
                }
                case COMMENT -> {
                    if (!COMMENT_ON_DEFERRED.matcher(sql).matches()) {
                        return false;
                    }
                    kind = "COMMENT";
                    if (table == null) {
                        all(requires);
                    } else {
                        sameTable(requires, table);
                    }
                }
                default -> {
                    return false;
                }
            }
        }
        String name = (c.objectName() != null ? c.objectName() : "") + (c.table() != null
                ? (c.objectName() != null ? " on " : "") + c.table().sql() : "") + " (line " + line + ")";
        statements.add(new Statement(kind, name.strip(), Section.POST_DATA, Definitions.trim(sql), Set.of(key),
                requires, Set.of(), null));
        if (table != null) {
            byTable.computeIfAbsent(table, t -> new ArrayList<>()).add(key);
        }
        return true;
    }

    private void sameTable(Set<String> requires, String table) {
        if (table != null) {
            requires.addAll(byTable.getOrDefault(table, List.of()));
        }
    }

    private void all(Set<String> requires) {
        for (Statement s : statements) {
            requires.addAll(s.provides());
        }
    }

    /** Tables named without a schema are taken to be the same as with one: ordering errs on the safe side. */
    private static String tableKey(RelationName r) {
        return r.name().toLowerCase(Locale.ROOT);
    }

    /** The deferred statements, in script order, each providing {@code script:<n>} and requiring what it waits for. */
    public List<Statement> statements() {
        return List.copyOf(statements);
    }
}
