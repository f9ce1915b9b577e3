package io.pgbarge.ddl;

import io.pgbarge.catalog.DatabaseObjects;
import io.pgbarge.catalog.EventTrigger;
import io.pgbarge.catalog.Publication;
import io.pgbarge.catalog.Subscription;

import java.util.ArrayList;
import java.util.List;

/**
 * Statements for the objects of {@link DatabaseObjects}, and the notes on what was left out of them.
 * Tablespaces produce no statements (see {@link TablespacePolicy}); subscriptions only notes.
 */
public final class DatabaseObjectsDdl {
    private DatabaseObjectsDdl() {
    }

    public static List<Statement> statements(DatabaseObjects objects, DdlContext ctx) {
        List<Statement> out = new ArrayList<>(DatabaseSettingsDdl.statements(objects.settings(), ctx));
        out.addAll(LargeObjectDdl.statements(objects.largeObjects(), ctx));
        for (Publication p : objects.publications()) {
            out.addAll(PublicationDdl.statements(p, ctx));
        }
        for (EventTrigger t : objects.eventTriggers()) {
            out.addAll(EventTriggerDdl.statements(t, ctx));
        }
        return out;
    }

    /** What was not read, or is left out for this target, and why; one line each. */
    public static List<String> notes(DatabaseObjects objects, DdlContext ctx) {
        List<String> notes = new ArrayList<>(objects.readNotes());
        notes.addAll(DatabaseSettingsDdl.notes(objects.settings(), ctx));
        for (Publication p : objects.publications()) {
            notes.addAll(PublicationDdl.notes(p, ctx));
        }
        for (EventTrigger t : objects.eventTriggers()) {
            notes.addAll(EventTriggerDdl.notes(t, ctx));
        }
        for (Subscription s : objects.subscriptions()) {
            notes.addAll(SubscriptionDdl.notes(s));
        }
        return notes;
    }
}
