package io.pgbarge.csv;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * One input, ready for the record scanner: a file or standard input ({@code -}), gunzipped when it
 * starts with gzip's magic bytes (whatever its name), without a UTF-8 byte order mark, and converted to
 * UTF-8 for the few encodings the byte scanner cannot read as they are. Counts the bytes read from the
 * file itself (compressed, when it is), which is what progress is measured in.
 */
final class CsvInput implements AutoCloseable {
    static final String STDIN = "-";

    /** What messages call it: the path as given, or "standard input". */
    final String name;
    /** bytes on disk, or -1 when not known (standard input) */
    final long size;
    final InputStream data;
    final boolean gzip;
    private final InputStream raw;

    private CsvInput(String name, long size, InputStream raw, InputStream data, boolean gzip) {
        this.name = name;
        this.size = size;
        this.raw = raw;
        this.data = data;
        this.gzip = gzip;
    }

    /**
     * @param read told of every block of bytes read from the file (for progress)
     * @throws java.nio.file.NoSuchFileException and other IOExceptions when the file cannot be read
     */
    static CsvInput open(String file, InputStream stdin, CsvFormat format, java.util.function.LongConsumer read)
            throws IOException {
        InputStream raw;
        long size;
        String name;
        if (file.equals(STDIN)) {
            raw = new NoClose(stdin);
            size = -1;
            name = "standard input";
        } else {
            Path p = Path.of(file);
            if (Files.isDirectory(p)) {
                throw new IOException(file + " is a directory, not a file");
            }
            raw = Files.newInputStream(p);
            size = Files.size(p);
            name = file;
        }
        InputStream counted = new Counting(raw, read);
        BufferedInputStream b = new BufferedInputStream(counted, 1 << 16);
        boolean gzip = startsWith(b, 0x1f, 0x8b);
        InputStream in = b;
        if (gzip) {
            in = new BufferedInputStream(new GZIPInputStream(b, 1 << 16), 1 << 16);
        }
        if (format.encoding().equals("UTF8") && startsWith(in, 0xEF, 0xBB, 0xBF)) {
            in.skipNBytes(3);
        }
        if (format.transcodeInJava()) {
            in = new Utf8Transcoding(new InputStreamReader(in, format.charset().newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
        }
        return new CsvInput(name, size, raw, in, gzip);
    }

    /** Whether the stream (which must support mark) starts with these bytes; reads nothing. */
    private static boolean startsWith(InputStream in, int... bytes) throws IOException {
        in.mark(bytes.length);
        try {
            for (int want : bytes) {
                if (in.read() != want) {
                    return false;
                }
            }
            return true;
        } finally {
            in.reset();
        }
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }

    private static final class Counting extends FilterInputStream {
        private final java.util.function.LongConsumer read;

        Counting(InputStream in, java.util.function.LongConsumer read) {
            super(in);
            this.read = read;
        }

        @Override
        public int read() throws IOException {
            int c = in.read();
            if (c >= 0) {
                read.accept(1);
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                read.accept(n);
            }
            return n;
        }
    }

    /** Standard input stays open for whoever reads it next. */
    private static final class NoClose extends FilterInputStream {
        NoClose(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }

    /** Characters from a decoding reader, as UTF-8 bytes. */
    private static final class Utf8Transcoding extends InputStream {
        private final Reader reader;
        private final char[] chars = new char[8192];
        private int held = -1; // a high surrogate waiting for its pair
        private byte[] out = new byte[0];
        private int pos;

        Utf8Transcoding(Reader reader) {
            this.reader = reader;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (pos >= out.length) {
                int start = 0;
                if (held >= 0) {
                    chars[0] = (char) held;
                    held = -1;
                    start = 1;
                }
                int n;
                try {
                    n = reader.read(chars, start, chars.length - start);
                } catch (java.nio.charset.CharacterCodingException e) {
                    throw new IOException("the input is not valid in the given --encoding (" + e.getMessage() + ")", e);
                }
                if (n < 0) {
                    if (start == 0) {
                        return -1;
                    }
                    n = 0;
                }
                int total = start + n;
                if (total > 0 && Character.isHighSurrogate(chars[total - 1]) && n > 0) {
                    held = chars[--total];
                }
                out = new String(chars, 0, total).getBytes(StandardCharsets.UTF_8);
                pos = 0;
            }
            int k = Math.min(len, out.length - pos);
            System.arraycopy(out, pos, b, off, k);
            pos += k;
            return k;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
