package io.pgbarge.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens a pg_dump archive of any format, finding out which as pg_restore does
 * ({@code _discoverArchiveFormat}): a directory with toc.dat is a directory archive, a file
 * starting with "PGDMP" a custom archive, a file starting with a valid ustar header a tar archive.
 */
public final class ArchiveReader {

    private ArchiveReader() {
    }

    /** The format of the archive at {@code path}, without reading more than its first 512 bytes. */
    public static ArchiveFormat detect(Path path) throws IOException {
        String name = path.toString();
        if (Files.isDirectory(path)) {
            if (DirectoryArchiveReader.tocFile(path) != null) {
                return ArchiveFormat.DIRECTORY;
            }
            throw new ArchiveFormatException(name + " is not a pg_dump archive (a directory without toc.dat)",
                    name, -1, null);
        }
        if (!Files.exists(path)) {
            throw new NoSuchFileException(name, null, "no such file or directory");
        }
        byte[] head = new byte[TarIndex.BLOCK];
        int n = 0;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer bb = ByteBuffer.wrap(head);
            while (bb.hasRemaining() && ch.read(bb) > 0) {
                // fill
            }
            n = bb.position();
        }
        if (n == 0) {
            throw new ArchiveFormatException(name + " is not a pg_dump archive (empty file)", name, 0, null);
        }
        if (n >= 5 && ArchiveHeader.MAGIC.equals(new String(head, 0, 5, StandardCharsets.ISO_8859_1))) {
            return ArchiveFormat.CUSTOM;
        }
        if (n == TarIndex.BLOCK && TarIndex.isValidHeader(head)) {
            return ArchiveFormat.TAR;
        }
        String text = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        if (text.startsWith("--\n-- PostgreSQL database dump") || text.startsWith("--\n-- PostgreSQL database cluster dump")) {
            throw new ArchiveFormatException(name + " is not a pg_dump archive: it is a plain SQL dump, "
                    + "to be run as a script (pgbarge restore reads it from standard input)", name, 0, null);
        }
        throw new ArchiveFormatException(name + " is not a pg_dump archive (no PGDMP header, not a directory with"
                + " toc.dat, not a tar file)", name, 0, null);
    }

    /** Opens a custom, directory or tar archive. */
    public static Archive open(Path path) throws IOException {
        switch (detect(path)) {
            case CUSTOM:
                return CustomArchiveReader.open(path);
            case DIRECTORY:
                return DirectoryArchiveReader.open(path);
            case TAR:
                return TarArchiveReader.open(path);
            default:
                throw new IllegalStateException();
        }
    }

    /**
     * Opens an archive arriving on a stream that cannot seek (standard input). Only the custom
     * format can be read this way, in file order ({@link Archive#isSequential()}).
     *
     * @param name how to call the input in messages, e.g. "standard input"
     */
    public static Archive open(InputStream in, String name) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in, 64 * 1024);
        b.mark(TarIndex.BLOCK);
        byte[] head = new byte[TarIndex.BLOCK];
        int n = 0;
        while (n < head.length) {
            int r = b.read(head, n, head.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        b.reset();
        if (n == 0) {
            throw new ArchiveFormatException(name + " is not a pg_dump archive (empty input)", name, 0, null);
        }
        if (n >= 5 && ArchiveHeader.MAGIC.equals(new String(head, 0, 5, StandardCharsets.ISO_8859_1))) {
            return CustomArchiveReader.open(b, name);
        }
        if (n == TarIndex.BLOCK && TarIndex.isValidHeader(head)) {
            throw new ArchiveFormatException(name + ": a tar archive cannot be read from a pipe by pgbarge;"
                    + " save it to a file first", name, 0, null);
        }
        throw new ArchiveFormatException(name + " is not a pg_dump custom archive (no PGDMP header)", name, 0, null);
    }

    /** Opens a custom archive arriving on standard input. */
    public static Archive openStandardInput() throws IOException {
        return open(System.in, "standard input");
    }
}
