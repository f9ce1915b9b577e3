package io.pgbarge.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads tar-format archives ({@code pg_dump -Ft}; pg_backup_tar.c): a ustar file whose first
 * member is {@code toc.dat}, then {@code <dumpId>.dat} per data entry, the large objects
 * {@code blob_<oid>.dat} with their list {@code blobs.toc}, and {@code restore.sql} (ignored).
 */
public final class TarArchiveReader {

    private TarArchiveReader() {
    }

    public static Archive open(Path path) throws IOException {
        String name = path.toString();
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            TarIndex index = TarIndex.read(ch, name);
            if (index.members().isEmpty() || !index.members().get(0).name().equals("toc.dat")) {
                throw new ArchiveFormatException(name + " is not a pg_dump archive (a tar file whose first member is "
                        + (index.members().isEmpty() ? "missing" : index.members().get(0).name())
                        + ", not toc.dat)", name, 0, null);
            }
            TarIndex.Member tocMember = index.members().get(0);
            long size = ch.size();
            long end = Math.min(size, tocMember.dataOffset() + tocMember.size());
            String tocName = name + ":toc.dat";
            ArchiveInput in = new ArchiveInput(new FileRegionInputStream(ch, tocMember.dataOffset(), end), tocName,
                    tocMember.dataOffset(), end);
            ArchiveHeader header = ArchiveHeaderReader.read(in, ArchiveFormat.TAR);
            TocReader.Toc toc = TocReader.read(in, header);
            return new Archive(name, header, toc, new Data(ch, name, index, header));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Members read in place, with positional reads on one shared channel. */
    private static final class Data implements ArchiveData {
        private final FileChannel ch;
        private final String file;
        private final TarIndex index;
        private final ArchiveHeader header;

        Data(FileChannel ch, String file, TarIndex index, ArchiveHeader header) {
            this.ch = ch;
            this.file = file;
            this.index = index;
            this.header = header;
        }

        private InputStream openMember(String memberName, TocEntry e) throws IOException {
            for (CompressionAlgorithm a : CompressionAlgorithm.values()) {
                TarIndex.Member m = index.get(memberName + a.fileSuffix());
                if (m != null) {
                    return openMember(m, a, e);
                }
            }
            throw ArchiveFormatException.of(file, "missing tar member " + memberName, e, -1, null);
        }

        private InputStream openMember(TarIndex.Member m, CompressionAlgorithm a, TocEntry e) throws IOException {
            long fileSize = ch.size();
            long end = Math.min(fileSize, m.dataOffset() + m.size());
            CountingInputStream counted = new CountingInputStream(new FileRegionInputStream(ch, m.dataOffset(), end));
            GuardedInputStream.IoAction lengthCheck = () -> {
                if (a == CompressionAlgorithm.NONE && counted.count() < m.size()) {
                    throw ArchiveFormatException.of(file, "truncated tar member " + m.name(), e,
                            m.dataOffset() + counted.count(),
                            "expected " + m.size() + " bytes, found " + counted.count());
                }
            };
            if (end < m.dataOffset() + m.size() && a != CompressionAlgorithm.NONE) {
                throw ArchiveFormatException.of(file, "truncated tar member " + m.name(), e, end,
                        "expected " + m.size() + " bytes, found " + (end - m.dataOffset()));
            }
            return new GuardedInputStream(() -> Decompression.file(counted, a), file, e, () -> m.dataOffset() + counted.count(), lengthCheck, null);
        }

        @Override
        public InputStream openData(TocEntry e) throws IOException {
            return openMember(e.fileName(), e);
        }

        @Override
        public LargeObjectReader openLargeObjects(TocEntry e) throws IOException {
            String listName = LargeObjectToc.fileName(header.version(), e);
            List<LargeObjectToc.Item> items;
            TarIndex.Member list = index.get(listName);
            if (list != null) {
                try (InputStream in = openMember(list, CompressionAlgorithm.NONE, e)) {
                    items = LargeObjectToc.parse(in, file + ":" + listName, e);
                }
            } else {
                // as pg_restore does: the blob_<oid>.dat members in archive order
                items = new ArrayList<>();
                for (TarIndex.Member m : index.members()) {
                    String n = m.name();
                    if (n.startsWith("blob_") && n.endsWith(".dat")) {
                        try {
                            items.add(new LargeObjectToc.Item(Long.parseLong(n.substring(5, n.length() - 4)), n));
                        } catch (NumberFormatException ignored) {
                            // not a large object member
                        }
                    }
                }
            }
            return new FileLargeObjectReader(items, n -> openMember(n, e));
        }

        @Override
        public boolean isSequential() {
            return false;
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}
