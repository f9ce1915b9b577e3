package io.pgbarge.archive.write;

import io.pgbarge.archive.ArchiveFormat;
import io.pgbarge.archive.CompressionAlgorithm;
import io.pgbarge.archive.TocEntry;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes the SQL script psql runs ({@code pg_dump -Fp}): the text pg_restore prints for the same
 * TOC — header SETs, each entry's comment and definition, {@code ALTER … OWNER TO}, COPY blocks
 * ({@code COPY … FROM stdin;}, the rows, {@code \.}), large objects as {@code lo_open}/{@code lowrite}
 * calls — optionally compressed as a whole (gzip, lz4, zstd).
 *
 * <p>Data entries reach the script in TOC order; those written out of turn are spooled.
 */
public final class PlainScriptWriter extends SequencedArchiveWriter {

    private final FileChannel channel;
    private final FileTail fileTail;
    private final OutputStream raw;
    private final OutputStream out;
    private final boolean rewindable;
    private ScriptRenderer renderer;
    private List<ScriptRenderer.Step> steps;
    private int cursor;
    private long rewindPosition;
    private int rewindCursor;

    private PlainScriptWriter(Path file, ArchiveWriteOptions options, FileChannel channel, OutputStream stream)
            throws IOException {
        super(file, options, true);
        this.channel = channel;
        if (channel != null) {
            fileTail = new FileTail(channel, 0);
            raw = fileTail;
        } else {
            fileTail = null;
            raw = new BufferedOutputStream(stream, 64 * 1024);
        }
        CompressionAlgorithm a = options.compression().algorithm();
        out = a == CompressionAlgorithm.NONE ? raw : Compressors.file(options.compression(), raw, deflatePool);
        rewindable = fileTail != null && a == CompressionAlgorithm.NONE;
    }

    /** Creates (or replaces) the script file; with compression, the whole file is one gzip/lz4/zstd stream. */
    public static PlainScriptWriter create(Path file, ArchiveWriteOptions options) throws ArchiveWriteException {
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            return new PlainScriptWriter(file, options, ch, null);
        } catch (IOException e) {
            throw ArchiveWriteException.of(file, "could not create the script file", null, e);
        }
    }

    /**
     * Writes the script to a stream (standard output). Spooled entries go to the options' temporary
     * directory, or the working directory. The stream is closed by {@link #close()}.
     */
    public static PlainScriptWriter create(OutputStream stream, ArchiveWriteOptions options) throws ArchiveWriteException {
        try {
            return new PlainScriptWriter(Path.of("-"), options, null, stream);
        } catch (IOException e) {
            throw ArchiveWriteException.of("-", "could not start the script", null, e);
        }
    }

    @Override
    ArchiveFormat format() {
        return null;
    }

    private void text(String s) throws IOException {
        out.write(s.getBytes(charset()));
    }

    @Override
    void freeze(List<TocEntry> toc) throws IOException {
        super.freeze(toc);
        renderer = new ScriptRenderer(options, toc, false);
        steps = renderer.steps();
        text(renderer.header());
    }

    @Override
    OutputStream tail() {
        return out;
    }

    @Override
    void tailBeginEntry(TocEntry e) throws IOException {
        while (cursor < steps.size()) {
            ScriptRenderer.Step s = steps.get(cursor);
            if (s.data() && s.entry().dumpId() == e.dumpId()) {
                break;
            }
            if (s.data()) {
                throw new IllegalStateException("data of " + s.entry().label() + " is due before " + e.label());
            }
            text(renderer.schema(s.entry()));
            cursor++;
        }
        rewindCursor = cursor;
        if (rewindable) {
            rewindPosition = fileTail.position();
        }
        text(renderer.dataStart(e, null));
    }

    @Override
    void tailBeginSegment(TocEntry e, String name) {
        // one segment: the data
    }

    @Override
    void tailEndSegment(TocEntry e, String name, long length) {
        // nothing to patch
    }

    @Override
    void tailCopySegment(TocEntry e, String name, long length, InputStream in) throws IOException {
        copy(in, out, length, "spooled data of entry " + e.label());
    }

    @Override
    void tailEndEntry(TocEntry e) throws IOException {
        text(renderer.dataEnd(e));
        cursor++;
    }

    @Override
    boolean tailRewind(TocEntry e) throws IOException {
        if (!rewindable) {
            return false;
        }
        fileTail.truncate(rewindPosition);
        cursor = rewindCursor;
        return true;
    }

    @Override
    EntryOutputStream newDataStream(TocEntry e) throws IOException {
        Channel ch = openChannel(e);
        OutputStream seg = ch.begin("data");
        return new EntryStream(e, path, new Compressors.NonClosing(seg), () -> {
            ch.end();
            ch.finish();
        }, ch::abort);
    }

    @Override
    LargeObjectOutput newLargeObjectOutput(TocEntry e) throws IOException {
        Channel ch = openChannel(e);
        OutputStream seg = ch.begin("blobs");
        boolean std = new ScriptRenderer(options, entries(), false).stdStrings();
        return new LargeObjectOutputBase(this, e, path) {
            @Override
            OutputStream startObject(long oid) throws IOException {
                seg.write(ScriptRenderer.loOpen(oid).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                return new OutputStream() {
                    private final byte[] buf = new byte[ScriptRenderer.loBufferSize()];
                    private int used;

                    @Override
                    public void write(int b) throws IOException {
                        write(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        while (len > 0) {
                            int n = Math.min(len, buf.length - used);
                            System.arraycopy(b, off, buf, used, n);
                            used += n;
                            off += n;
                            len -= n;
                            if (used == buf.length) {
                                dump();
                            }
                        }
                    }

                    private void dump() throws IOException {
                        seg.write(ScriptRenderer.loWrite(buf, 0, used, std)
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        used = 0;
                    }

                    @Override
                    public void close() throws IOException {
                        if (used > 0) {
                            dump();
                        }
                        seg.write(ScriptRenderer.loClose().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    }
                };
            }

            @Override
            void finishAll() throws IOException {
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
        while (cursor < steps.size()) {
            ScriptRenderer.Step s = steps.get(cursor++);
            if (!s.data()) {
                text(renderer.schema(s.entry()));
            }
        }
        text(renderer.footer());
        if (out != raw) {
            out.close();
        }
        raw.close();
        if (channel != null) {
            channel.force(false);
            channel.close();
        }
    }

    @Override
    void discard() {
        try {
            if (channel != null) {
                channel.close();
                Files.deleteIfExists(path);
            } else {
                raw.close();
            }
        } catch (IOException ignored) {
            // nothing more to do
        }
    }
}
