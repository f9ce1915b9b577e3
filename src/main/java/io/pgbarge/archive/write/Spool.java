package io.pgbarge.archive.write;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Bytes of one entry held until the archive can take them: in memory up to a limit, then in a
 * temporary file. One writer thread at a time.
 */
final class Spool extends OutputStream {
    private final Path dir;
    private final String prefix;
    private final int memoryLimit;
    private byte[] mem = new byte[8192];
    private int memUsed;
    private Path file;
    private OutputStream fileOut;
    private long size;

    Spool(Path dir, String prefix, int memoryLimit) {
        this.dir = dir;
        this.prefix = prefix;
        this.memoryLimit = memoryLimit;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (fileOut == null && memUsed + (long) len <= memoryLimit) {
            if (memUsed + len > mem.length) {
                mem = Arrays.copyOf(mem, (int) Math.min(memoryLimit, Math.max(memUsed + (long) len, mem.length * 2L)));
            }
            System.arraycopy(b, off, mem, memUsed, len);
            memUsed += len;
        } else {
            if (fileOut == null) {
                file = Files.createTempFile(dir, prefix, ".spool");
                fileOut = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
            }
            fileOut.write(b, off, len);
        }
        size += len;
    }

    long size() {
        return size;
    }

    /** The file the spool spilled into, or null while it is in memory. */
    Path file() {
        return file;
    }

    /** Ends writing. */
    @Override
    public void close() throws IOException {
        if (fileOut != null) {
            fileOut.close();
        }
    }

    /** Everything written, in order. */
    InputStream input() throws IOException {
        InputStream m = new ByteArrayInputStream(mem, 0, memUsed);
        return file == null ? m : new SequenceInputStream(m, Files.newInputStream(file));
    }

    /** Frees memory and deletes the file. */
    void delete() {
        mem = null;
        try {
            if (fileOut != null) {
                fileOut.close();
            }
        } catch (IOException ignored) {
            // deleting anyway
        }
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file left behind is not worth failing for
            }
        }
    }
}
