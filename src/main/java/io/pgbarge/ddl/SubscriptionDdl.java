package io.pgbarge.ddl;

import io.pgbarge.catalog.Subscription;

import java.util.List;

/**
 * Subscriptions are not created: one on the target would connect to the source's publisher and start
 * replicating (or, with the source's slot name, take over the source's slot). Each gets a note instead.
 */
public final class SubscriptionDdl {
    private SubscriptionDdl() {
    }

    public static List<String> notes(Subscription s) {
        String pubs = String.join(", ", s.publications().stream().map(Sql::ident).toList());
        return List.of("subscription " + Sql.ident(s.name()) + " (publications " + pubs + ", owner " + s.owner()
                + ") not created: it would start replicating from the source's publisher; use --subscriptions"
                + " (not yet supported) or create it by hand with CREATE SUBSCRIPTION " + Sql.ident(s.name())
                + " CONNECTION '…' PUBLICATION " + pubs);
    }
}
