package io.pgbarge.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The members of a ustar file, found by reading each 512-byte header and seeking over the data
 * ({@code src/port/tar.c}, pg_backup_tar.c).
 */
final class TarIndex {
    static final int BLOCK = 512;

    /** One member: its name, where its data starts and its declared size. */
    record Member(String name, long headerOffset, long dataOffset, long size) {
    }

    private final Map<String, Member> members = new LinkedHashMap<>();
    private final List<Member> inOrder = new ArrayList<>();

    private TarIndex() {
    }

    Member get(String name) {
        return members.get(name);
    }

    List<Member> members() {
        return inOrder;
    }

    /** Whether a 512-byte block is a valid tar header: checksum right and ustar magic. */
    static boolean isValidHeader(byte[] h) {
        if (h.length < BLOCK) {
            return false;
        }
        long stored = parseOctal(h, 148, 8);
        if (stored < 0) {
            return false;
        }
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xFF);
        }
        String magic = new String(h, 257, 5, StandardCharsets.ISO_8859_1);
        return sum == stored && magic.equals("ustar");
    }

    static TarIndex read(FileChannel ch, String file) throws IOException {
        TarIndex idx = new TarIndex();
        long size = ch.size();
        long pos = 0;
        byte[] h = new byte[BLOCK];
        while (pos + BLOCK <= size) {
            ByteBuffer bb = ByteBuffer.wrap(h);
            while (bb.hasRemaining()) {
                if (ch.read(bb, pos + bb.position()) < 0) {
                    break;
                }
            }
            if (isZero(h)) {
                return idx;
            }
            if (!isValidHeader(h)) {
                throw ArchiveFormatException.of(file, "corrupt tar header", null, pos,
                        idx.inOrder.isEmpty() ? "bad checksum or magic"
                                : "bad checksum or magic after member " + idx.inOrder.get(idx.inOrder.size() - 1).name());
            }
            String name = cString(h, 0, 100);
            String prefix = cString(h, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            long len = parseSize(h);
            if (len < 0) {
                throw ArchiveFormatException.of(file, "corrupt tar header of member " + name, null, pos, "invalid size");
            }
            char type = (char) h[156];
            Member m = new Member(name, pos, pos + BLOCK, len);
            if (type == '0' || type == 0) {
                idx.members.putIfAbsent(name, m);
                idx.inOrder.add(m);
            }
            if (len > size - pos - BLOCK) {
                return idx; // a truncated last member: reading it reports the truncation
            }
            long padded = (len + BLOCK - 1) / BLOCK * BLOCK;
            pos = pos + BLOCK + padded;
        }
        if (pos < size) {
            throw ArchiveFormatException.of(file, "truncated tar header", null, pos,
                    "expected " + BLOCK + " bytes, found " + (size - pos));
        }
        return idx; // no end-of-archive blocks: tolerated, like pg_restore
    }

    private static boolean isZero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String cString(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static long parseSize(byte[] h) {
        if ((h[124] & 0x80) != 0) {
            long v = 0;
            for (int i = 125; i < 136; i++) {
                v = (v << 8) | (h[i] & 0xFF);
            }
            return v;
        }
        return parseOctal(h, 124, 12);
    }

    /** An octal field, leading spaces allowed, ended by NUL or space; -1 when invalid. */
    static long parseOctal(byte[] h, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end && h[i] == ' ') {
            i++;
        }
        long v = 0;
        int digits = 0;
        while (i < end && h[i] >= '0' && h[i] <= '7') {
            v = v * 8 + (h[i] - '0');
            i++;
            digits++;
        }
        if (digits == 0) {
            return -1;
        }
        if (i < end && h[i] != 0 && h[i] != ' ') {
            return -1;
        }
        return v;
    }
}
