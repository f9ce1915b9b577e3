package io.pgbarge.restore;

import io.pgbarge.archive.TocEntry;
import io.pgbarge.ddl.Section;

/**
 * A TOC entry a restore processes, and which of its parts.
 *
 * @param entry   the entry
 * @param section its section; entries stored with section "none" (comments, ACLs) take the section of
 *                the entry before them, as pg_restore does
 * @param schema  whether its definition is run
 * @param data    whether its data is loaded (TABLE DATA, BLOBS) or, for entries that are data without
 *                a data stream (SEQUENCE SET, large-object creation), whether it is run at all
 */
public record SelectedEntry(TocEntry entry, Section section, boolean schema, boolean data) {
}
