package io.pgbarge.archive.write;

import io.pgbarge.archive.ArchiveFormat;
import io.pgbarge.archive.ArchiveVersion;
import io.pgbarge.archive.TocEntry;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a directory-format archive ({@code pg_dump -Fd}): {@code toc.dat} (header + TOC, never
 * compressed), one {@code <dumpId>.dat[.gz|.lz4|.zst]} per data entry, and for large objects one
 * {@code blob_<oid>.dat[…]} each plus the list {@code blobs.toc} (archive version 1.16:
 * {@code blobs_<dumpId>.toc}). Every entry has its own files, so any number of threads write at once.
 */
public final class DirectoryArchiveWriter extends AbstractArchiveWriter {

    private final List<Path> created = new ArrayList<>();
    private final boolean createdDir;

    private DirectoryArchiveWriter(Path dir, ArchiveWriteOptions options, boolean createdDir) {
        super(dir, options);
        this.createdDir = createdDir;
    }

    /**
     * Creates the directory (which must not exist, or be empty, as pg_dump requires).
     */
    public static DirectoryArchiveWriter create(Path dir, ArchiveWriteOptions options) throws ArchiveWriteException {
        try {
            boolean made = false;
            if (Files.exists(dir)) {
                if (!Files.isDirectory(dir)) {
                    throw ArchiveWriteException.of(dir, "is not a directory", null, null);
                }
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                    if (ds.iterator().hasNext()) {
                        throw ArchiveWriteException.of(dir, "directory is not empty", null, null);
                    }
                }
            } else {
                Files.createDirectories(dir);
                made = true;
            }
            return new DirectoryArchiveWriter(dir, options, made);
        } catch (ArchiveWriteException e) {
            throw e;
        } catch (IOException e) {
            throw ArchiveWriteException.of(dir, "could not create the archive directory", null, e);
        }
    }

    @Override
    ArchiveFormat format() {
        return ArchiveFormat.DIRECTORY;
    }

    /** The name stored in the TOC for a BLOBS entry's list of large objects. */
    private String blobsTocName(TocEntry e) {
        return version.isAtLeast(ArchiveVersion.V1_16) ? "blobs_" + e.dumpId() + ".toc" : "blobs.toc";
    }

    @Override
    void freeze(List<TocEntry> toc) {
        for (TocEntry e : toc) {
            String name = !e.hadDumper() ? "" : e.isLargeObjects() ? blobsTocName(e) : e.dumpId() + ".dat";
            updateEntry(e.withFileName(name));
        }
    }

    private String suffix() {
        return options.compression().algorithm().fileSuffix();
    }

    private synchronized void track(Path p) {
        created.add(p);
    }

    private OutputStream createFile(Path p) throws IOException {
        track(p);
        return new BufferedOutputStream(Files.newOutputStream(p), 64 * 1024);
    }

    @Override
    EntryOutputStream newDataStream(TocEntry e) throws IOException {
        Path file = path.resolve(e.dumpId() + ".dat" + suffix());
        OutputStream raw = createFile(file);
        OutputStream compressed;
        try {
            compressed = Compressors.file(options.compression(), raw, deflatePool);
        } catch (IOException ex) {
            raw.close();
            throw ex;
        }
        OutputStream top = compressed;
        return new EntryStream(e, file, top, () -> {
            raw.close();
            completed(e);
        }, () -> {
            Compressors.cancel(top);
            closeQuietly(raw);
            deleteQuietly(file);
            reopened(e);
        });
    }

    @Override
    LargeObjectOutput newLargeObjectOutput(TocEntry e) {
        Path listFile = path.resolve(blobsTocName(e));
        List<Path> files = new ArrayList<>();
        StringBuilder list = new StringBuilder();
        return new LargeObjectOutputBase(this, e, path) {
            @Override
            OutputStream startObject(long oid) throws IOException {
                String name = "blob_" + oid + ".dat";
                Path f = path.resolve(name + suffix());
                files.add(f);
                list.append(oid).append(' ').append(name).append('\n');
                OutputStream raw = createFile(f);
                OutputStream z = Compressors.file(options.compression(), raw, deflatePool);
                return new java.io.FilterOutputStream(z) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        try {
                            z.close();
                        } finally {
                            raw.close();
                        }
                    }
                };
            }

            @Override
            void finishAll() throws IOException {
                try (OutputStream o = createFile(listFile)) {
                    o.write(list.toString().getBytes(StandardCharsets.US_ASCII));
                }
                completed(e);
            }

            @Override
            void abortAll() {
                files.forEach(DirectoryArchiveWriter::deleteQuietly);
                deleteQuietly(listFile);
                reopened(e);
            }
        };
    }

    @Override
    void finish(List<TocEntry> toc) throws IOException {
        Path tocFile = path.resolve("toc.dat");
        TocEncoder enc = new TocEncoder(charset());
        enc.writeHeader(header());
        enc.writeToc(toc, version, ArchiveFormat.DIRECTORY);
        try (OutputStream o = createFile(tocFile)) {
            o.write(enc.toByteArray());
        } catch (IOException e) {
            throw ArchiveWriteException.of(tocFile, "could not write the table of contents", null, e);
        }
    }

    @Override
    synchronized void discard() {
        for (Path p : created) {
            deleteQuietly(p);
        }
        if (createdDir) {
            deleteQuietly(path);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static void closeQuietly(OutputStream o) {
        try {
            o.close();
        } catch (IOException ignored) {
            // discarding anyway
        }
    }
}
