package io.pgbarge.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Passes a TABLE DATA stream through but drops pg_dump's trailing end-of-data marker
 * {@code "\\.\n\n\n"} (pg_dump.c {@code dumpTableData_copy}). The last bytes are held back until
 * the end is known; a stream that does not end with the marker passes unchanged.
 */
final class CopyEndMarkerStrippingInputStream extends FilterInputStream {
    static final byte[] MARKER = "\\.\n\n\n".getBytes(StandardCharsets.US_ASCII);

    private final byte[] win = new byte[64 * 1024];
    private int start;
    private int end;
    private boolean eof;

    CopyEndMarkerStrippingInputStream(InputStream in) {
        super(in);
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
        while (true) {
            int available = end - start;
            if (eof) {
                if (available == MARKER.length && Arrays.equals(win, start, end, MARKER, 0, MARKER.length)) {
                    start = end;
                    available = 0;
                }
                if (available == 0) {
                    return -1;
                }
                int n = Math.min(len, available);
                System.arraycopy(win, start, b, off, n);
                start += n;
                return n;
            }
            if (available > MARKER.length) {
                int n = Math.min(len, available - MARKER.length);
                System.arraycopy(win, start, b, off, n);
                start += n;
                return n;
            }
            System.arraycopy(win, start, win, 0, available);
            start = 0;
            end = available;
            int r = in.read(win, end, win.length - end);
            if (r < 0) {
                eof = true;
            } else {
                end += r;
            }
        }
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] tmp = new byte[8192];
        long done = 0;
        while (done < n) {
            int r = read(tmp, 0, (int) Math.min(tmp.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    @Override
    public int available() {
        return Math.max(0, end - start - MARKER.length);
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
