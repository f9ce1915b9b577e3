package io.pgbarge.archive;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** How one format finds and opens an entry's data; {@link Archive} checks the arguments. */
interface ArchiveData extends Closeable {

    /** The decompressed data of an entry with data that is not BLOBS. */
    InputStream openData(TocEntry entry) throws IOException;

    /** The large objects of a BLOBS entry. */
    LargeObjectReader openLargeObjects(TocEntry entry) throws IOException;

    /** Whether entries must be opened in file order, one at a time (a custom archive on a pipe). */
    boolean isSequential();
}
