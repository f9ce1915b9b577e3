package io.pgbarge.archive;

import com.github.luben.zstd.ZstdOutputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A small test-only writer: rewrites an archive read by pgbarge as a custom or directory archive
 * of another version and compression (lz4 and zstd, which the installed pg_dump 15 cannot write),
 * following docs/reference/pg_dump-archive-format.md. Not the product's writer.
 */
final class TestArchiveWriter {
    private final Archive source;
    private final ArchiveVersion version;
    private final CompressionAlgorithm algorithm;

    TestArchiveWriter(Archive source, ArchiveVersion version, CompressionAlgorithm algorithm) {
        this.source = source;
        this.version = version;
        this.algorithm = algorithm;
    }

    // ---- primitives ---------------------------------------------------------------------------

    static void writeInt(OutputStream out, long v) throws IOException {
        out.write(v < 0 ? 1 : 0);
        long m = Math.abs(v);
        for (int i = 0; i < 4; i++) {
            out.write((int) (m >>> (8 * i)) & 0xFF);
        }
    }

    static void writeStr(OutputStream out, String s) throws IOException {
        if (s == null) {
            writeInt(out, -1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeInt(out, b.length);
        out.write(b);
    }

    static void writeOffset(OutputStream out, DataOffset o) throws IOException {
        out.write(o.state().flag());
        for (int i = 0; i < 8; i++) {
            out.write((int) (o.position() >>> (8 * i)) & 0xFF);
        }
    }

    private void writeHeader(OutputStream out, ArchiveFormat format) throws IOException {
        ArchiveHeader h = source.header();
        out.write(ArchiveHeader.MAGIC.getBytes(StandardCharsets.US_ASCII));
        out.write(version.major());
        out.write(version.minor());
        out.write(version.rev());
        out.write(4);
        out.write(8);
        out.write(format.headerCode());
        if (version.isAtLeast(ArchiveVersion.V1_15)) {
            out.write(algorithm.code());
        } else {
            writeInt(out, algorithm == CompressionAlgorithm.NONE ? 0 : -1);
        }
        writeInt(out, h.createdAt().getSecond());
        writeInt(out, h.createdAt().getMinute());
        writeInt(out, h.createdAt().getHour());
        writeInt(out, h.createdAt().getDayOfMonth());
        writeInt(out, h.createdAt().getMonthValue() - 1);
        writeInt(out, h.createdAt().getYear() - 1900);
        writeInt(out, h.isDst());
        writeStr(out, h.databaseName());
        writeStr(out, h.serverVersion());
        writeStr(out, h.pgDumpVersion());
    }

    private void writeToc(OutputStream out, List<TocEntry> entries, boolean custom) throws IOException {
        writeInt(out, entries.size());
        for (TocEntry e : entries) {
            writeInt(out, e.dumpId());
            writeInt(out, e.hadDumper() ? 1 : 0);
            writeStr(out, Long.toString(e.tableOid()));
            writeStr(out, Long.toString(e.oid()));
            writeStr(out, e.tag());
            writeStr(out, e.desc());
            writeInt(out, e.section().code());
            writeStr(out, e.defn());
            writeStr(out, e.dropStmt());
            writeStr(out, e.copyStmt());
            writeStr(out, e.namespace());
            writeStr(out, e.tablespace());
            if (version.isAtLeast(ArchiveVersion.V1_14)) {
                writeStr(out, e.tableam());
            }
            if (version.isAtLeast(ArchiveVersion.V1_16)) {
                writeInt(out, "TABLE".equals(e.desc()) ? 'r' : 0);
            }
            writeStr(out, e.owner());
            writeStr(out, e.withOids() ? "true" : "false");
            for (int d : e.dependencies()) {
                writeStr(out, Integer.toString(d));
            }
            writeStr(out, null);
            if (custom) {
                writeOffset(out, e.dataOffset());
            } else {
                writeStr(out, e.fileName());
            }
        }
    }

    /** Compresses the way pg_dump's custom format does: one stream, written out as chunks. */
    private OutputStream compressor(OutputStream chunks, boolean file) throws IOException {
        switch (algorithm) {
            case NONE:
                return chunks;
            case GZIP:
                return file ? new GZIPOutputStream(chunks, 4096)
                        : new DeflaterOutputStream(chunks, new Deflater(6), 4096);
            case LZ4:
                return new LZ4FrameOutputStream(chunks);
            case ZSTD:
                return new ZstdOutputStream(chunks, 3);
            default:
                throw new IllegalStateException();
        }
    }

    /** Each write becomes one chunk {@code int len; bytes}, at most 4096 bytes. */
    private static final class ChunkOutputStream extends OutputStream {
        private final OutputStream out;

        ChunkOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, 4096);
                writeInt(out, n);
                out.write(b, off, n);
                off += n;
                len -= n;
            }
        }

