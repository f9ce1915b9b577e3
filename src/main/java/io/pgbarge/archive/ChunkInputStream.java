package io.pgbarge.archive;

import java.io.IOException;
import java.io.InputStream;

/**
 * The payload of one custom-format data stream: {@code int len; len bytes} chunks up to a chunk of
 * length 0 ({@code _CustomReadFunc}). Reading past the end of the file in the middle of a chunk is
 * reported as a truncated data block with the chunk's offset and sizes.
 */
final class ChunkInputStream extends InputStream {
    private final ArchiveInput in;
    private long remaining; // bytes left in the current chunk
    private long chunkStart;
    private long chunkLen;
    private boolean ended;

    ChunkInputStream(ArchiveInput in) {
        this.in = in;
    }

    /** The file offset of the next compressed byte. */
    long position() {
        return in.position();
    }

    boolean ended() {
        return ended;
    }

    private boolean nextChunk() throws IOException {
        while (remaining == 0) {
            if (ended) {
                return false;
            }
            long at = in.position();
            long len = in.readInt();
            if (len == 0) {
                ended = true;
                return false;
            }
            if (len < 0) {
                throw in.corrupt(at, "negative chunk length " + len);
            }
            chunkStart = in.position();
            chunkLen = len;
            remaining = len;
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int r = read(one, 0, 1);
        return r < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!nextChunk()) {
            return -1;
        }
        int want = (int) Math.min(len, remaining);
        int got = in.readUpTo(b, off, want);
        remaining -= got;
        if (got < want) {
            throw in.truncated(chunkStart, chunkLen, chunkLen - remaining);
        }
        return got;
    }

    /** Skips the rest of the stream, through its end marker. */
    void drain() throws IOException {
        while (nextChunk()) {
            long before = remaining;
            long at = in.position();
            try {
                in.skipFully(remaining);
            } catch (ArchiveFormatException e) {
                long found = chunkLen - before + (in.position() - at);
                throw in.truncated(chunkStart, chunkLen, Math.max(0, found));
            }
            remaining = 0;
        }
    }
}
