package io.pgbarge.archive.write;

import io.pgbarge.archive.TocEntry;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes one pg_dump archive (custom, directory, tar) or plain SQL script.
 *
 * <p>Use: create a writer (the header — database name, server version, "pgbarge", creation time,
 * compression — comes from its {@link ArchiveWriteOptions}); {@link #addEntry add} every TOC entry in
 * TOC order; then write the data of each entry that has data ({@code hadDumper}): TABLE DATA with
 * {@link #openData}/{@link #writeData}, BLOBS with {@link #openLargeObjects}/{@link #writeLargeObjects};
 * then {@link #close()}. The TOC is frozen by the first data write: no entries can be added after it.
 *
 * <p>Entries' data may be written in any order and from several threads at once, each entry by one
 * thread. Formats whose readers need the data in TOC order (tar, plain) or in one file (custom)
 * stream the first writer straight into the archive and spool the others until their turn.
 *
 * <p>The entries' data offsets and file names are assigned by the writer; whatever the given entries
 * hold there is ignored. TABLE DATA content is written as pg_dump writes it: the rows as the server's
 * {@code COPY … TO STDOUT} sent them, followed by {@link #COPY_END}. The writer does not add it.
 */
public interface ArchiveWriter extends Closeable {

    /** What pg_dump writes after the last row of COPY data: {@code \.} and two empty lines. */
    String COPY_END = "\\.\n\n\n";

    /** The archive file or directory. */
    Path path();

    /** The options it was created with. */
    ArchiveWriteOptions options();

    /**
     * Adds a TOC entry; entries are stored in the order they are added.
     *
     * @throws IllegalStateException when data has been written already, or the dumpId is used
     * @throws IllegalArgumentException for an entry this archive version cannot hold
     */
    void addEntry(TocEntry entry);

    default void addEntries(Iterable<TocEntry> entries) {
        for (TocEntry e : entries) {
            addEntry(e);
        }
    }

    /** The entries as they are (or will be) stored, with the data offsets and file names assigned so far. */
    List<TocEntry> entries();

    /**
     * A stream for the data of entry {@code dumpId} (TABLE DATA and other entries with data, not
     * BLOBS). Closing it completes the entry; {@link EntryOutputStream#abort()} discards what was
     * written so that the entry can be written again.
     */
    EntryOutputStream openData(int dumpId) throws IOException;

    /** The large objects of a BLOBS entry. */
    LargeObjectOutput openLargeObjects(int dumpId) throws IOException;

    /** Writes an entry's data with a callback; if the callback fails, the entry's data is discarded. */
    default void writeData(int dumpId, DataWriter writer) throws IOException {
        EntryOutputStream out = openData(dumpId);
        boolean ok = false;
        try {
            writer.write(out);
            ok = true;
        } finally {
            if (ok) {
                out.close();
            } else {
                out.abort();
            }
        }
    }

    /** Writes a BLOBS entry's large objects with a callback. */
    default void writeLargeObjects(int dumpId, LargeObjectsWriter writer) throws IOException {
        LargeObjectOutput out = openLargeObjects(dumpId);
        boolean ok = false;
        try {
            writer.write(out);
            ok = true;
        } finally {
            if (ok) {
                out.close();
            } else {
                out.abort();
            }
        }
    }

    /**
     * Completes the archive: writes what is left (the TOC with its final offsets, toc.dat, the tar
     * trailer, the script's end) and closes the files. Fails if an entry with data was not written.
     */
    @Override
    void close() throws IOException;

    /** Gives up: closes and deletes what was written. Safe to call more than once, and after close fails. */
    void abort();

    /** Writes one entry's data. */
    @FunctionalInterface
    interface DataWriter {
        void write(OutputStream out) throws IOException;
    }

    /** Writes the large objects of one BLOBS entry. */
    @FunctionalInterface
    interface LargeObjectsWriter {
        void write(LargeObjectOutput out) throws IOException;
    }
}
