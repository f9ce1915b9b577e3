package io.pgbarge.copy;

import io.pgbarge.catalog.Catalog;

/**
 * Work that must see the source exactly as the copy read it: it runs after the copy's last step,
 * while the copy's snapshot is still held (copy --verify compares the target with the source as of
 * that snapshot, so writes to the source during the copy are not reported as differences).
 */
@FunctionalInterface
public interface AfterCopy {
    /**
     * @param snapshot the copy's snapshot, still open: {@link SnapshotHolder#join} works on new sessions
     * @param catalog  the catalog the copy read in it (sequence values as the copy set them)
     */
    void run(SnapshotHolder snapshot, Catalog catalog) throws InterruptedException;
}
