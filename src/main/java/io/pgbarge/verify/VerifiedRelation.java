package io.pgbarge.verify;

import io.pgbarge.catalog.Catalog;
import io.pgbarge.catalog.Table;
import io.pgbarge.catalog.View;
import io.pgbarge.ddl.Sql;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A relation whose rows are verified: every table with rows of its own (plain tables, leaf
 * partitions, inheritance parents and children — each with ONLY, so that a row is counted once, in
 * the table that holds it) and every materialized view.
 *
 * @param kind           "table" or "materialized view"
 * @param name           the qualified name, quoted as SQL
 * @param only           scan with ONLY (tables)
 * @param columns        the quoted columns the checksum covers (a table's copied columns: not generated
 *                       ones, which the target computes itself), or null for all (materialized views)
 * @param populated      false for a materialized view created WITH NO DATA on the source
 * @param estimatedBytes size on the source, to start with the biggest
 */
public record VerifiedRelation(String kind, String name, boolean only, List<String> columns, boolean populated,
                               long estimatedBytes) {

    public VerifiedRelation {
        columns = columns == null ? null : List.copyOf(columns);
    }

    /** The relations of a catalog to verify, biggest first (tables before materialized views). */
    public static List<VerifiedRelation> of(Catalog catalog) {
        List<VerifiedRelation> out = new ArrayList<>();
        for (Table t : catalog.tables().tables()) {
            if (t.hasData()) {
                out.add(new VerifiedRelation("table", t.qualifiedName(), true,
                        t.copyColumns().stream().map(c -> Sql.ident(c.name())).toList(), true,
                        Math.max(0, t.estimatedBytes())));
            }
        }
        out.sort(Comparator.comparingLong(VerifiedRelation::estimatedBytes).reversed()
                .thenComparing(VerifiedRelation::name));
        for (View v : catalog.objects().views()) {
            if (v.materialized()) {
                out.add(new VerifiedRelation("materialized view", v.qualifiedName(), false, null, v.populated(), 0));
            }
        }
        return out;
    }
}
