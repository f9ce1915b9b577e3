package io.pgbarge.script;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A large plain-dump-like script produced on the fly, never held in memory: a header, one COPY block
 * of {@code rows} rows of about 100 bytes (with tabs and backslash escapes), and a few statements after it.
 */
final class GeneratedScript extends InputStream {
    static final String HEAD = "--\n-- generated\n--\n\\restrict k\nSET client_encoding = 'UTF8';\n"
            + "CREATE TABLE public.big (id bigint, payload text);\n\nCOPY public.big (id, payload) FROM stdin;\n";
    static final String TAIL = "\\.\n\nCREATE INDEX big_id ON public.big USING btree (id);\nSELECT pg_catalog.setval('public.s', 1, true);\n\\unrestrict k\n";
    private static final byte[] PAYLOAD = ("\tsome text with a tab\\tand a backslash\\\\ and ; semicolons 'quotes' $$ "
            + "and more text to pad").getBytes(StandardCharsets.UTF_8);

    private final long rows;
    private long row;
    private byte[] chunk = HEAD.getBytes(StandardCharsets.UTF_8);
    private int pos;
    private boolean tailDone;
    private final byte[] buf = new byte[64 * 1024];

    GeneratedScript(long rows) {
        this.rows = rows;
    }

    static long rowBytes(long row) {
        return Long.toString(row).length() + PAYLOAD.length + 1;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (pos >= chunk.length && !refill()) {
            return -1;
        }
        int n = Math.min(len, chunk.length - pos);
        System.arraycopy(chunk, pos, b, off, n);
        pos += n;
        return n;
    }

    private boolean refill() {
        if (row < rows) {
            int n = 0;
            while (row < rows && n + 200 < buf.length) {
                byte[] id = Long.toString(row++).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(id, 0, buf, n, id.length);
                n += id.length;
                System.arraycopy(PAYLOAD, 0, buf, n, PAYLOAD.length);
                n += PAYLOAD.length;
                buf[n++] = '\n';
            }
            chunk = java.util.Arrays.copyOf(buf, n);
            pos = 0;
            return true;
        }
        if (!tailDone) {
            tailDone = true;
            chunk = TAIL.getBytes(StandardCharsets.UTF_8);
            pos = 0;
            return true;
        }
        return false;
    }
}
