package io.pgbarge.archive.write;

import io.pgbarge.archive.TocEntry;

import java.io.IOException;

/**
 * Writing an archive failed: the disk is full, the path cannot be written, an entry's data was
 * written twice or not at all. The message names the file and, when there is one, the TOC entry,
 * e.g. {@code /backup/db.dump: could not write data of entry 3412 TABLE DATA public.payment: No space left on device}.
 *
 * <p>It is an {@link IOException} so that it can travel through {@link java.io.OutputStream#write}
 * of the data streams the writers hand out.
 */
public class ArchiveWriteException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String entry;

    public ArchiveWriteException(String message, String file, String entry, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.entry = entry;
    }

    /**
     * Builds {@code FILE: PROBLEM[ of entry LABEL][: CAUSE]}.
     *
     * @param entry the TOC entry being written, or null
     * @param cause the underlying error (its message is appended), or null
     */
    public static ArchiveWriteException of(Object file, String problem, TocEntry entry, Throwable cause) {
        StringBuilder sb = new StringBuilder();
        sb.append(file).append(": ").append(problem);
        if (entry != null) {
            sb.append(" of entry ").append(entry.label());
        }
        if (cause != null) {
            String m = cause.getMessage();
            sb.append(": ").append(m == null || m.isEmpty() ? cause.getClass().getSimpleName() : m);
        }
        return new ArchiveWriteException(sb.toString(), String.valueOf(file), entry == null ? null : entry.label(), cause);
    }

    /** Wraps an I/O error, keeping an {@code ArchiveWriteException} as it is. */
    static ArchiveWriteException wrap(IOException e, Object file, String problem, TocEntry entry) {
        if (e instanceof ArchiveWriteException w) {
            return w;
        }
        return of(file, problem, entry, e);
    }

    /** The file (archive, data file, tar member) that could not be written. */
    public String file() {
        return file;
    }

    /** The label of the TOC entry concerned ({@code 3412 TABLE DATA public.payment}), or null. */
    public String entry() {
        return entry;
    }
}
