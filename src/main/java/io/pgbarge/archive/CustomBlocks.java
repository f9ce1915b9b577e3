package io.pgbarge.archive;

import java.io.IOException;

/** The data blocks of a custom archive ({@code _readBlockHeader}, {@code _skipData}, {@code _skipLOs}). */
final class CustomBlocks {
    /** {@code BLK_DATA}: one data stream. */
    static final int BLK_DATA = 1;
    /** {@code BLK_BLOBS}: (oid, data stream)… then oid 0. */
    static final int BLK_BLOBS = 3;

    /** A block's header: type, dumpId, and the offset of its type byte. */
    record Header(int type, int dumpId, long offset) {
    }

    private CustomBlocks() {
    }

    /** The next block's header, or null at the end of the file. */
    static Header readHeader(ArchiveInput in) throws IOException {
        long at = in.position();
        int type = in.readByteOrEof();
        if (type < 0) {
            return null;
        }
        if (type != BLK_DATA && type != BLK_BLOBS) {
            throw in.corrupt(at, "unrecognized data block type " + type);
        }
        long idAt = in.position();
        int dumpId = in.readInt32("block dumpId");
        if (dumpId <= 0) {
            throw in.corrupt(idAt, "invalid dumpId " + dumpId + " in data block header");
        }
        return new Header(type, dumpId, at);
    }

    /** Skips the body of a block whose header was just read. */
    static void skipBody(ArchiveInput in, Header h) throws IOException {
        if (h.type() == BLK_DATA) {
            new ChunkInputStream(in).drain();
            return;
        }
        while (true) {
            long oid = in.readOid();
            if (oid == 0) {
                return;
            }
            new ChunkInputStream(in).drain();
        }
    }

    /** The block type an entry's data must have. */
    static int expectedType(TocEntry e) {
        return e.isLargeObjects() ? BLK_BLOBS : BLK_DATA;
    }

    static void checkHeader(ArchiveInput in, Header h, TocEntry e) throws ArchiveFormatException {
        if (h.dumpId() != e.dumpId()) {
            throw in.corrupt(h.offset(), "found data block of dumpId " + h.dumpId() + " where the TOC points");
        }
        if (h.type() != expectedType(e)) {
            throw in.corrupt(h.offset(), "block type " + h.type() + ", expected " + expectedType(e));
        }
    }
}
