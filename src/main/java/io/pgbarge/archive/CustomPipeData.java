package io.pgbarge.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;

/**
 * Data of a custom archive read from a pipe (standard input): one forward pass. Opening an entry
 * skips the rest of the previous entry's block and any blocks before the wanted one; an entry
 * whose block was already passed cannot be read.
 */
final class CustomPipeData implements ArchiveData {
    private final ArchiveInput in;
    private final InputStream source;
    private final CompressionAlgorithm algorithm;
    private final java.util.Map<Integer, TocEntry> byId = new java.util.HashMap<>();
    private final Set<Integer> passed = new HashSet<>();
    private ChunkInputStream currentChunks;
    private CustomLargeObjectReader currentLos;
    private boolean atEof;

    CustomPipeData(ArchiveInput in, InputStream source, ArchiveHeader header, Iterable<TocEntry> entries) {
        this.in = in;
        this.source = source;
        this.algorithm = header.compression().algorithm();
        for (TocEntry e : entries) {
            byId.put(e.dumpId(), e);
        }
    }

    private void finishCurrent() throws IOException {
        if (currentChunks != null) {
            currentChunks.drain();
            currentChunks = null;
        }
        if (currentLos != null) {
            currentLos.skipRest();
            currentLos = null;
        }
    }

    private void advanceTo(TocEntry e) throws IOException {
        if (passed.contains(e.dumpId())) {
            throw ArchiveFormatException.of(in.file(), "cannot read data block", e, -1,
                    "it was already passed; an archive read from a pipe must be read in file order");
        }
        finishCurrent();
        while (true) {
            in.context("data block", null);
            CustomBlocks.Header h = atEof ? null : CustomBlocks.readHeader(in);
            if (h == null) {
                atEof = true;
                throw ArchiveFormatException.of(in.file(), "missing data block", e, in.position(),
                        "no block with this dumpId up to the end of the input");
            }
            TocEntry owner = byId.get(h.dumpId());
            in.context("data block", owner);
            if (h.dumpId() == e.dumpId()) {
                CustomBlocks.checkHeader(in, h, e);
                return;
            }
            passed.add(h.dumpId());
            CustomBlocks.skipBody(in, h);
        }
    }

    @Override
    public synchronized InputStream openData(TocEntry e) throws IOException {
        advanceTo(e);
        passed.add(e.dumpId());
        ChunkInputStream chunks = new ChunkInputStream(in);
        currentChunks = chunks;
        return new GuardedInputStream(() -> Decompression.customBlock(chunks, algorithm), in.file(), e, chunks::position, chunks::drain, null);
    }

    @Override
    public synchronized LargeObjectReader openLargeObjects(TocEntry e) throws IOException {
        advanceTo(e);
        passed.add(e.dumpId());
        currentLos = new CustomLargeObjectReader(in, algorithm, e, null);
        return currentLos;
    }

    @Override
    public boolean isSequential() {
        return true;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
