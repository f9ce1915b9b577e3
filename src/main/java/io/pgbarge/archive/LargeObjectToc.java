package io.pgbarge.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The large-object list of a directory or tar archive ({@code blobs.toc}, {@code blobs_<dumpId>.toc}
 * from 1.16): one line {@code "<oid> blob_<oid>.dat"} per large object.
 */
final class LargeObjectToc {

    /** One line: the OID and the file holding its data (without compression suffix). */
    record Item(long oid, String fileName) {
    }

    private static final int MAX_SIZE = 256 * 1024 * 1024;

    private LargeObjectToc() {
    }

    /** The file name pg_dump gives the list of a BLOBS entry. */
    static String fileName(ArchiveVersion version, TocEntry e) {
        if (e.fileName() != null && e.fileName().endsWith(".toc")) {
            return e.fileName();
        }
        return version.isAtLeast(ArchiveVersion.V1_16) ? "blobs_" + e.dumpId() + ".toc" : "blobs.toc";
    }

    static List<Item> parse(InputStream in, String file, TocEntry entry) throws IOException {
        List<Item> items = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long offset = 0;
        long lineStart = 0;
        byte[] buf = new byte[8192];
        int r;
        while (true) {
            r = in.read(buf);
            if (r < 0) {
                break;
            }
            for (int i = 0; i < r; i++) {
                offset++;
                if (buf[i] == '\n') {
                    items.add(parseLine(line.toString(StandardCharsets.UTF_8), file, entry, lineStart));
                    line.reset();
                    lineStart = offset;
                } else {
                    line.write(buf[i]);
                    if (offset > MAX_SIZE) {
                        throw ArchiveFormatException.of(file, "corrupt large object list", entry, lineStart,
                                "line too long");
                    }
                }
            }
        }
        if (line.size() > 0) {
            items.add(parseLine(line.toString(StandardCharsets.UTF_8), file, entry, lineStart));
        }
        return items;
    }

    private static Item parseLine(String line, String file, TocEntry entry, long at) throws ArchiveFormatException {
        String[] parts = line.trim().split("\\s+");
        if (parts.length != 2) {
            throw ArchiveFormatException.of(file, "corrupt large object list", entry, at,
                    "invalid line \"" + line + "\"");
        }
        try {
            long oid = Long.parseLong(parts[0]);
            if (oid <= 0 || oid > 0xFFFFFFFFL) {
                throw new NumberFormatException();
            }
            if (parts[1].contains("/") || parts[1].contains("\\") || parts[1].startsWith(".")) {
                throw ArchiveFormatException.of(file, "corrupt large object list", entry, at,
                        "invalid file name \"" + parts[1] + "\"");
            }
            return new Item(oid, parts[1]);
        } catch (NumberFormatException e) {
            throw ArchiveFormatException.of(file, "corrupt large object list", entry, at,
                    "invalid OID in line \"" + line + "\"");
        }
    }
}
