package io.pgbarge.exec;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.regex.Pattern;

/**
 * The memory an index build gets. Sessions run with a large maintenance_work_mem, which spares a
 * B-tree build its merge passes; a GIN build does better with the server's default: it gathers keys in
 * a red-black tree as large as that setting, and a tree of a few million keys spends its time waiting
 * for memory (on the benchmark's jsonb index of 2 million rows, PostgreSQL 15 built it in ~19.5 s with
 * 64MB against ~21.5 s with 256MB, measured alternately, alone on the server). So a GIN build runs
 * with at most 64MB, and the session's own setting comes back for the next build.
 */
public final class BuildMemory {
    static final String GIN_LIMIT = "64MB";
    private static final long GIN_LIMIT_KB = 64 * 1024;
    /** pg_get_indexdef's form, which both pg_dump's archives and the catalog readers give. */
    private static final Pattern GIN = Pattern.compile(" USING gin \\(");

    /** Per session: its own setting, read at the first GIN build (null: no GIN build yet). */
    private final Map<Connection, Setting> sessions = Collections.synchronizedMap(new WeakHashMap<>());

    private record Setting(String own, long ownKb, boolean lowered) {
    }

    /** Before the index build {@code sql} on {@code target}: lowers or gives back maintenance_work_mem. */
    public void beforeBuild(Connection target, String sql) throws SQLException {
        boolean gin = isGin(sql);
        Setting s = sessions.get(target);
        if (s == null) {
            if (!gin) {
                return;
            }
            s = read(target);
        }
        boolean lower = gin && s.ownKb() > GIN_LIMIT_KB;
        if (lower != s.lowered()) {
            try (var st = target.createStatement()) {
                st.execute("SET maintenance_work_mem = '" + (lower ? GIN_LIMIT : s.own()) + "'");
            }
        }
        sessions.put(target, new Setting(s.own(), s.ownKb(), lower));
    }

    static boolean isGin(String sql) {
        return GIN.matcher(sql).find();
    }

    private static Setting read(Connection target) throws SQLException {
        try (var st = target.createStatement();
             var rs = st.executeQuery("SELECT setting FROM pg_catalog.pg_settings WHERE name = 'maintenance_work_mem'")) {
            rs.next();
            long kb = Long.parseLong(rs.getString(1));   // its unit is kB
            return new Setting(kb + "kB", kb, false);
        }
    }
}
