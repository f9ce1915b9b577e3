package io.pgbarge.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;

/** Reads the header of a custom archive or of a toc.dat ({@code ReadHead}). */
final class ArchiveHeaderReader {

    private ArchiveHeaderReader() {
    }

    /**
     * Reads the header and sets the input's int and offset sizes from it.
     *
     * @param format the format the archive was found to be (custom, directory, tar)
     */
    static ArchiveHeader read(ArchiveInput in, ArchiveFormat format) throws IOException {
        in.context("header", null);
        byte[] magic = new byte[5];
        int got = in.readUpTo(magic, 0, 5);
        if (got < 5 || !ArchiveHeader.MAGIC.equals(new String(magic, StandardCharsets.ISO_8859_1))) {
            throw new ArchiveFormatException(in.file() + " is not a pg_dump archive (no PGDMP header)", in.file(), 0, null);
        }
        int vmaj = in.readByte();
        int vmin = in.readByte();
        int vrev = (vmaj > 1 || (vmaj == 1 && vmin > 0)) ? in.readByte() : 0;
        ArchiveVersion version = new ArchiveVersion(vmaj, vmin, vrev);
        if (!version.isSupported()) {
            String why = version.compareTo(ArchiveVersion.OLDEST_SUPPORTED) < 0
                    ? "written by pg_dump older than 9.0"
                    : "written by a pg_dump newer than pgbarge knows";
            throw new ArchiveFormatException(in.file() + ": unsupported archive version " + version + " (" + why
                    + "); pgbarge reads archive versions 1.12 to 1.16 (pg_dump 9.0 to 18)", in.file(), 5, null);
        }
        long at = in.position();
        int intSize = in.readByte();
        if (intSize < 1 || intSize > 8) {
            throw in.corrupt(at, "integer size " + intSize + " not supported");
        }
        at = in.position();
        int offSize = in.readByte();
        if (offSize < 1 || offSize > 32) {
            throw in.corrupt(at, "offset size " + offSize + " not supported");
        }
        in.sizes(intSize, offSize);
        at = in.position();
        int fmt = in.readByte();
        boolean formatOk = format == ArchiveFormat.CUSTOM
                ? fmt == ArchiveFormat.CUSTOM.code()
                : fmt == ArchiveFormat.TAR.code() || fmt == ArchiveFormat.DIRECTORY.code();
        if (!formatOk) {
            throw in.corrupt(at, "format byte " + fmt + " does not match a " + format.listingName().toLowerCase()
                    + " archive");
        }
        Compression compression;
        at = in.position();
        if (version.isAtLeast(ArchiveVersion.V1_15)) {
            int algo = in.readByte();
            CompressionAlgorithm a = CompressionAlgorithm.ofCode(algo);
            if (a == null) {
                throw in.corrupt(at, "unknown compression algorithm " + algo);
            }
            compression = Compression.ofAlgorithm(a);
        } else {
            int level = in.readInt32("compression level");
            if (level < -1 || level > 9) {
                throw in.corrupt(at, "invalid compression level " + level);
            }
            compression = Compression.ofZlibLevel(level);
        }
        at = in.position();
        int sec = in.readInt32("tm_sec");
        int min = in.readInt32("tm_min");
        int hour = in.readInt32("tm_hour");
        int mday = in.readInt32("tm_mday");
        int mon = in.readInt32("tm_mon");
        int year = in.readInt32("tm_year");
        int isDst = in.readInt32("tm_isdst");
        LocalDateTime created;
        try {
            created = LocalDateTime.of(year + 1900, mon + 1, mday, hour, min, Math.min(sec, 59));
        } catch (DateTimeException e) {
            throw in.corrupt(at, "invalid creation date: " + e.getMessage());
        }
        String dbname = str(in.readStrBytes());
        String server = str(in.readStrBytes());
        String pgDump = str(in.readStrBytes());
        return new ArchiveHeader(version, intSize, offSize, format, compression, created, isDst, dbname, server, pgDump);
    }

    /** Header strings are ASCII in practice; the database name follows the TOC's encoding rules poorly, keep UTF-8. */
    private static String str(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