        @Override
        public void close() {
            // the block's end marker is written by the caller
        }
    }

    private void writeStream(OutputStream block, InputStream data) throws IOException {
        OutputStream c = compressor(new ChunkOutputStream(block), false);
        data.transferTo(c);
        c.close();
        writeInt(block, 0);
    }

    /**
     * Writes a custom archive. With {@code offsets} the TOC is written twice, as pg_dump does on
     * a seekable file; without, the offsets stay "not set", as when pg_dump writes to a pipe.
     */
    void writeCustom(Path target, boolean offsets) throws IOException {
        List<TocEntry> entries = new ArrayList<>();
        for (TocEntry e : source.entries()) {
            entries.add(e.withFileName(null).withDataOffset(e.hasData() ? DataOffset.NOT_SET : DataOffset.NO_DATA));
        }
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        writeHeader(head, ArchiveFormat.CUSTOM);
        writeToc(head, entries, true);
        Map<Integer, Long> positions = new HashMap<>();
        try (OutputStream out = Files.newOutputStream(target)) {
            out.write(head.toByteArray());
            long pos = head.size();
            for (TocEntry e : source.entries()) {
                if (!e.hasData()) {
                    continue;
                }
                positions.put(e.dumpId(), pos);
                ByteArrayOutputStream block = new ByteArrayOutputStream();
                if (e.isLargeObjects()) {
                    block.write(3);
                    writeInt(block, e.dumpId());
                    try (LargeObjectReader r = source.openLargeObjects(e)) {
                        LargeObject lo;
                        while ((lo = r.next()) != null) {
                            writeInt(block, (int) lo.oid());
                            writeStream(block, lo.data());
                        }
                    }
                    writeInt(block, 0);
                } else {
                    block.write(1);
                    writeInt(block, e.dumpId());
                    try (InputStream in = source.openData(e)) {
                        writeStream(block, in);
                    }
                }
                out.write(block.toByteArray());
                pos += block.size();
            }
        }
        if (offsets) {
            List<TocEntry> withOffsets = new ArrayList<>();
            for (TocEntry e : entries) {
                Long p = positions.get(e.dumpId());
                withOffsets.add(p == null ? e : e.withDataOffset(DataOffset.at(p)));
            }
            ByteArrayOutputStream again = new ByteArrayOutputStream();
            writeHeader(again, ArchiveFormat.CUSTOM);
            writeToc(again, withOffsets, true);
            try (RandomAccessFile raf = new RandomAccessFile(target.toFile(), "rw")) {
                raf.write(again.toByteArray());
            }
        }
    }

    /** Writes a directory archive whose data files carry this writer's compression suffix. */
    void writeDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        String suffix = algorithm.fileSuffix();
        List<TocEntry> entries = new ArrayList<>();
        for (TocEntry e : source.entries()) {
            String name = "";
            if (e.hasData()) {
                name = e.isLargeObjects()
                        ? (version.isAtLeast(ArchiveVersion.V1_16) ? "blobs_" + e.dumpId() + ".toc" : "blobs.toc")
                        : e.dumpId() + ".dat";
            }
            entries.add(e.withDataOffset(null).withFileName(name));
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve("toc.dat"))) {
            writeHeader(out, ArchiveFormat.DIRECTORY);
            writeToc(out, entries, false);
        }
        for (TocEntry e : entries) {
            if (!e.hasData()) {
                continue;
            }
            if (e.isLargeObjects()) {
                StringBuilder list = new StringBuilder();
                try (LargeObjectReader r = source.openLargeObjects(source.entry(e.dumpId()).orElseThrow())) {
                    LargeObject lo;
                    while ((lo = r.next()) != null) {
                        String f = "blob_" + lo.oid() + ".dat";
                        list.append(lo.oid()).append(' ').append(f).append('\n');
                        writeFile(dir.resolve(f + suffix), lo.data());
                    }
                }
                Files.writeString(dir.resolve(e.fileName()), list.toString());
            } else {
                try (InputStream in = source.openData(source.entry(e.dumpId()).orElseThrow())) {
                    writeFile(dir.resolve(e.fileName() + suffix), in);
                }
            }
        }
    }

    private void writeFile(Path p, InputStream data) throws IOException {
        try (OutputStream c = compressor(Files.newOutputStream(p), true)) {
            data.transferTo(c);
        }
    }
}
