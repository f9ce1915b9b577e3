package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Database-level objects: the database's own settings, comment and privileges, tablespaces in use,
 * event triggers, publications, subscriptions, large objects, and extension configuration tables.
 *
 * @param largeObjectBytes an estimate of the large objects' contents (pg_largeobject's size on disk)
 * @param readNotes        what could not be read and why (e.g. subscriptions without the privilege)
 */
public record DatabaseObjects(DatabaseSettings settings, List<Tablespace> tablespaces,
                              List<EventTrigger> eventTriggers, List<Publication> publications,
                              List<Subscription> subscriptions, List<LargeObject> largeObjects,
                              long largeObjectBytes, List<ExtensionConfigTable> extensionConfigTables,
                              List<String> readNotes) {

    public DatabaseObjects {
        tablespaces = List.copyOf(tablespaces);
        eventTriggers = List.copyOf(eventTriggers);
        publications = List.copyOf(publications);
        subscriptions = List.copyOf(subscriptions);
        largeObjects = List.copyOf(largeObjects);
        extensionConfigTables = List.copyOf(extensionConfigTables);
        readNotes = List.copyOf(readNotes);
    }

    public static DatabaseObjects empty() {
        return new DatabaseObjects(new DatabaseSettings(null, null, null, null, List.of()), List.of(), List.of(), List.of(), List.of(), List.of(), 0, List.of(),
                List.of());
    }

    /** The large objects' OIDs in ascending order, for {@code copy.LargeObjectCopier}. */
    public List<Long> largeObjectOids() {
        return largeObjects.stream().map(LargeObject::oid).toList();
    }

    /**
     * Reads with an empty search_path, so that pg_get_expr (publication row filters) qualifies every
     * name outside pg_catalog; the old setting is put back after.
     */
    public static DatabaseObjects read(Connection c, ServerInfo server) throws SQLException {
        List<String> notes = new ArrayList<>();
        return EmptySearchPath.during(c, () -> new DatabaseObjects(DatabaseSettings.read(c), Tablespace.read(c),
                EventTrigger.read(c), Publication.read(c, server), subscriptions(c, notes), LargeObject.read(c),
                LargeObject.estimatedBytes(c), ExtensionConfigTable.read(c), notes));
    }

    /**
     * pg_subscription's public columns are readable by anyone, but managed servers sometimes revoke
     * more; a refusal there must not abort the snapshot transaction the whole catalog is read in,
     * hence the savepoint.
     */
    private static List<Subscription> subscriptions(Connection c, List<String> notes) throws SQLException {
        Savepoint sp = c.getAutoCommit() ? null : c.setSavepoint();
        try {
            List<Subscription> subs = Subscription.read(c);
            if (sp != null) {
                c.releaseSavepoint(sp);
            }
            return subs;
        } catch (SQLException e) {
            if (sp != null) {
                c.rollback(sp);
            }
            notes.add("subscriptions of the source could not be read (" + e.getMessage().strip()
                    + "): any there are not reported");
            return List.of();
        }
    }

}
