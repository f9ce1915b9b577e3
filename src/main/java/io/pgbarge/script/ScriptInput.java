package io.pgbarge.script;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;

/**
 * The bytes of a script with a fixed-size buffer, decoded into chars one at a time in the current client
 * encoding. Decoding char by char (instead of through a read-ahead {@code Reader}) means that a change of
 * encoding takes effect at the exact byte after the statement that made it, and that COPY data can be
 * read as bytes from the same buffer.
 */
final class ScriptInput {
    static final int BUFFER_SIZE = 64 * 1024;

    private final InputStream in;
    final byte[] buf = new byte[BUFFER_SIZE];
    int pos;
    int limit;
    private boolean eof;
    private long consumedBefore;
    private ScriptEncoding encoding;
    private CharsetDecoder decoder;
    private final CharBuffer one = CharBuffer.allocate(1);
    private final CharBuffer two = CharBuffer.allocate(2);
    /** A second char already decoded (the low half of a surrogate pair), or -1. */
    private int queued = -1;

    ScriptInput(InputStream in, ScriptEncoding encoding) {
        this.in = in;
        setEncoding(encoding);
    }

    void setEncoding(ScriptEncoding e) {
        this.encoding = e;
        this.decoder = e.kind() == ScriptEncoding.Kind.MULTI_BYTE ? e.newDecoder() : null;
    }

    ScriptEncoding encoding() {
        return encoding;
    }

    /** Bytes consumed from the stream so far (for progress). */
    long position() {
        return consumedBefore + pos;
    }

    /**
     * Makes at least {@code n} bytes available from {@code pos} unless the stream ends first (n must not
     * exceed the buffer). Returns the number of bytes available.
     */
    int fill(int n) throws IOException {
        if (limit - pos >= n || eof) {
            return limit - pos;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            consumedBefore += pos;
            limit -= pos;
            pos = 0;
        }
        while (limit < n && !eof) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                eof = true;
            } else {
                limit += r;
            }
        }
        return limit - pos;
    }

    /** Skips a UTF-8 byte order mark at the current position, if there is one. */
    void skipBom() throws IOException {
        if (fill(3) >= 3 && (buf[pos] & 0xFF) == 0xEF && (buf[pos + 1] & 0xFF) == 0xBB && (buf[pos + 2] & 0xFF) == 0xBF) {
            pos += 3;
        }
    }

    /** The next char, or -1 at the end of the script. {@code line} is for error messages. */
    int read(long line) throws IOException {
        if (queued >= 0) {
            int c = queued;
            queued = -1;
            return c;
        }
        if (pos >= limit && fill(1) == 0) {
            return -1;
        }
        int b = buf[pos] & 0xFF;
        if (b < 0x80) {
            pos++;
            return b;
        }
        switch (encoding.kind()) {
            case RAW:
                pos++;
                return b;
            case SINGLE_BYTE: {
                char c = encoding.decodeSingle(b);
                if (c == ScriptEncoding.UNMAPPED) {
                    throw invalid(line, 1);
                }
                pos++;
                return c;
            }
            case UTF8:
                return readUtf8(b, line);
            default:
                return readMultiByte(line);
        }
    }

    private int readUtf8(int b0, long line) throws IOException {
        int need;
        int cp;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            need = 2;
            cp = b0 & 0x1F;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            need = 3;
            cp = b0 & 0x0F;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            need = 4;
            cp = b0 & 0x07;
        } else {
            throw invalid(line, 1);
        }
        int avail = fill(need);
        if (avail < need) {
            throw invalid(line, avail);
        }
        for (int i = 1; i < need; i++) {
            int b = buf[pos + i] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                throw invalid(line, i + 1);
            }
            if (i == 1 && ((b0 == 0xE0 && b < 0xA0) || (b0 == 0xED && b > 0x9F)
                    || (b0 == 0xF0 && b < 0x90) || (b0 == 0xF4 && b > 0x8F))) {
                throw invalid(line, 2);
            }
            cp = (cp << 6) | (b & 0x3F);
        }
        pos += need;
        if (cp >= 0x10000) {
            queued = Character.lowSurrogate(cp);
            return Character.highSurrogate(cp);
        }
        return cp;
    }

    private int readMultiByte(long line) throws IOException {
        int avail = fill(8);
        ByteBuffer bb = ByteBuffer.wrap(buf, pos, Math.min(avail, 8));
        one.clear();
        decoder.reset();
        CoderResult r = decoder.decode(bb, one, false);
        if (one.position() == 1) {
            pos = bb.position();
            return one.get(0);
        }
        if (r.isOverflow()) {
            two.clear();
            bb = ByteBuffer.wrap(buf, pos, Math.min(avail, 8));
            decoder.reset();
            decoder.decode(bb, two, false);
            if (two.position() == 2) {
                pos = bb.position();
                queued = two.get(1);
                return two.get(0);
            }
        }
        throw invalid(line, r.isError() ? r.length() : Math.min(avail, 4));
    }

    private ScriptFormatException invalid(long line, int len) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.max(1, Math.min(len, limit - pos)); i++) {
            hex.append(String.format("%02x", buf[pos + i] & 0xFF));
        }
        return new ScriptFormatException(line, "invalid byte sequence for encoding " + encoding.name() + ": 0x" + hex
                + " (the script's client_encoding does not match its bytes)");
    }

    /** Whether a char is queued from a surrogate pair (COPY data must start on a byte boundary). */
    boolean hasQueuedChar() {
        return queued >= 0;
    }
}
