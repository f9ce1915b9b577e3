package io.pgbarge.archive.write;

import io.pgbarge.archive.ArchiveFormat;
import io.pgbarge.archive.DataOffset;
import io.pgbarge.archive.TocEntry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a custom-format archive ({@code pg_dump -Fc}) into one file, from several threads at once.
 *
 * <p>Layout as pg_dump writes a seekable file: header, TOC, then one data block per entry with
 * data. The header and TOC go out when the first data is written, with every data offset "not set";
 * the offsets are fixed-width, so {@link #close()} rewrites the TOC in place with the final offsets
 * (pg_dump's {@code _CloseArchive} does the same). Blocks may come in any order: pg_restore seeks
 * to each by its offset (also with {@code -j}).
 *
 * <p>Each block is one compressed stream (zlib for gzip, an LZ4 frame, a zstd frame, or plain) cut
 * into length-prefixed chunks; a BLOBS block holds one such stream per large object.
 */
public final class CustomArchiveWriter extends SequencedArchiveWriter {
    private static final int BLK_DATA = 1;
    private static final int BLK_BLOBS = 3;

    private final FileChannel channel;
    private FileTail tail;
    private long tocStart;
    private int tocLength;
    private final Map<Integer, Long> offsets = new ConcurrentHashMap<>();
    private final Map<Integer, Long> entryStart = new ConcurrentHashMap<>();

    private CustomArchiveWriter(Path file, ArchiveWriteOptions options, FileChannel channel) {
        super(file, options, false);
        this.channel = channel;
    }

    /** Creates (or replaces) the archive file. */
    public static CustomArchiveWriter create(Path file, ArchiveWriteOptions options) throws ArchiveWriteException {
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ);
            return new CustomArchiveWriter(file, options, ch);
        } catch (IOException e) {
            throw ArchiveWriteException.of(file, "could not create the archive file", null, e);
        }
    }

    @Override
    ArchiveFormat format() {
        return ArchiveFormat.CUSTOM;
    }

    private byte[] headerAndToc(List<TocEntry> toc) {
        TocEncoder enc = new TocEncoder(charset());
        enc.writeHeader(header());
        tocStart = enc.size();
        enc.writeToc(toc, version, ArchiveFormat.CUSTOM);
        return enc.toByteArray();
    }

    @Override
    void freeze(List<TocEntry> toc) throws IOException {
        super.freeze(toc);
        List<TocEntry> placeholders = new ArrayList<>();
        for (TocEntry e : toc) {
            TocEntry p = e.withDataOffset(e.hadDumper() ? DataOffset.NOT_SET : DataOffset.NO_DATA);
            placeholders.add(p);
            updateEntry(p);
        }
        byte[] bytes = headerAndToc(placeholders);
        tocLength = bytes.length - (int) tocStart;
        tail = new FileTail(channel, 0);
        tail.write(bytes);
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
    void tailBeginSegment(TocEntry e, String name) {
        // a block is one segment with its framing inside
    }

    @Override
    void tailEndSegment(TocEntry e, String name, long length) {
        // nothing to patch
    }

    @Override
    void tailCopySegment(TocEntry e, String name, long length, InputStream in) throws IOException {
        copy(in, tail, length, "spooled block of entry " + e.label());
    }

    @Override
    void tailEndEntry(TocEntry e) {
        offsets.put(e.dumpId(), entryStart.get(e.dumpId()));
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
        OutputStream seg = ch.begin("block");
        seg.write(BLK_DATA);
        seg.write(TocEncoder.intBytes(e.dumpId()));
        ChunkOutputStream chunks = new ChunkOutputStream(seg);
        OutputStream top = Compressors.block(options.compression(), chunks, deflatePool);
        return new EntryStream(e, path, top, () -> {
            chunks.close();
            seg.write(TocEncoder.intBytes(0));
            ch.end();
            ch.finish();
        }, () -> {
            Compressors.cancel(top);
            ch.abort();
        });
    }

    @Override
    LargeObjectOutput newLargeObjectOutput(TocEntry e) throws IOException {
        Channel ch = openChannel(e);
        OutputStream seg = ch.begin("blobs");
        seg.write(BLK_BLOBS);
        seg.write(TocEncoder.intBytes(e.dumpId()));
        return new LargeObjectOutputBase(this, e, path) {
            @Override
            OutputStream startObject(long oid) throws IOException {
                seg.write(TocEncoder.intBytes((int) oid));
                ChunkOutputStream chunks = new ChunkOutputStream(seg);
                OutputStream z = Compressors.block(options.compression(), chunks, deflatePool);
                return new java.io.FilterOutputStream(z) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        z.close();
                        chunks.close();
                        seg.write(TocEncoder.intBytes(0));
                    }
                };
            }

            @Override
            void finishAll() throws IOException {
                seg.write(TocEncoder.intBytes(0));
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
        List<TocEntry> fin = new ArrayList<>();
        for (TocEntry e : toc) {
            TocEntry f = e.withDataOffset(e.hadDumper() ? DataOffset.at(offsets.get(e.dumpId())) : DataOffset.NO_DATA);
            fin.add(f);
            updateEntry(f);
        }
        byte[] bytes = headerAndToc(fin);
        if (bytes.length - tocStart != tocLength) {
            throw new IllegalStateException("TOC length changed from " + tocLength + " to " + (bytes.length - tocStart));
        }
        tail.patch(0, bytes);
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
