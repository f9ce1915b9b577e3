package io.pgbarge.archive.write;

import io.pgbarge.archive.ArchiveFormat;
import io.pgbarge.archive.ArchiveHeader;
import io.pgbarge.archive.ArchiveVersion;
import io.pgbarge.archive.Compression;
import io.pgbarge.archive.DataOffset;
import io.pgbarge.archive.TocEntry;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pg_dump's primitive encodings ({@code WriteInt}, {@code WriteStr}, {@code WriteOffset}) and the
 * header and TOC built from them ({@code WriteHead}, {@code WriteToc}). Ints are 4 bytes and offsets
 * 8 bytes, as every pg_dump writes them.
 */
final class TocEncoder {
    static final int INT_SIZE = 4;
    static final int OFF_SIZE = 8;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    private final Charset charset;

    TocEncoder(Charset charset) {
        this.charset = charset;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    int size() {
        return out.size();
    }

    void writeByte(int b) {
        out.write(b);
    }

    /** {@code WriteInt}: a sign byte, then the absolute value in 4 little-endian bytes. */
    void writeInt(long v) {
        byte[] b = intBytes(v);
        out.write(b, 0, b.length);
    }

    static byte[] intBytes(long v) {
        byte[] b = new byte[1 + INT_SIZE];
        long abs = v;
        if (v < 0) {
            b[0] = 1;
            abs = -v;
        }
        for (int i = 0; i < INT_SIZE; i++) {
            b[1 + i] = (byte) (abs >>> (8 * i));
        }
        return b;
    }

    /** An OID, written as pg_dump does: the uint32 as a C int (OIDs above 2^31-1 come out negative). */
    void writeOid(long oid) {
        writeInt((int) oid);
    }

    /** {@code WriteStr}: length then bytes; null is length -1. */
    void writeStr(String s) {
        if (s == null) {
            writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(charset);
        writeInt(b.length);
        out.write(b, 0, b.length);
    }

    /** {@code WriteOffset}: a flag byte then 8 little-endian bytes. */
    void writeOffset(DataOffset off) {
        out.write(off.state().flag());
        long v = off.state() == DataOffset.State.SET ? off.position() : 0;
        for (int i = 0; i < OFF_SIZE; i++) {
            out.write((int) (v >>> (8 * i)) & 0xFF);
        }
    }

    /** {@code WriteHead}. */
    void writeHeader(ArchiveHeader h) {
        out.write(ArchiveHeader.MAGIC.getBytes(StandardCharsets.US_ASCII), 0, 5);
        ArchiveVersion v = h.version();
        writeByte(v.major());
        writeByte(v.minor());
        writeByte(v.rev());
        writeByte(INT_SIZE);
        writeByte(OFF_SIZE);
        writeByte(h.format().headerCode());
        Compression c = h.compression();
        if (v.isAtLeast(ArchiveVersion.V1_15)) {
            writeByte(c.algorithm().code());
        } else {
            writeInt(c.isCompressed() ? c.level() : 0);
        }
        LocalDateTime t = h.createdAt();
        writeInt(t.getSecond());
        writeInt(t.getMinute());
        writeInt(t.getHour());
        writeInt(t.getDayOfMonth());
        writeInt(t.getMonthValue() - 1);
        writeInt(t.getYear() - 1900);
        writeInt(h.isDst());
        writeStr(h.databaseName());
        writeStr(h.serverVersion());
        writeStr(h.pgDumpVersion());
    }

    /** {@code WriteToc}: the count and every entry, with the custom offset or the file name as the last field. */
    void writeToc(List<TocEntry> entries, ArchiveVersion v, ArchiveFormat format) {
        writeInt(entries.size());
        for (TocEntry e : entries) {
            writeEntry(e, v, format);
        }
    }

    void writeEntry(TocEntry e, ArchiveVersion v, ArchiveFormat format) {
        writeInt(e.dumpId());
        writeInt(e.hadDumper() ? 1 : 0);
        writeStr(Long.toString(e.tableOid()));
        writeStr(Long.toString(e.oid()));
        writeStr(e.tag());
        writeStr(e.desc());
        writeInt(e.section().code());
        writeStr(e.defn());
        writeStr(e.dropStmt());
        writeStr(e.copyStmt());
        writeStr(e.namespace());
        writeStr(e.tablespace());
        if (v.isAtLeast(ArchiveVersion.V1_14)) {
            writeStr(e.tableam());
        }
        if (v.isAtLeast(ArchiveVersion.V1_16)) {
            writeInt(e.relkind());
        }
        writeStr(e.owner());
        writeStr(e.withOids() ? "true" : "false");
        for (Integer d : e.dependencies()) {
            writeStr(Integer.toString(d));
        }
        writeStr(null);
        if (format == ArchiveFormat.CUSTOM) {
            writeOffset(e.dataOffset() == null ? DataOffset.NO_DATA : e.dataOffset());
        } else {
            writeStr(e.fileName() == null ? "" : e.fileName());
        }
    }

    private static final Pattern ENCODING = Pattern.compile("client_encoding\\s*=\\s*'([^']*)'", Pattern.CASE_INSENSITIVE);

    /**
     * The charset of the TOC's strings: the encoding named by the ENCODING entry's
     * {@code SET client_encoding = 'X';}, UTF-8 when there is none or Java does not know it.
     */
    static Charset charsetOf(List<TocEntry> entries) {
        for (TocEntry e : entries) {
            if ("ENCODING".equals(e.desc()) && e.defn() != null) {
                Matcher m = ENCODING.matcher(e.defn());
                if (m.find()) {
                    return charset(m.group(1));
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    static Charset charset(String pgName) {
        return io.pgbarge.encoding.PgEncodings.charset(pgName).orElse(StandardCharsets.UTF_8);
    }
}
