package io.pgbarge.copy;

import io.pgbarge.catalog.Index;
import io.pgbarge.catalog.Table;
import io.pgbarge.ddl.Keys;
import io.pgbarge.ddl.Section;
import io.pgbarge.ddl.Statement;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where the rows cross a slow link, a large table's GIN indexes are created before its rows instead of
 * built after them. A GIN build is one process on the target that cannot start before the table's last
 * row has arrived; over a link slower than the target can store rows, the target's cores are mostly
 * idle while the rows travel, and a GIN index with its pending list (fastupdate, the default) takes
 * the rows in batches as they land, at a fraction of that idle time. On the benchmark's 200 Mbit/s
 * target, 791 MiB of jsonb rows took 35 s to cross without the index and 41 s with it, and the build
 * afterwards 18 s. On a fast link the same maintenance costs more than the build (26 s against 19 s on
 * two cores), so the link is measured first ({@link LinkProbe}). B-tree indexes are always built after
 * the rows: kept up to date row by row they cost far more than a sort.
 *
 * <p>The index becomes a pre-data statement: it runs right after its table's CREATE, and the copy's
 * steps never see it. A resumed copy has its pre-data behind it, so there an index moved before the
 * rows is one that exists on the target already.
 */
final class IndexesBeforeRows {
    /** Tables smaller than this (heap + TOAST) get their indexes built after the rows whatever the link. */
    static final long MIN_TABLE_BYTES = 64L << 20;
    /** Tests lower the size above. */
    static final String MIN_BYTES_PROPERTY = "pgbarge.indexesBeforeRowsMinBytes";
    /**
     * Below this rate (400 Mbit/s) the rows of a large jsonb table take longer to cross than two
     * target cores take to store them and keep a GIN index up to date.
     */
    static final double SLOW_LINK_BYTES_PER_SECOND = 50e6;
    /** What PostgreSQL reads as false (parse_bool), in a storage parameter. */
    private static final Set<String> FALSE = Set.of("f", "fa", "fal", "fals", "false", "n", "no", "off", "0");

    private IndexesBeforeRows() {
    }

    /**
     * @param tables  the tables whose rows are copied
     * @param resumed the interrupted run's pre-data is done: move only what exists on the target
     * @return the statements, with the chosen indexes' CREATE INDEX in pre-data
     */
    static List<Statement> apply(List<Statement> statements, List<Index> indexes, List<Table> tables,
                                 Connection source, Connection target, boolean resumed, List<String> notes)
            throws SQLException {
        Set<String> candidates = candidates(indexes, tables);
        Map<String, Statement> creates = new HashMap<>();
        for (Statement s : statements) {
            if (s.kind().equals("INDEX") && s.section() == Section.POST_DATA) {
                s.provides().stream().filter(candidates::contains).findFirst().ifPresent(k -> creates.put(k, s));
            }
        }
        if (creates.isEmpty()) {
            return statements;
        }
        Set<Statement> moved;
        if (resumed) {
            moved = new java.util.HashSet<>();
            for (Statement s : creates.values()) {
                if (s.creates() != null && exists(target, s.creates().lookup())) {
                    moved.add(s);
                }
            }
        } else {
            double rate = linkRate(source, target);
            if (rate >= SLOW_LINK_BYTES_PER_SECOND) {
                return statements;
            }
            moved = Set.copyOf(creates.values());
            notes.add(String.format(Locale.ROOT, "the rows cross a slow link (about %.0f MB/s): the GIN index%s %s %s"
                            + " created before the rows and kept up to date while they arrive, instead of built after"
                            + " the last one has crossed",
                    rate / 1e6, moved.size() > 1 ? "es" : "",
                    moved.stream().map(Statement::name).sorted().collect(Collectors.joining(", ")),
                    moved.size() > 1 ? "are" : "is"));
        }
        List<Statement> out = new ArrayList<>(statements.size());
        for (Statement s : statements) {
            out.add(moved.contains(s) ? beforeRows(s) : s);
        }
        return out;
    }

    /** GIN indexes with a pending list, of tables large enough, by their key; not those of constraints or partitions. */
    private static Set<String> candidates(List<Index> indexes, List<Table> tables) {
        long min = Long.getLong(MIN_BYTES_PROPERTY, MIN_TABLE_BYTES);
        Map<Long, Table> byOid = new HashMap<>();
        tables.forEach(t -> byOid.put(t.oid(), t));
        Set<String> out = new java.util.HashSet<>();
        for (Index i : indexes) {
            Table t = byOid.get(i.tableOid());
            if (t != null && t.hasData() && t.relkind() == 'r' && t.estimatedBytes() >= min && i.constraintOid() == 0
                    && !i.partitioned() && i.parentOid() == 0 && !i.onMatview() && isGinWithPendingList(i)) {
                out.add(Keys.rel(i.oid()));
            }
        }
        return out;
    }

    /**
     * The slower direction on the rows' way, both measured at once (two links, or two directions of
     * one). A probe that fails counts as fast: a lost session fails the copy later, on its own.
     */
    private static double linkRate(Connection source, Connection target) {
        java.util.concurrent.CompletableFuture<Double> toTarget = new java.util.concurrent.CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                toTarget.complete(LinkProbe.toServer(target));
            } catch (Throwable e) {
                toTarget.complete(Double.POSITIVE_INFINITY);
            }
        }, "pgbarge-link-probe");
        t.setDaemon(true);
        t.start();
        double fromSource;
        try {
            fromSource = LinkProbe.fromServer(source);
        } catch (SQLException e) {
            fromSource = Double.POSITIVE_INFINITY;
        }
        return Math.min(fromSource, toTarget.join());
    }

    static boolean isGinWithPendingList(Index i) {
        return "gin".equals(i.accessMethod()) && i.options().stream()
                .noneMatch(o -> o.startsWith("fastupdate=") && FALSE.contains(o.substring(11).toLowerCase(Locale.ROOT)));
    }

    private static Statement beforeRows(Statement s) {
        Set<String> requires = s.requires().stream().filter(k -> !Keys.isData(k)).collect(Collectors.toSet());
        return new Statement(s.kind(), s.name(), Section.PRE_DATA, s.sql(), s.provides(), requires, s.roles(), s.creates());
    }

    private static boolean exists(Connection target, String lookup) throws SQLException {
        try (var st = target.createStatement(); ResultSet rs = st.executeQuery("SELECT " + lookup + " IS NOT NULL")) {
            return rs.next() && rs.getBoolean(1);
        }
    }
}
