package io.pgbarge.script;

/**
 * The classification of a statement ({@link ScriptClassifier}).
 *
 * @param kind       what the statement does
 * @param table      the table (or sequence, materialized view) it targets, when there is one; else null
 * @param objectName the name of the object it creates or names besides the table, as written but unquoted:
 *                   the index, constraint, trigger, rule or policy name, the schema of CREATE SCHEMA, the
 *                   attached partition; else null
 * @param unique     for CREATE INDEX: whether it is a unique index
 */
public record StatementClass(StatementKind kind, RelationName table, String objectName, boolean unique) {

    static StatementClass of(StatementKind kind) {
        return new StatementClass(kind, null, null, false);
    }

    static StatementClass of(StatementKind kind, RelationName table) {
        return new StatementClass(kind, table, null, false);
    }

    static StatementClass of(StatementKind kind, RelationName table, String objectName) {
        return new StatementClass(kind, table, objectName, false);
    }

    /** Whether this is one of the ADD constraint kinds. */
    public boolean isAddConstraint() {
        return switch (kind) {
            case ADD_PRIMARY_KEY, ADD_UNIQUE, ADD_FOREIGN_KEY, ADD_CHECK, ADD_EXCLUDE -> true;
            default -> false;
        };
    }
}
