package io.pgbarge.copy;

import io.pgbarge.select.TableFilter;

import java.util.Objects;

/**
 * Which part of the source a copy takes, as pg_dump's flags say.
 *
 * @param filter           -n/-N/-t/-T/--exclude-table-data, with pg_dump's pattern rules
 * @param dataOnly         -a/--data-only: rows only, into tables that already exist on the target
 * @param withDependencies --with-dependencies: also copy what the selected objects need and the target lacks
 */
public record TableSelection(TableFilter filter, boolean dataOnly, boolean withDependencies) {
    public static final TableSelection ALL = new TableSelection(TableFilter.ALL, false, false);

    public TableSelection {
        Objects.requireNonNull(filter);
        if (dataOnly && withDependencies) {
            throw new IllegalArgumentException("options -a/--data-only and --with-dependencies cannot be used together:"
                    + " a data-only copy creates no objects (create what is missing first, or copy without -a)");
        }
    }

    /** The refusal of flags that contradict each other, or null. */
    public String conflictWith(boolean schemaOnly) {
        return schemaOnly && dataOnly
                ? "options -s/--schema-only and -a/--data-only cannot be used together" : null;
    }

    /** Everything, as a copy without these flags. */
    public boolean everything() {
        return filter.equals(TableFilter.ALL) && !dataOnly;
    }
}
