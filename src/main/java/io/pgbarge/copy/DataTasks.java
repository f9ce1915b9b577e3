package io.pgbarge.copy;

import io.pgbarge.catalog.DatabaseObjects;
import io.pgbarge.catalog.ExtensionConfigTable;
import io.pgbarge.ddl.LargeObjectDdl;
import io.pgbarge.plan.DataTask;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The data-phase work besides table copies, and how each runs on a worker's sessions. */
final class DataTasks {
    private DataTasks() {
    }

    /** Large-object contents, as one task (payload for {@link #run}). */
    record LargeObjectContents(List<Long> oids) {
    }

    static List<DataTask> of(DatabaseObjects db, boolean largeObjects) {
        List<DataTask> tasks = new ArrayList<>();
        if (largeObjects && !db.largeObjects().isEmpty()) {
            tasks.add(new DataTask("contents of " + db.largeObjects().size() + " large objects",
                    LargeObjectDdl.CONTENTS_KEY, db.largeObjectBytes(), new LargeObjectContents(db.largeObjectOids())));
        }
        for (ExtensionConfigTable t : db.extensionConfigTables()) {
            tasks.add(new DataTask("rows of extension " + t.extension() + "'s table " + t.qualifiedName(), null, 0, t));
        }
        return tasks;
    }

    static void run(DataTask task, Connection source, Connection target) throws SQLException {
        Object p = task.payload();
        if (p instanceof LargeObjectContents lo) {
            LargeObjectCopier.copy(source, target, lo.oids(), bytes -> { });
        } else if (p instanceof ExtensionConfigTable t && t.isSequence()) {
            copySequenceState(t, source, target);
        } else if (p instanceof ExtensionConfigTable t) {
            // CREATE EXTENSION filled the table with the extension's own rows: add the user's, keep those
            String where = t.whereClause() == null ? "" : " " + t.whereClause();
            TableCopier.append(t.qualifiedName(), "SELECT * FROM ONLY " + t.qualifiedName() + where, source, target, null);
        } else {
            throw new IllegalArgumentException("unknown data task " + task.description());
        }
    }

    private static void copySequenceState(ExtensionConfigTable t, Connection source, Connection target)
            throws SQLException {
        long last;
        boolean called;
        try (var st = source.createStatement();
             var rs = st.executeQuery("SELECT last_value, is_called FROM " + t.qualifiedName())) {
            rs.next();
            last = rs.getLong(1);
            called = rs.getBoolean(2);
        }
        try (var ps = target.prepareStatement("SELECT pg_catalog.setval(?::regclass, ?, ?)")) {
            ps.setString(1, t.qualifiedName());
            ps.setLong(2, last);
            ps.setBoolean(3, called);
            ps.execute();
        }
    }
}
