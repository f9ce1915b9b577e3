package io.pgbarge.archive.write;

import io.pgbarge.archive.ArchiveFormat;
import io.pgbarge.archive.ArchiveVersion;
import io.pgbarge.archive.CompressionAlgorithm;
import io.pgbarge.archive.TocEntry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a tar-format archive ({@code pg_dump -Ft}): ustar members {@code toc.dat}, one
 * {@code <dumpId>.dat} per data entry, {@code blob_<oid>.dat}… and {@code blobs.toc}
 * ({@code blobs_<dumpId>.toc} in 1.16) for large objects, and {@code restore.sql}, then two zero
 * blocks. Never compressed (pg_dump's tar format does not compress).
 *
 * <p>pg_restore reads the members front to back and refuses data that comes before the member it
 * needs, so data members are in TOC order: entries written out of turn are spooled until their turn.
 */
public final class TarArchiveWriter extends SequencedArchiveWriter {
    private static final int BLOCK = 512;

    private final FileChannel channel;
    private FileTail tail;
    private long memberHeaderAt;
    private final long mtime;
    private final Map<Integer, Long> entryStart = new ConcurrentHashMap<>();

    private TarArchiveWriter(Path file, ArchiveWriteOptions options, FileChannel channel) {
        super(file, options, true);
        this.channel = channel;
        this.mtime = options.createdAt().atZone(ZoneId.systemDefault()).toEpochSecond();
    }

    /** Creates (or replaces) the tar file. Compression in the options is refused, as pg_dump does. */
    public static TarArchiveWriter create(Path file, ArchiveWriteOptions options) throws ArchiveWriteException {
        if (options.compression().algorithm() != CompressionAlgorithm.NONE) {
            throw new IllegalArgumentException("compression is not supported by tar archive format");
        }
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            return new TarArchiveWriter(file, options, ch);
        } catch (IOException e) {
            throw ArchiveWriteException.of(file, "could not create the archive file", null, e);
        }
    }

    @Override
    ArchiveFormat format() {
        return ArchiveFormat.TAR;
    }

    private String blobsTocName(TocEntry e) {
        return version.isAtLeast(ArchiveVersion.V1_16) ? "blobs_" + e.dumpId() + ".toc" : "blobs.toc";
    }

    @Override
    void freeze(List<TocEntry> toc) throws IOException {
        super.freeze(toc);
        for (TocEntry e : toc) {
            updateEntry(e.withFileName(e.hadDumper() ? e.dumpId() + ".dat" : ""));
        }
        TocEncoder enc = new TocEncoder(charset());
        enc.writeHeader(header());
        enc.writeToc(entries(), version, ArchiveFormat.TAR);
        byte[] bytes = enc.toByteArray();
        tail = new FileTail(channel, 0);
        tail.write(header("toc.dat", bytes.length));
        tail.write(bytes);
        pad(bytes.length);
    }

    /** {@code tarCreateHeader}: a ustar header for a regular file. */
    byte[] header(String name, long size) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        if (n.length > 99) {
            throw new IllegalArgumentException("tar member name too long: " + name);
        }
        byte[] h = new byte[BLOCK];
        System.arraycopy(n, 0, h, 0, n.length);
        number(h, 100, 8, 0600);
        number(h, 108, 8, 0);
        number(h, 116, 8, 0);
        number(h, 124, 12, size);
        number(h, 136, 12, Math.max(0, mtime));
        h[156] = '0';
        System.arraycopy("ustar".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 5);
        h[263] = '0';
        h[264] = '0';
        byte[] pg = "postgres".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(pg, 0, h, 265, pg.length);
        System.arraycopy(pg, 0, h, 297, pg.length);
        number(h, 329, 8, 0);
        number(h, 337, 8, 0);
        int sum = 8 * ' ';
        for (int i = 0; i < BLOCK; i++) {
            if (i < 148 || i >= 156) {
                sum += h[i] & 0xFF;
            }
        }
        number(h, 148, 8, sum);
        return h;
    }

    /** {@code print_tar_number}: octal with a trailing space, or base-256 when too large. */
    private static void number(byte[] h, int off, int len, long val) {
        if (val < (1L << ((len - 1) * 3))) {
            h[off + len - 1] = ' ';
            for (int i = len - 2; i >= 0; i--) {
                h[off + i] = (byte) ('0' + (val & 7));
                val >>>= 3;
            }
        } else {
            h[off] = (byte) 0x80;
            for (int i = len - 1; i > 0; i--) {
                h[off + i] = (byte) (val & 0xFF);
                val >>>= 8;
            }
        }
    }

    private void pad(long size) throws IOException {
        int rem = (int) (size % BLOCK);
        if (rem != 0) {
            tail.write(new byte[BLOCK - rem]);
        }
    }

    @Override
    OutputStream tail() {
        return tail;
    }

    @Override
    void tailBeginEntry(TocEntry e) {
        entryStart.put(e.dumpId(), tail.position());
    }

    @Override
    void tailBeginSegment(TocEntry e, String name) throws IOException {
        memberHeaderAt = tail.position();
        tail.write(new byte[BLOCK]);
    }

    @Override
    void tailEndSegment(TocEntry e, String name, long length) throws IOException {
        tail.patch(memberHeaderAt, header(name, length));
        pad(length);
    }

    @Override
    void tailCopySegment(TocEntry e, String name, long length, InputStream in) throws IOException {
        tail.write(header(name, length));
        copy(in, tail, length, "spooled member " + name);
        pad(length);
    }

    @Override
    void tailEndEntry(TocEntry e) {
        entryStart.remove(e.dumpId());
    }

    @Override
    boolean tailRewind(TocEntry e) throws IOException {
        Long start = entryStart.remove(e.dumpId());
        if (start != null) {
            tail.truncate(start);
        }
        return true;
    }

    @Override
    EntryOutputStream newDataStream(TocEntry e) throws IOException {
        Channel ch = openChannel(e);
        OutputStream seg = ch.begin(e.dumpId() + ".dat");
        return new EntryStream(e, path, seg, () -> {
            ch.end();
            ch.finish();
        }, ch::abort);
    }

    @Override
    LargeObjectOutput newLargeObjectOutput(TocEntry e) throws IOException {
        Channel ch = openChannel(e);
        StringBuilder list = new StringBuilder();
        return new LargeObjectOutputBase(this, e, path) {
            @Override
            OutputStream startObject(long oid) throws IOException {
                String name = "blob_" + oid + ".dat";
                list.append(oid).append(' ').append(name).append('\n');
                OutputStream seg = ch.begin(name);
                return new java.io.FilterOutputStream(seg) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        ch.end();
                    }
                };
            }

            @Override
            void finishAll() throws IOException {
                OutputStream seg = ch.begin(blobsTocName(e));
                seg.write(list.toString().getBytes(StandardCharsets.US_ASCII));
                ch.end();
                ch.finish();
            }

            @Override
            void abortAll() {
                ch.abort();
            }
        };
    }

    @Override
    void finish(List<TocEntry> toc) throws IOException {
        checkAllWritten();
        ScriptRenderer r = new ScriptRenderer(options, toc, true);
        StringBuilder sb = new StringBuilder();
        sb.append("--\n-- NOTE:\n--\n-- File paths need to be edited. Search for $$PATH$$ and\n"
                + "-- replace it with the path to the directory containing\n-- the extracted data files.\n--\n");
        sb.append(r.header());
        for (ScriptRenderer.Step s : r.steps()) {
            sb.append(s.data() ? r.dataStart(s.entry(), s.entry().fileName()) : r.schema(s.entry()));
        }
        sb.append(r.footer());
        byte[] script = sb.toString().getBytes(charset());
        tail.write(header("restore.sql", script.length));
        tail.write(script);
        pad(script.length);
        tail.write(new byte[2 * BLOCK]);
        tail.close();
        channel.force(false);
        channel.close();
    }

    @Override
    void discard() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // deleting anyway
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // nothing more to do
        }
    }
}
