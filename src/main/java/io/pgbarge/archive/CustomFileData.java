package io.pgbarge.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.util.HashMap;
import java.util.Map;

/**
 * Data of a custom archive in a file. Blocks whose TOC offset is set are read there at once; when
 * the archive was written to a pipe (offsets not set) the blocks are found by scanning forward
 * from the end of the TOC, block by block, remembering every block passed so that each part of
 * the file is scanned once.
 */
final class CustomFileData implements ArchiveData {
    private final FileChannel channel;
    private final String file;
    private final long size;
    private final CompressionAlgorithm algorithm;
    private final Map<Integer, TocEntry> byId = new HashMap<>();
    private final Map<Integer, Long> positions = new HashMap<>();
    private long scanPos;
    private boolean scanDone;

    CustomFileData(FileChannel channel, String file, long size, long dataStart, ArchiveHeader header,
                   Iterable<TocEntry> entries) {
        this.channel = channel;
        this.file = file;
        this.size = size;
        this.algorithm = header.compression().algorithm();
        this.scanPos = dataStart;
        for (TocEntry e : entries) {
            byId.put(e.dumpId(), e);
            if (e.dataOffset() != null && e.dataOffset().isSet()) {
                positions.put(e.dumpId(), e.dataOffset().position());
            }
        }
    }

    private ArchiveInput inputAt(long pos) {
        return new ArchiveInput(new FileRegionInputStream(channel, pos, size), file, pos, size);
    }

    /** The offset of an entry's block: from the TOC, or found by scanning. */
    private synchronized long locate(TocEntry e) throws IOException {
        Long known = positions.get(e.dumpId());
        if (known != null) {
            return known;
        }
        if (!scanDone) {
            ArchiveInput in = inputAt(scanPos);
            while (true) {
                in.context("data block", null);
                CustomBlocks.Header h = CustomBlocks.readHeader(in);
                if (h == null) {
                    scanDone = true;
                    break;
                }
                in.context("data block", byId.get(h.dumpId()));
                positions.putIfAbsent(h.dumpId(), h.offset());
                CustomBlocks.skipBody(in, h);
                scanPos = in.position();
                if (h.dumpId() == e.dumpId()) {
                    return h.offset();
                }
            }
        }
        throw ArchiveFormatException.of(file, "missing data block", e, size,
                "no block with this dumpId up to the end of the file");
    }

    private ArchiveInput openBlock(TocEntry e) throws IOException {
        long pos = locate(e);
        if (pos >= size) {
            throw ArchiveFormatException.of(file, "truncated archive: data block", e, pos,
                    "the TOC points beyond the end of the file (" + size + " bytes)");
        }
        ArchiveInput in = inputAt(pos);
        in.context("data block", e);
        CustomBlocks.Header h = CustomBlocks.readHeader(in);
        if (h == null) {
            throw in.truncated(pos, 1, 0);
        }
        CustomBlocks.checkHeader(in, h, e);
        return in;
    }

    @Override
    public InputStream openData(TocEntry e) throws IOException {
        ArchiveInput in = openBlock(e);
        ChunkInputStream chunks = new ChunkInputStream(in);
        return new GuardedInputStream(() -> Decompression.customBlock(chunks, algorithm), file, e, chunks::position, chunks::drain, null);
    }

    @Override
    public LargeObjectReader openLargeObjects(TocEntry e) throws IOException {
        return new CustomLargeObjectReader(openBlock(e), algorithm, e, null);
    }

    @Override
    public boolean isSequential() {
        return false;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
