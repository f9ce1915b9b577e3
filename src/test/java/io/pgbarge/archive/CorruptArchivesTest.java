package io.pgbarge.archive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Truncated, corrupt and foreign files: always an {@link ArchiveFormatException} naming the file
 * (and the entry and offset where there is one), never another exception, never a hang.
 */
@Timeout(300)
class CorruptArchivesTest {

    /** Opens and reads everything: listing, every data stream, every large object. */
    static void readAll(Archive a) throws IOException {
        ArchiveListing.render(a);
        for (TocEntry e : a.entries()) {
            if (!e.hasData()) {
                continue;
            }
            if (e.isLargeObjects()) {
                try (LargeObjectReader r = a.openLargeObjects(e)) {
                    LargeObject lo;
                    while ((lo = r.next()) != null) {
                        lo.data().transferTo(OutputStreamSink.INSTANCE);
                    }
                }
            } else {
                try (InputStream in = a.openData(e)) {
                    in.transferTo(OutputStreamSink.INSTANCE);
                }
            }
        }
    }

    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    /** Reads the file as an archive; returns the failure or null when it read cleanly. */
    static ArchiveFormatException tryRead(Path p) {
        try (Archive a = ArchiveReader.open(p)) {
            readAll(a);
            return null;
        } catch (ArchiveFormatException e) {
            return e;
        } catch (Throwable t) {
            throw new AssertionError("not an ArchiveFormatException for " + p + ": " + t, t);
        }
    }

