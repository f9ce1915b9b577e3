package io.pgbarge.csv;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a CSV byte stream into records the way COPY's CSV reader does: a newline (LF, CR or CRLF)
 * ends a record only outside quotes, and quote state is tracked from the first byte, so a record
 * boundary found here is one the server agrees with. It also counts fields (delimiters outside quotes)
 * so that ragged rows are caught without sending them, and physical lines, so that a rejected record
 * is reported at the line an editor shows.
 *
 * <p>Works on bytes: delimiter, quote, escape and newlines are ASCII, and in UTF-8 and the other
 * ASCII-compatible encodings no byte of a multi-byte character is in the ASCII range.
 */
final class RecordScanner {
    private final InputStream in;
    private final byte delimiter;
    private final byte quote;
    private final byte escape;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    private boolean eof;
    /** the previous record ended with a CR: a LF right after it belongs to that CRLF */
    private boolean afterCr;
    private long nextLine = 1;

    /** The current record, without its line terminator. */
    byte[] record = new byte[4096];
    int length;
    int fields;
    /** physical line (1-based) the current record starts on */
    long line;
    /** LF bytes inside the current record's quotes */
    int quotedNewlines;
    /** the current record ran to the end of input inside quotes */
    boolean unterminatedQuote;

    RecordScanner(InputStream in, CsvFormat format) {
        this.in = in;
        this.delimiter = format.delimiter();
        this.quote = format.quote();
        this.escape = format.escape();
    }

    /** Reads the next record; false at the end of input. */
    boolean next() throws IOException {
        length = 0;
        fields = 1;
        quotedNewlines = 0;
        unterminatedQuote = false;
        boolean inQuote = false;
        boolean escaped = false;
        boolean prevCr = false; // inside quotes: a CRLF counts as one line
        boolean any = false;
        line = nextLine;
        final boolean distinctEscape = escape != quote;
        while (true) {
            if (pos >= lim && !fill()) {
                if (!any) {
                    return false;
                }
                unterminatedQuote = inQuote;
                return true;
            }
            if (afterCr) {
                afterCr = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            any = true;
            int start = pos;
            final byte[] b = buf;
            final int end = lim;
            int p = pos;
            for (; p < end; p++) {
                byte c = b[p];
                if (inQuote) {
                    if (escaped) {
                        escaped = false;
                    } else if (c == quote) {
                        inQuote = false;
                    } else if (distinctEscape && c == escape) {
                        escaped = true;
                    } else if (c == '\n') {
                        quotedNewlines++;
                        if (!prevCr) {
                            nextLine++;
                        }
                    } else if (c == '\r') {
                        nextLine++;
                    }
                    prevCr = c == '\r';
                } else if (c == delimiter) {
                    fields++;
                } else if (c == quote) {
                    inQuote = true;
                    prevCr = false;
                } else if (c == '\n' || c == '\r') {
                    append(b, start, p);
                    pos = p + 1;
                    afterCr = c == '\r';
                    nextLine++;
                    return true;
                }
            }
            append(b, start, p);
            pos = p;
        }
    }

    private void append(byte[] b, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return;
        }
        if (length + n > record.length) {
            record = Arrays.copyOf(record, Math.max(record.length * 2, length + n));
        }
        System.arraycopy(b, from, record, length, n);
        length += n;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buf, 0, buf.length);
        while (n == 0) {
            n = in.read(buf, 0, buf.length);
        }
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }
}
