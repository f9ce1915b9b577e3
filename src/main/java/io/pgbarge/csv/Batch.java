package io.pgbarge.csv;

import java.util.Arrays;

/**
 * Whole records of one input, ready for one {@code COPY … FROM STDIN}: their bytes, each ended by a
 * single LF (whatever the file used: CRLF and lone CR files, and a last line without a newline, all
 * reach the server alike), and the physical line each record starts on.
 */
final class Batch {
    final Source source;
    byte[] data;
    int size;
    int[] starts = new int[1024];
    long[] lines = new long[1024];
    /** newlines inside each record's quotes (COPY counts them as lines) */
    int[] newlines = new int[1024];
    int count;

    /** What the batch's records belong to: the input, its COPY statement, and its progress. */
    record Source(String name, String copySql, java.nio.charset.Charset charset, InputProgress progress) {
    }

    Batch(Source source, int capacity) {
        this.source = source;
        this.data = new byte[capacity];
    }

    /** @param quotedNewlines LF bytes inside the record's quotes */
    void add(byte[] rec, int length, long line, int quotedNewlines) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            lines = Arrays.copyOf(lines, count * 2);
            newlines = Arrays.copyOf(newlines, count * 2);
        }
        int need = size + length + 3;
        if (need > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, need));
        }
        starts[count] = size;
        lines[count] = line;
        newlines[count] = quotedNewlines;
        count++;
        if (length == 2 && rec[0] == '\\' && rec[1] == '.') {
            // a lone \. would end COPY's input early; quoted it is just the two characters
            data[size++] = '"';
            data[size++] = '\\';
            data[size++] = '.';
            data[size++] = '"';
        } else {
            System.arraycopy(rec, 0, data, size, length);
            size += length;
        }
        data[size++] = '\n';
    }

    int newlinesIn(int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n += newlines[i];
        }
        return n;
    }

    int start(int i) {
        return i == count ? size : starts[i];
    }

    /** Record i's text without its LF, for the rejects file. */
    String text(int i) {
        return new String(data, starts[i], start(i + 1) - starts[i] - 1, source.charset());
    }
}
