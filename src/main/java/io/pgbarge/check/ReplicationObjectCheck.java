package io.pgbarge.check;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Event triggers (a superuser's to create), publications (FOR ALL TABLES and TABLES IN SCHEMA need a
 * superuser) and subscriptions (never created automatically: one would start replicating).
 */
public final class ReplicationObjectCheck implements Check {
    @Override
    public boolean canBlock() {
        return false;
    }

    @Override
    public String topic() {
        return "event triggers, publications and subscriptions";
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        List<Finding> out = new ArrayList<>();
        ServerFacts s = ctx.sourceFacts();
        ServerFacts t = ctx.targetFacts();

        List<String> eventTriggers = Queries.strings(ctx.source(), "SELECT 'event trigger ' || pg_catalog.quote_ident(e.evtname)"
                + " || ' (' || e.evtevent || ')' FROM pg_catalog.pg_event_trigger e WHERE "
                + Queries.userObject("pg_event_trigger", "e.oid") + " ORDER BY e.evtname");
        if (!eventTriggers.isEmpty()) {
            if (t.superuser()) {
                out.add(Finding.info("event-triggers", eventTriggers,
                        Queries.count(eventTriggers.size(), "event trigger is", "event triggers are")
                                + " created on the target after the schema, so they do not fire during the copy.", ""));
            } else {
                out.add(Finding.warning("event-trigger-skipped", eventTriggers,
                        "only a superuser may create event triggers and the target login " + t.user() + " is not one: "
                                + Queries.count(eventTriggers.size(), "event trigger is", "event triggers are")
                                + " left out (their functions are copied).",
                        "After the copy, have a superuser of the target run CREATE EVENT TRIGGER for each, or do without"
                                + " them (a managed service may offer its own way)."));
            }
        }

        String schemaPubs = s.atLeast(15)
                ? " OR EXISTS (SELECT 1 FROM pg_catalog.pg_publication_namespace pn WHERE pn.pnpubid = p.oid)" : "";
        List<List<String>> pubs = Queries.list(ctx.source(), "SELECT pg_catalog.quote_ident(p.pubname),"
                + " (p.puballtables" + schemaPubs + ")::text FROM pg_catalog.pg_publication p ORDER BY p.pubname",
                rs -> List.of(rs.getString(1), rs.getString(2)));
        if (!pubs.isEmpty()) {
            List<String> needSuper = pubs.stream().filter(p -> p.get(1).equals("true")).map(p -> "publication " + p.get(0)).toList();
            List<String> plain = pubs.stream().filter(p -> !p.get(1).equals("true")).map(p -> "publication " + p.get(0)).toList();
            if (!needSuper.isEmpty() && !t.superuser()) {
                out.add(Finding.warning("publication-skipped", needSuper,
                        Queries.count(needSuper.size(), "publication", "publications") + " FOR ALL TABLES or FOR TABLES IN SCHEMA"
                                + (needSuper.size() == 1 ? " needs" : " need") + " a superuser on the target, and " + t.user() + " is not one: left out.",
                        "After the copy, a superuser of the target recreates them, or list the tables instead"
                                + " (CREATE PUBLICATION … FOR TABLE …), which the table owner may do."));
            }
            List<String> created = new ArrayList<>(plain);
            if (t.superuser()) {
                created.addAll(needSuper);
            }
            if (!created.isEmpty()) {
                String walLevel = Queries.scalar(ctx.target(), "SELECT current_setting('wal_level')");
                out.add(Finding.info("publications", created,
                        Queries.count(created.size(), "publication is", "publications are") + " created on the target"
                                + ("logical".equals(walLevel) ? "."
                                : "; the target's wal_level is " + walLevel + ", so nobody can subscribe to them until it is logical."),
                        ""));
            }
        }

        List<String> subs = Queries.strings(ctx.source(), "SELECT 'subscription ' || pg_catalog.quote_ident(s.subname)"
                + " || ' (publications ' || pg_catalog.array_to_string(s.subpublications, ', ') || ')'"
                + " FROM pg_catalog.pg_subscription s WHERE s.subdbid ="
                + " (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database()) ORDER BY s.subname");
        if (!subs.isEmpty()) {
            boolean canSubscribe = t.superuser() || (t.atLeast(16) && "t".equals(Queries.scalar(ctx.target(),
                    "SELECT pg_catalog.pg_has_role('pg_create_subscription', 'MEMBER')")));
            out.add(Finding.warning("subscription-not-copied", subs,
                    Queries.count(subs.size(), "subscription is", "subscriptions are") + " never created automatically: one on"
                            + " the target would connect to the publisher and start replicating (or take over the source's slot).",
                    "At cutover, disable it on the source and create it by hand on the target (CREATE SUBSCRIPTION … WITH"
                            + " (copy_data = false, create_slot = false, slot_name = …))"
                            + (canSubscribe ? "." : "; that needs a superuser" + (t.atLeast(16)
                            ? " or a member of pg_create_subscription" : "") + ", which " + t.user() + " is not.")));
        }
        return out;
    }
}
