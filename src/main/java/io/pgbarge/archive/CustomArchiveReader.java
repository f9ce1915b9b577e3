package io.pgbarge.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads custom-format archives ({@code pg_dump -Fc}; pg_backup_custom.c): header, TOC, then one
 * data block per entry with data, in TOC order.
 */
public final class CustomArchiveReader {

    private CustomArchiveReader() {
    }

    /** Opens a custom archive file; entries can then be read in any order, by several threads. */
    public static Archive open(Path path) throws IOException {
        String name = path.toString();
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long size = ch.size();
            ArchiveInput in = new ArchiveInput(new FileRegionInputStream(ch, 0, size), name, 0, size);
            ArchiveHeader header = ArchiveHeaderReader.read(in, ArchiveFormat.CUSTOM);
            TocReader.Toc toc = TocReader.read(in, header);
            CustomFileData data = new CustomFileData(ch, name, size, in.position(), header, toc.entries());
            return new Archive(name, header, toc, data);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Reads a custom archive from a stream that cannot seek, e.g. standard input: entries must be
     * opened in file order ({@link Archive#isSequential()}). Closing the archive closes the stream.
     *
     * @param name how to name the input in messages, e.g. "standard input"
     */
    public static Archive open(InputStream stream, String name) throws IOException {
        InputStream buffered = stream instanceof BufferedInputStream ? stream : new BufferedInputStream(stream, 64 * 1024);
        ArchiveInput in = new ArchiveInput(buffered, name, 0, -1);
        ArchiveHeader header = ArchiveHeaderReader.read(in, ArchiveFormat.CUSTOM);
        TocReader.Toc toc = TocReader.read(in, header);
        return new Archive(name, header, toc, new CustomPipeData(in, stream, header, toc.entries()));
    }
}
