package io.pgbarge.restore;

import io.pgbarge.archive.TocEntry;

/** The payload of a data task that writes the contents of the large objects of one BLOBS entry. */
public record LargeObjectLoad(TocEntry entry) {
}
