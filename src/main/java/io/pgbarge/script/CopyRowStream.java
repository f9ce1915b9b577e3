package io.pgbarge.script;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The data lines of a {@code COPY … FROM stdin} block, read straight from the script's buffer up to the
 * {@code \.} line (which is consumed, not returned). Rows in UTF-8 or SQL_ASCII pass through unchanged;
 * rows in any other client encoding are converted to UTF-8 on the way.
 */
final class CopyRowStream extends InputStream {
    private static final int CHUNK = 16 * 1024;

    private final ScriptInput src;
    private final long copyLine;
    private boolean atLineStart = true;
    private boolean done;
    /** Newlines consumed so far, the terminator line's included. */
    private long newlines;

    private final CharsetDecoder decoder;
    private final CharsetEncoder encoder;
    private final ByteBuffer rawIn;
    private final CharBuffer chars;
    private final ByteBuffer out;
    private boolean rawEnd;
    private final byte[] one = new byte[1];

    CopyRowStream(ScriptInput src, long copyLine) {
        this.src = src;
        this.copyLine = copyLine;
        ScriptEncoding e = src.encoding();
        if (e.passesThrough()) {
            decoder = null;
            encoder = null;
            rawIn = null;
            chars = null;
            out = null;
        } else {
            decoder = e.newDecoder();
            encoder = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            rawIn = ByteBuffer.allocate(CHUNK);
            chars = CharBuffer.allocate(CHUNK + 2);
            out = ByteBuffer.allocate(3 * (CHUNK + 2) + 4);
            out.flip();
        }
    }

    /** Newlines consumed from the script so far, the terminator's included. */
    long newlines() {
        return newlines;
    }

    boolean isDone() {
        return done;
    }

    @Override
    public int read() throws IOException {
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (decoder == null) {
            return readRaw(b, off, len);
        }
        if (!out.hasRemaining() && fillOut() < 0) {
            return -1;
        }
        int n = Math.min(len, out.remaining());
        out.get(b, off, n);
        return n;
    }

    /** Reads and drops whatever is left of the block, the terminator included. */
    void skipRest() throws IOException {
        byte[] scratch = new byte[CHUNK];
        while (readRaw(scratch, 0, scratch.length) >= 0) {
            // discard
        }
    }

    @Override
    public void close() throws IOException {
        skipRest();
    }

    private int readRaw(byte[] b, int off, int len) throws IOException {
        if (done) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        byte[] buf = src.buf;
        if (atLineStart) {
            int avail = src.fill(4);
            if (avail == 0) {
                throw new ScriptFormatException(copyLine, "the data of this COPY ends without its terminating \\. line"
                        + " (the script ends at line " + (copyLine + newlines + 1) + "; is it truncated?)");
            }
            int p = src.pos;
            if (buf[p] == '\\' && avail >= 2 && buf[p + 1] == '.') {
                int eol = -1;
                if (avail == 2) {
                    eol = 0;
                } else if (buf[p + 2] == '\n') {
                    eol = 1;
                } else if (buf[p + 2] == '\r' && (avail == 3 || buf[p + 3] == '\n')) {
                    eol = avail == 3 ? 1 : 2;
                }
                if (eol >= 0) {
                    src.pos += 2 + eol;
                    if (eol > 0 && buf[src.pos - 1] == '\n') {
                        newlines++;
                    }
                    done = true;
                    return -1;
                }
            }
            atLineStart = false;
        }
        int avail = src.limit - src.pos;
        if (avail == 0) {
            avail = src.fill(1);
            if (avail == 0) {
                throw new ScriptFormatException(copyLine, "the data of this COPY ends without its terminating \\. line"
                        + " (the script ends inside a row at line " + (copyLine + newlines + 1) + "; is it truncated?)");
            }
        }
        int n = Math.min(len, avail);
        int p = src.pos;
        for (int i = 0; i < n; i++) {
            if (buf[p + i] == '\n') {
                n = i + 1;
                atLineStart = true;
                newlines++;
                break;
            }
        }
        System.arraycopy(buf, p, b, off, n);
        src.pos += n;
        return n;
    }

    /** Converts the next chunk of rows to UTF-8 into {@code out}; -1 at the end. */
    private int fillOut() throws IOException {
        out.clear();
        while (true) {
            if (!rawEnd && rawIn.hasRemaining()) {
                int n = readRaw(rawIn.array(), rawIn.position(), rawIn.remaining());
                if (n < 0) {
                    rawEnd = true;
                } else {
                    rawIn.position(rawIn.position() + n);
                }
            }
            rawIn.flip();
            CoderResult r = decoder.decode(rawIn, chars, rawEnd);
            if (r.isError()) {
                throw new ScriptFormatException(copyLine + newlines + 1, "invalid byte sequence for encoding "
                        + src.encoding().name() + " in the data of the COPY at line " + copyLine);
            }
            boolean leftover = rawIn.hasRemaining();
            rawIn.compact();
            if (rawEnd && !leftover) {
                decoder.flush(chars);
            }
            chars.flip();
            encoder.encode(chars, out, rawEnd && !leftover);
            chars.compact();
            if (out.position() > 0) {
                out.flip();
                return out.remaining();
            }
            if (rawEnd && !leftover) {
                out.flip();
                return -1;
            }
        }
    }
}