    static ArchiveFormatException tryReadStream(byte[] bytes, String name) {
        try (Archive a = ArchiveReader.open(new ByteArrayInputStream(bytes), name)) {
            readAll(a);
            return null;
        } catch (ArchiveFormatException e) {
            return e;
        } catch (Throwable t) {
            throw new AssertionError("not an ArchiveFormatException for " + name + ": " + t, t);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lo_test.Fc.dump", "lo_test.Fc.Z0.dump", "lo_test.Fc.piped.dump"})
    void everyTruncationOfACustomArchiveIsRefused(String name, @TempDir Path tmp) throws Exception {
        byte[] full = Files.readAllBytes(ArchiveTestSupport.sharedArchives().resolve(name));
        Path cut = tmp.resolve(name);
        for (int len = 0; len < full.length; len += (len < 400 ? 1 : 7)) {
            Files.write(cut, Arrays.copyOf(full, len));
            ArchiveFormatException e = tryRead(cut);
            assertThat(e).as("truncated at " + len).isNotNull();
            assertThat(e.getMessage()).as("truncated at " + len).startsWith(cut.toString());
            if (len > 0) {
                ArchiveFormatException s = tryReadStream(Arrays.copyOf(full, len), "standard input");
                assertThat(s).as("stdin truncated at " + len).isNotNull();
                assertThat(s.getMessage()).startsWith("standard input");
            }
        }
    }

    @Test
    void truncatedDataBlockNamesEntryAndOffset(@TempDir Path tmp) throws Exception {
        Path src = ArchiveTestSupport.sharedArchives().resolve("pagila_neon.Fc.dump");
        long rentalAt;
        try (Archive a = ArchiveReader.open(src)) {
            TocEntry rental = a.entries().stream().filter(e -> e.isTableData() && e.tag().equals("rental"))
                    .findFirst().orElseThrow();
            rentalAt = rental.dataOffset().position();
        }
        byte[] full = Files.readAllBytes(src);
        // block header: type byte + int dumpId (5) = 6 bytes, then the first chunk's int length (5)
        int cutAt = (int) rentalAt + 6 + 5 + 17;
        Path cut = tmp.resolve("pagila.dump");
        Files.write(cut, Arrays.copyOf(full, cutAt));
        ArchiveFormatException e = tryRead(cut);
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).matches(
                ".*pagila\\.dump: truncated data block of entry \\d+ TABLE DATA public\\.rental at offset "
                        + (rentalAt + 11) + ": expected \\d+ bytes, found 17");
        assertThat(e.offset()).isEqualTo(rentalAt + 11);
    }

    @Test
    void truncatedTocAndHeaderNameTheirPlace(@TempDir Path tmp) throws Exception {
        byte[] full = Files.readAllBytes(ArchiveTestSupport.sharedArchives().resolve("lo_test.Fc.dump"));
        Path cut = tmp.resolve("x.dump");
        Files.write(cut, Arrays.copyOf(full, 12));
        assertThat(tryRead(cut).getMessage()).startsWith(cut + ": truncated header at offset");
        Files.write(cut, Arrays.copyOf(full, 400));
        assertThat(tryRead(cut).getMessage()).contains(": truncated TOC entry #").contains("at offset");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lo_test.Fc.dump", "lo_test.Fc.Z0.dump", "lo_test.Fc.piped.dump", "lo_test.Ft.tar"})
    void flippedBytesNeverEscapeAsOtherExceptions(String name, @TempDir Path tmp) throws Exception {
        byte[] full = Files.readAllBytes(ArchiveTestSupport.sharedArchives().resolve(name));
        Random rnd = new Random(name.hashCode());
        Path bad = tmp.resolve(name);
        int refused = 0;
        for (int i = 0; i < 400; i++) {
            byte[] b = full.clone();
            int flips = 1 + rnd.nextInt(3);
            for (int k = 0; k < flips; k++) {
                int at = rnd.nextInt(b.length);
                b[at] = (byte) (b[at] ^ (1 << rnd.nextInt(8)));
            }
            Files.write(bad, b);
            if (tryRead(bad) != null) {
                refused++;
            }
            if (name.contains(".Fc")) {
                tryReadStream(b, "standard input");
            }
        }
        assertThat(refused).isGreaterThan(0);
    }

    @Test
    void truncatedTarArchive(@TempDir Path tmp) throws Exception {
        byte[] full = Files.readAllBytes(ArchiveTestSupport.sharedArchives().resolve("lo_test.Ft.tar"));
        Path cut = tmp.resolve("t.tar");
        // inside toc.dat, inside 3340.dat, inside a blob member
        for (int len : new int[] {600, 2000, 3600, 3584 + 512 + 30, 5000, 9000}) {
            Files.write(cut, Arrays.copyOf(full, len));
            ArchiveFormatException e = tryRead(cut);
            assertThat(e).as("cut at " + len).isNotNull();
            assertThat(e.getMessage()).startsWith(cut.toString());
        }
        // cut in the middle of 3340.dat: the member and the entry are named
        Files.write(cut, Arrays.copyOf(full, 3584 + 512 + 30));
        assertThat(tryRead(cut).getMessage()).contains("truncated tar member 3340.dat of entry 3340 TABLE DATA public.docs");
    }

    @Test
    void truncatedAndMissingDirectoryFiles(@TempDir Path tmp) throws Exception {
        Path src = ArchiveTestSupport.sharedArchives().resolve("lo_test.Fd");
        Path dir = tmp.resolve("lo.Fd");
        Files.createDirectories(dir);
        try (var files = Files.list(src)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        assertThat(tryRead(dir)).isNull();
        byte[] gz = Files.readAllBytes(dir.resolve("3340.dat.gz"));
        Files.write(dir.resolve("3340.dat.gz"), Arrays.copyOf(gz, gz.length / 2));
        assertThat(tryRead(dir).getMessage()).contains("3340.dat.gz: truncated compressed data of entry 3340 TABLE DATA public.docs at offset");
        byte[] garbage = gz.clone();
        for (int i = 12; i < garbage.length - 8; i++) {
            garbage[i] = (byte) 0xA5;
        }
        Files.write(dir.resolve("3340.dat.gz"), garbage);
        assertThat(tryRead(dir).getMessage()).contains("3340.dat.gz: corrupt compressed data of entry 3340 TABLE DATA public.docs");
        Files.delete(dir.resolve("3340.dat.gz"));
        assertThat(tryRead(dir).getMessage()).contains("missing data file 3340.dat of entry 3340 TABLE DATA public.docs");
        Files.write(dir.resolve("3340.dat.gz"), gz);
        Files.delete(dir.resolve("blob_35320.dat.gz"));
        assertThat(tryRead(dir).getMessage()).contains("missing data file blob_35320.dat of entry").contains("BLOBS");
        byte[] toc = Files.readAllBytes(dir.resolve("toc.dat"));
        Files.write(dir.resolve("toc.dat"), Arrays.copyOf(toc, toc.length - 20));
        assertThat(tryRead(dir).getMessage()).startsWith(dir.resolve("toc.dat") + ": truncated TOC entry #15 of 15");
    }

    @Test
    void notArchives(@TempDir Path tmp) throws Exception {
        Path empty = tmp.resolve("empty.dump");
        Files.write(empty, new byte[0]);
        assertThat(tryRead(empty).getMessage()).isEqualTo(empty + " is not a pg_dump archive (empty file)");

        Path garbage = tmp.resolve("x.bin");
        byte[] g = new byte[5000];
        new Random(1).nextBytes(g);
        Files.write(garbage, g);
        assertThat(tryRead(garbage).getMessage()).isEqualTo(
                garbage + " is not a pg_dump archive (no PGDMP header, not a directory with toc.dat, not a tar file)");
        Files.write(garbage, Arrays.copyOf(g, 3));
        assertThat(tryRead(garbage).getMessage()).contains("is not a pg_dump archive");

        Path dir = tmp.resolve("somedir");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("3340.dat"), "x");
        assertThat(tryRead(dir).getMessage()).isEqualTo(dir + " is not a pg_dump archive (a directory without toc.dat)");

        Path plain = ArchiveTestSupport.sharedArchives().resolve("lo_test.plain.sql");
        assertThat(tryRead(plain).getMessage()).contains("plain SQL dump");

        // random bytes after a PGDMP magic
        Random rnd = new Random(7);
        Path fake = tmp.resolve("fake.dump");
        for (int i = 0; i < 200; i++) {
            byte[] b = new byte[rnd.nextInt(3000)];
            rnd.nextBytes(b);
            byte[] withMagic = new byte[b.length + 8];
            System.arraycopy("PGDMP".getBytes(StandardCharsets.US_ASCII), 0, withMagic, 0, 5);
            withMagic[5] = 1;
            withMagic[6] = (byte) (12 + rnd.nextInt(5));
            withMagic[7] = 0;
            System.arraycopy(b, 0, withMagic, 8, b.length);
            Files.write(fake, withMagic);
            assertThat(tryRead(fake)).isNotNull();
            assertThat(tryReadStream(withMagic, "standard input")).isNotNull();
        }
        assertThatThrownBy(() -> ArchiveReader.open(new ByteArrayInputStream(new byte[0]), "standard input"))
                .isInstanceOf(ArchiveFormatException.class).hasMessageContaining("empty input");
    }

    @Test
    void unsupportedVersions(@TempDir Path tmp) throws Exception {
        byte[] full = Files.readAllBytes(ArchiveTestSupport.sharedArchives().resolve("lo_test.Fc.dump"));
        Path p = tmp.resolve("v.dump");
        byte[] old = full.clone();
        old[6] = 11;
        Files.write(p, old);
        assertThat(tryRead(p).getMessage()).isEqualTo(p + ": unsupported archive version 1.11-0 (written by pg_dump"
                + " older than 9.0); pgbarge reads archive versions 1.12 to 1.16 (pg_dump 9.0 to 18)");
        byte[] newer = full.clone();
        newer[6] = 17;
        Files.write(p, newer);
        assertThat(tryRead(p).getMessage()).contains("unsupported archive version 1.17-0 (written by a pg_dump newer");
    }

    @Test
    void gzipDirectoryFilesAreRealGzip() throws Exception {
        Path gz = ArchiveTestSupport.sharedArchives().resolve("lo_test.Fd/3340.dat.gz");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).endsWith("\\.\n\n\n");
        } catch (IOException e) {
            fail("not gzip", e);
        }
    }
}
