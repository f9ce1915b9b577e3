package io.pgbarge.archive;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pg_dump archive opened for reading: its header, its TOC entries in file order, and access to
 * each entry's data. Open one with {@link ArchiveReader#open(java.nio.file.Path)}.
 *
 * <p>Data streams are decompressed and streamed: memory stays bounded whatever the table size.
 * Archives read from a file may be read by several threads at once, each with its own streams.
 * An archive read from a pipe ({@link #isSequential()}) must be read in file order, one stream at
 * a time; opening an entry skips whatever the previous stream left unread.
 */
public final class Archive implements Closeable {
    private final String name;
    private final ArchiveHeader header;
    private final List<TocEntry> entries;
    private final Map<Integer, TocEntry> byId = new HashMap<>();
    private final String encoding;
    private final Charset charset;
    private final ArchiveData data;

    Archive(String name, ArchiveHeader header, TocReader.Toc toc, ArchiveData data) {
        this.name = name;
        this.header = header;
        this.entries = toc.entries();
        this.encoding = toc.encoding();
        this.charset = toc.charset();
        this.data = data;
        for (TocEntry e : entries) {
            byId.put(e.dumpId(), e);
        }
    }

    /** The path or name the archive was opened from, as used in error messages. */
    public String name() {
        return name;
    }

    public ArchiveHeader header() {
        return header;
    }

    public ArchiveFormat format() {
        return header.format();
    }

    /** All TOC entries, in file order (ENCODING, STDSTRINGS, … first). */
    public List<TocEntry> entries() {
        return entries;
    }

    public Optional<TocEntry> entry(int dumpId) {
        return Optional.ofNullable(byId.get(dumpId));
    }

    /** The database encoding of the ENCODING entry ({@code UTF8}), or null when there is none. */
    public String encoding() {
        return encoding;
    }

    /** The charset the TOC strings were decoded with (and COPY data is in). */
    public Charset charset() {
        return charset;
    }

    /** Whether the archive is read from a pipe: entries in file order only, one stream at a time. */
    public boolean isSequential() {
        return data.isSequential();
    }

    /**
     * The decompressed data of an entry, exactly as pg_dump wrote it: for TABLE DATA with COPY
     * the rows in COPY text format followed by pg_dump's end marker {@code \.} and two blank
     * lines (see {@link #openCopyData}); for --inserts dumps, SQL. Close it when done.
     *
     * @throws IllegalArgumentException for an entry that is not in this archive, has no data
     *                                  ({@link TocEntry#hasData()}), or is BLOBS
     * @throws ArchiveFormatException   when the data is missing, truncated or corrupt (also
     *                                  from the stream's read)
     */
    public InputStream openData(TocEntry entry) throws IOException {
        check(entry);
        if (entry.isLargeObjects()) {
            throw new IllegalArgumentException("entry " + entry.label() + " holds large objects: use openLargeObjects");
        }
        return data.openData(entry);
    }

    /**
     * The COPY rows of a TABLE DATA entry without pg_dump's trailing {@code \.} marker: what a
     * server's {@code COPY … TO STDOUT} sent, ready for {@code COPY … FROM STDIN}.
     */
    public InputStream openCopyData(TocEntry entry) throws IOException {
        return new CopyEndMarkerStrippingInputStream(openData(entry));
    }

    /** The large objects of a BLOBS entry, in archive order. Close it when done. */
    public LargeObjectReader openLargeObjects(TocEntry entry) throws IOException {
        check(entry);
        if (!entry.isLargeObjects()) {
            throw new IllegalArgumentException("entry " + entry.label() + " is not a BLOBS entry");
        }
        return data.openLargeObjects(entry);
    }

    private void check(TocEntry entry) {
        TocEntry mine = byId.get(entry.dumpId());
        if (mine == null || !mine.equals(entry)) {
            throw new IllegalArgumentException("entry " + entry.label() + " is not in archive " + name);
        }
        if (!entry.hasData()) {
            throw new IllegalArgumentException("entry " + entry.label() + " has no data in archive " + name);
        }
    }

    @Override
    public void close() throws IOException {
        data.close();
    }
}
