package io.pgbarge.restore;

import io.pgbarge.archive.Archive;
import io.pgbarge.archive.ArchiveFormat;
import io.pgbarge.archive.DataOffset;
import io.pgbarge.archive.TocEntry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimated sizes of entries' data in the archive (compressed bytes), so that the biggest tables
 * start first: the distance to the next data block in a custom archive, the data file's size in a
 * directory archive; 0 when unknown.
 */
final class DataSizes {
    private DataSizes() {
    }

    static Map<Integer, Long> of(Archive archive) {
        Map<Integer, Long> sizes = new HashMap<>();
        try {
            Path path = Path.of(archive.name());
            if (archive.format() == ArchiveFormat.CUSTOM && Files.isRegularFile(path)) {
                List<TocEntry> located = new ArrayList<>();
                for (TocEntry e : archive.entries()) {
                    if (e.dataOffset() != null && e.dataOffset().state() == DataOffset.State.SET) {
                        located.add(e);
                    }
                }
                located.sort((a, b) -> Long.compare(a.dataOffset().position(), b.dataOffset().position()));
                long end = Files.size(path);
                for (int i = 0; i < located.size(); i++) {
                    long next = i + 1 < located.size() ? located.get(i + 1).dataOffset().position() : end;
                    sizes.put(located.get(i).dumpId(), Math.max(0, next - located.get(i).dataOffset().position()));
                }
            } else if (archive.format() == ArchiveFormat.DIRECTORY && Files.isDirectory(path)) {
                for (TocEntry e : archive.entries()) {
                    if (e.fileName() != null && !e.fileName().isEmpty()) {
                        for (String name : new String[] {e.fileName(), e.fileName() + ".gz", e.fileName() + ".lz4",
                                e.fileName() + ".zst"}) {
                            Path f = path.resolve(name);
                            if (Files.isRegularFile(f)) {
                                sizes.put(e.dumpId(), Files.size(f));
                                break;
                            }
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // sizes are only for scheduling
        }
        return sizes;
    }
}
