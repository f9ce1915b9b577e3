package io.pgbarge.archive;

import java.io.IOException;

/**
 * An archive that cannot be read: not a pg_dump archive at all, an unsupported version, or a
 * truncated or corrupt file. The message names the file, the TOC entry concerned (when there is
 * one) and the byte offset, for example
 * {@code pagila.dump: truncated data block of entry 3412 TABLE DATA public.payment at offset 1839231: expected 4096 bytes, found 17}.
 *
 * <p>It is an {@link IOException} so that it can travel through {@link java.io.InputStream#read}
 * from the data streams this package hands out.
 */
public class ArchiveFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long offset;

    public ArchiveFormatException(String message) {
        this(message, null, -1, null);
    }

    public ArchiveFormatException(String message, String file, long offset, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.offset = offset;
    }

    /**
     * Builds the message {@code FILE: PROBLEM[ of entry LABEL][ at offset N][: DETAIL]}.
     *
     * @param entry  the TOC entry whose data or definition was being read, or null
     * @param offset the byte offset in {@code file}, or -1 when unknown
     * @param detail what was expected and found, or null
     */
    public static ArchiveFormatException of(String file, String problem, TocEntry entry, long offset, String detail) {
        return of(file, problem, entry, offset, detail, null);
    }

    public static ArchiveFormatException of(String file, String problem, TocEntry entry, long offset, String detail,
                                            Throwable cause) {
        StringBuilder sb = new StringBuilder();
        sb.append(file).append(": ").append(problem);
        if (entry != null) {
            sb.append(" of entry ").append(entry.label());
        }
        if (offset >= 0) {
            sb.append(" at offset ").append(offset);
        }
        if (detail != null && !detail.isEmpty()) {
            sb.append(": ").append(detail);
        }
        return new ArchiveFormatException(sb.toString(), file, offset, cause);
    }

    /** The file (archive, toc.dat, data file or tar member) the problem was found in, or null. */
    public String file() {
        return file;
    }

    /** The byte offset of the problem in {@link #file()}, or -1 when unknown. */
    public long offset() {
        return offset;
    }
}
