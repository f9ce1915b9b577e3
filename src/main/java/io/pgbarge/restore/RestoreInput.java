package io.pgbarge.restore;

import io.pgbarge.archive.Archive;
import io.pgbarge.archive.ArchiveFormatException;
import io.pgbarge.archive.ArchiveHeader;
import io.pgbarge.archive.ArchiveReader;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What {@code pgbarge restore} reads: a pg_dump archive (custom, directory or tar; custom also from
 * standard input) or a plain SQL script (a file or standard input), told apart by the first bytes.
 * Exactly one of {@link #archive()} and {@link #script()} is non-null.
 */
public final class RestoreInput implements Closeable {
    private final String name;
    private final Archive archive;
    private final InputStream script;

    private RestoreInput(String name, Archive archive, InputStream script) {
        this.name = name;
        this.archive = archive;
        this.script = script;
    }

    /**
     * Opens {@code fileOrDash} ("-" or null: standard input).
     *
     * @throws NoSuchFileException when the file does not exist
     * @throws io.pgbarge.archive.ArchiveFormatException when an archive cannot be read
     */
    public static RestoreInput open(String fileOrDash, InputStream stdin) throws IOException {
        if (fileOrDash == null || fileOrDash.equals("-")) {
            return fromStream(stdin, "standard input");
        }
        Path path = Path.of(fileOrDash);
        if (!Files.exists(path)) {
            throw new NoSuchFileException(fileOrDash, null, "no such file or directory");
        }
        if (Files.isDirectory(path)) {
            return new RestoreInput(fileOrDash, ArchiveReader.open(path), null);
        }
        byte[] head = new byte[512];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (isArchive(head, n)) {
            return new RestoreInput(fileOrDash, ArchiveReader.open(path), null);
        }
        refuseNonScript(head, n, fileOrDash);
        return new RestoreInput(fileOrDash, null, Files.newInputStream(path));
    }

    private static RestoreInput fromStream(InputStream in, String name) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in, 64 * 1024);
        b.mark(512);
        byte[] head = b.readNBytes(512);
        b.reset();
        if (isArchive(head, head.length)) {
            return new RestoreInput(name, ArchiveReader.open(b, name), null);
        }
        refuseNonScript(head, head.length, name);
        return new RestoreInput(name, null, b);
    }

    /**
     * What is not an archive is read as SQL, but an empty input, or one with NUL bytes (which no SQL
     * script in any server encoding holds), is neither: refused before anything is done.
     */
    private static void refuseNonScript(byte[] head, int n, String name) throws ArchiveFormatException {
        if (n == 0) {
            throw new ArchiveFormatException(name + " is empty: neither a pg_dump archive nor a SQL script");
        }
        for (int i = 0; i < n; i++) {
            if (head[i] == 0) {
                throw new ArchiveFormatException(name + " is neither a pg_dump archive (custom, directory or tar"
                        + " format) nor a SQL script: it holds binary data at byte " + i);
            }
        }
    }

    /** PGDMP (custom) or a ustar header (tar); anything else is taken for SQL. */
    private static boolean isArchive(byte[] head, int n) {
        if (n >= 5 && ArchiveHeader.MAGIC.equals(new String(head, 0, 5, StandardCharsets.ISO_8859_1))) {
            return true;
        }
        return n >= 262 && new String(head, 257, 5, StandardCharsets.ISO_8859_1).equals("ustar");
    }

    /** The file name, or "standard input". */
    public String name() {
        return name;
    }

    public Archive archive() {
        return archive;
    }

    public InputStream script() {
        return script;
    }

    @Override
    public void close() throws IOException {
        if (archive != null) {
            archive.close();
        }
        if (script != null) {
            script.close();
        }
    }
}
