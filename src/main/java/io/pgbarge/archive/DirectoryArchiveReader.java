package io.pgbarge.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Reads directory-format archives ({@code pg_dump -Fd}; pg_backup_directory.c): {@code toc.dat}
 * (header + TOC, possibly itself compressed as toc.dat.gz/.lz4/.zst) and one data file per entry,
 * {@code <dumpId>.dat} plus the compression suffix (.gz, .lz4, .zst); large objects in
 * {@code blob_<oid>.dat[.gz…]} listed by {@code blobs.toc} ({@code blobs_<dumpId>.toc} in 1.16).
 */
public final class DirectoryArchiveReader {

    private DirectoryArchiveReader() {
    }

    /** The toc.dat of a directory, possibly compressed, or null when there is none. */
    static Path tocFile(Path dir) {
        for (CompressionAlgorithm a : CompressionAlgorithm.values()) {
            Path p = dir.resolve("toc.dat" + a.fileSuffix());
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    public static Archive open(Path dir) throws IOException {
        Path toc = tocFile(dir);
        if (toc == null) {
            throw new ArchiveFormatException(dir + " is not a pg_dump archive (a directory without toc.dat)",
                    dir.toString(), -1, null);
        }
        String tocName = toc.toString();
        CompressionAlgorithm tocAlgo = algorithmOf(toc.getFileName().toString());
        try (FileChannel ch = FileChannel.open(toc, StandardOpenOption.READ)) {
            long size = ch.size();
            InputStream raw = new FileRegionInputStream(ch, 0, size);
            ArchiveInput in;
            if (tocAlgo == CompressionAlgorithm.NONE) {
                in = new ArchiveInput(raw, tocName, 0, size);
            } else {
                CountingInputStream counted = new CountingInputStream(raw);
                InputStream dec = new GuardedInputStream(() -> Decompression.file(counted, tocAlgo), tocName, null,
                        counted::count, null, null);
                in = new ArchiveInput(new BufferedInputStream(dec, 64 * 1024), tocName, 0, -1);
            }
            ArchiveHeader header = ArchiveHeaderReader.read(in, ArchiveFormat.DIRECTORY);
            TocReader.Toc parsed = TocReader.read(in, header);
            return new Archive(dir.toString(), header, parsed, new Data(dir, header));
        }
    }

    private static CompressionAlgorithm algorithmOf(String fileName) {
        for (CompressionAlgorithm a : CompressionAlgorithm.values()) {
            if (a != CompressionAlgorithm.NONE && fileName.endsWith(a.fileSuffix())) {
                return a;
            }
        }
        return CompressionAlgorithm.NONE;
    }

    /** Data files, each found as pg_restore does: the plain name, else with .gz, .lz4 or .zst. */
    private static final class Data implements ArchiveData {
        private final Path dir;
        private final ArchiveHeader header;

        Data(Path dir, ArchiveHeader header) {
            this.dir = dir;
            this.header = header;
        }

        private InputStream openFile(String fileName, TocEntry e) throws IOException {
            for (CompressionAlgorithm a : CompressionAlgorithm.values()) {
                Path p = dir.resolve(fileName + a.fileSuffix());
                if (Files.isRegularFile(p)) {
                    return openFile(p, a, e);
                }
            }
            throw ArchiveFormatException.of(dir.toString(), "missing data file " + fileName, e, -1,
                    "no " + fileName + "[.gz|.lz4|.zst] in the directory");
        }

        private InputStream openFile(Path p, CompressionAlgorithm a, TocEntry e) throws IOException {
            FileChannel ch = FileChannel.open(p, StandardOpenOption.READ);
            try {
                CountingInputStream counted = new CountingInputStream(new FileRegionInputStream(ch, 0, ch.size()));
                return new GuardedInputStream(() -> Decompression.file(counted, a), p.toString(), e, counted::count,
                        null, ch::close);
            } catch (IOException | RuntimeException ex) {
                ch.close();
                throw ex;
            }
        }

        private static void checkName(String fileName, TocEntry e, Path dir) throws ArchiveFormatException {
            if (fileName.contains("/") || fileName.contains("\\") || fileName.startsWith(".")) {
                throw ArchiveFormatException.of(dir.resolve("toc.dat").toString(), "corrupt TOC", e, -1,
                        "invalid data file name \"" + fileName + "\"");
            }
        }

        @Override
        public InputStream openData(TocEntry e) throws IOException {
            checkName(e.fileName(), e, dir);
            return openFile(e.fileName(), e);
        }

        @Override
        public LargeObjectReader openLargeObjects(TocEntry e) throws IOException {
            String listName = LargeObjectToc.fileName(header.version(), e);
            checkName(listName, e, dir);
            Path list = dir.resolve(listName);
            if (!Files.isRegularFile(list)) {
                throw ArchiveFormatException.of(dir.toString(), "missing large object list " + listName, e, -1, null);
            }
            List<LargeObjectToc.Item> items;
            try (InputStream in = Files.newInputStream(list)) {
                items = LargeObjectToc.parse(in, list.toString(), e);
            }
            return new FileLargeObjectReader(items, name -> openFile(name, e));
        }

        @Override
        public boolean isSequential() {
            return false;
        }

        @Override
        public void close() {
            // every data file is opened and closed by its own stream
        }
    }
}
