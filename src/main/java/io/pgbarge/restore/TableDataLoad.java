package io.pgbarge.restore;

import io.pgbarge.archive.TocEntry;

/**
 * The payload of a data task that loads one TABLE DATA entry.
 *
 * @param entry    the TABLE DATA entry
 * @param truncate whether the table was created in this run: TRUNCATE, then COPY … FREEZE in the same
 *                 transaction (a retry starts clean, and the rows need no later freezing)
 */
public record TableDataLoad(TocEntry entry, boolean truncate) {

    /** {@code public.actor}: the entry's schema-qualified tag, for progress and messages. */
    public String table() {
        String ns = entry.namespace();
        return ns == null || ns.isEmpty() ? entry.tag() : ns + "." + entry.tag();
    }
}
