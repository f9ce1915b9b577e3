package io.pgbarge.check;

import java.util.ArrayList;
import java.util.List;

/** Source and target versions, and whether each server can play its part (a standby cannot be written). */
public final class VersionCheck implements Check {
    /** The oldest and newest source majors pgbarge reads. */
    static final int OLDEST_SOURCE = 13;
    static final int NEWEST_SOURCE = 18;

    @Override
    public String topic() {
        return "versions";
    }

    @Override
    public List<Finding> run(CheckContext ctx) {
        ServerFacts s = ctx.sourceFacts();
        ServerFacts t = ctx.targetFacts();
        List<Finding> out = new ArrayList<>();
        out.add(Finding.info("versions", List.of(),
                "source is PostgreSQL " + s.version() + ", target is PostgreSQL " + t.version()
                        + (s.major() == t.major() ? " (same major version)."
                        : t.major() > s.major() ? " (an upgrade)." : " (a downgrade)."), ""));
        if (s.major() < OLDEST_SOURCE || s.major() > NEWEST_SOURCE) {
            out.add(Finding.warning("source-version-untested", List.of("source server " + s.version()),
                    "pgbarge reads sources of PostgreSQL " + OLDEST_SOURCE + " to " + NEWEST_SOURCE
                            + "; catalogs of " + s.major() + " may hold objects it does not know.",
                    "Check the result with `pgbarge verify`, or copy from a supported version."));
        }
        if (t.major() < s.major()) {
            out.add(Finding.warning("target-older", List.of("target server " + t.version()),
                    "the target (" + t.major() + ") is older than the source (" + s.major()
                            + "): objects using features newer than " + t.major() + " may not be expressible there.",
                    "The copy rehearses the schema on the target first and refuses, naming each object it cannot"
                            + " create; upgrade the target to " + s.major() + " or later to avoid that."));
        }
        if (t.inRecovery()) {
            out.add(Finding.blocker("target-read-only", List.of("target server " + t.version()),
                    "the target is a standby (in recovery): it cannot be written.",
                    "Connect to the primary of the target cluster."));
        } else if (t.readOnly()) {
            out.add(Finding.blocker("target-read-only", List.of("target login " + t.user()),
                    "default_transaction_read_only is on for the target session: every statement of the copy would fail.",
                    "Run ALTER ROLE " + t.user() + " SET default_transaction_read_only = off (or for the database),"
                            + " or use a read-write endpoint."));
        }
        if (s.inRecovery()) {
            out.add(Finding.warning("source-standby", List.of("source server " + s.version()),
                    "the source is a standby: a long copy can be cancelled by recovery conflicts"
                            + " (\"canceling statement due to conflict with recovery\").",
                    "Set hot_standby_feedback = on (or raise max_standby_streaming_delay) on the standby"
                            + " for the copy, or copy from the primary."));
        }
        return out;
    }
}
