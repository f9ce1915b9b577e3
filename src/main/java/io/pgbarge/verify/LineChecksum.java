package io.pgbarge.verify;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A row count and an order-independent checksum of COPY text lines, fed as bytes while they stream
 * (an archive's TABLE DATA on its way into the target, or a target's {@code COPY … TO STDOUT}).
 *
 * <p>Each line is hashed on its own (MD5 of its UTF-8 form, after {@link InstantText#normalize}) and
 * the two 64-bit halves of the hashes are summed modulo 2^64, as {@link TableChecksum} does on the
 * server: the order of the rows does not matter, duplicates count. Lines are split on {@code \n}
 * (inside a COPY text value a newline is always escaped as {@code \n}; no multi-byte encoding
 * PostgreSQL supports uses the byte 0x0A inside a character) and decoded from the charset they were
 * written in, so an archive in LATIN1 and a UTF-8 target compare character for character.
 * Not thread-safe: one per stream; {@link #add} merges.
 */
public final class LineChecksum {
    private final Charset charset;
    private final boolean utf8;
    private final MessageDigest md5;
    private long rows;
    private long high;
    private long low;
    private byte[] line = new byte[512];
    private int length;
    private boolean colon;

    /** @param charset the encoding of the bytes fed (null: UTF-8) */
    public LineChecksum(Charset charset) {
        this.charset = charset == null ? StandardCharsets.UTF_8 : charset;
        this.utf8 = this.charset.equals(StandardCharsets.UTF_8);
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no MD5", e);
        }
    }

    public void update(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (c == '\n') {
                endLine();
                continue;
            }
            if (length == line.length) {
                line = java.util.Arrays.copyOf(line, line.length * 2);
            }
            line[length++] = c;
            colon |= c == ':';
        }
    }

    /** Ends the last line when the stream did not end with a newline; call once the stream is read. */
    public void finish() {
        if (length > 0) {
            endLine();
        }
    }

    private void endLine() {
        int n = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        if (utf8 && !colon) {
            md5.update(line, 0, n); // no timestamp in it: the bytes are already what is hashed
        } else {
            md5.update(InstantText.normalize(new String(line, 0, n, charset)).getBytes(StandardCharsets.UTF_8));
        }
        byte[] d = md5.digest();
        high += bits(d, 0);
        low += bits(d, 8);
        rows++;
        length = 0;
        colon = false;
    }

    private static long bits(byte[] d, int from) {
        long v = 0;
        for (int i = from; i < from + 8; i++) {
            v = (v << 8) | (d[i] & 0xff);
        }
        return v;
    }

    /** Adds another stream's lines (a table whose rows came in several entries). */
    public void add(LineChecksum other) {
        rows += other.rows;
        high += other.high;
        low += other.low;
    }

    public long rows() {
        return rows;
    }

    /** 32 hex digits. */
    public String checksum() {
        return String.format("%016x%016x", high, low);
    }

    /** {@code in}, feeding this checksum with every byte read from it. */
    public InputStream watch(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int c = super.read();
                if (c >= 0) {
                    update(new byte[] {(byte) c}, 0, 1);
                }
                return c;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    update(b, off, n);
                }
                return n;
            }
        };
    }

    /** A stream whose writes feed this checksum. */
    public OutputStream sink() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                update(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                update(b, off, len);
            }
        };
    }
}
