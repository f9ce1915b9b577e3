package io.pgbarge.archive.write;

import io.pgbarge.archive.CompressionAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompressionSpecAndErrorsTest {

    @TempDir
    Path tmp;

    @Test
    void parsesPgDumpForms() {
        assertThat(CompressionSpec.parse("6")).isEqualTo(CompressionSpec.gzip(6));
        assertThat(CompressionSpec.parse("0")).isEqualTo(CompressionSpec.NONE);
        assertThat(CompressionSpec.parse("none")).isEqualTo(CompressionSpec.NONE);
        assertThat(CompressionSpec.parse("gzip")).isEqualTo(CompressionSpec.GZIP_DEFAULT);
        assertThat(CompressionSpec.parse("gzip:6").level()).isEqualTo(6);
        assertThat(CompressionSpec.parse("lz4:3")).isEqualTo(CompressionSpec.lz4(3));
        assertThat(CompressionSpec.parse("zstd:9")).isEqualTo(CompressionSpec.zstd(9));
        CompressionSpec z = CompressionSpec.parse("zstd:level=19,workers=2,long");
        assertThat(z.algorithm()).isEqualTo(CompressionAlgorithm.ZSTD);
        assertThat(z.level()).isEqualTo(19);
        assertThat(z.workers()).isEqualTo(2);
        assertThat(z.longMode()).isTrue();
        assertThat(z.toString()).isEqualTo("zstd:level=19,workers=2,long");
        assertThat(CompressionSpec.parse("lz4:3").toString()).isEqualTo("lz4:3");
    }

    @Test
    void rejectsBadValues() {
        assertThatThrownBy(() -> CompressionSpec.parse("10")).hasMessageContaining("\"10\"").hasMessageContaining("between 0 and 9");
        assertThatThrownBy(() -> CompressionSpec.parse("brotli")).hasMessageContaining("unknown compression algorithm \"brotli\"");
        assertThatThrownBy(() -> CompressionSpec.parse("gzip:12")).hasMessageContaining("between 1 and 9");
        assertThatThrownBy(() -> CompressionSpec.parse("lz4:13")).hasMessageContaining("between 1 and 12");
        assertThatThrownBy(() -> CompressionSpec.parse("none:5")).hasMessageContaining("does not accept a compression level");
        assertThatThrownBy(() -> CompressionSpec.parse("gzip:workers=2")).hasMessageContaining("worker");
        assertThatThrownBy(() -> CompressionSpec.parse("zstd:speed=3")).hasMessageContaining("unrecognized compression option \"speed\"");
        assertThatThrownBy(() -> CompressionSpec.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> WriterFixtures.options(CompressionSpec.lz4(1)).withVersion(io.pgbarge.archive.ArchiveVersion.V1_14))
                .hasMessageContaining("1.15");
    }

    @Test
    void unwritablePathIsNamed() {
        Path p = tmp.resolve("no/such/dir/a.dump");
        assertThatThrownBy(() -> CustomArchiveWriter.create(p, WriterFixtures.options(CompressionSpec.NONE)))
                .isInstanceOf(ArchiveWriteException.class).hasMessageContaining(p.toString());
    }

    @Test
    void missingDataIsAnErrorNamingTheEntry() throws Exception {
        Path p = tmp.resolve("a.dump");
        CustomArchiveWriter w = CustomArchiveWriter.create(p, WriterFixtures.options(CompressionSpec.NONE));
        w.addEntries(WriterFixtures.entries());
        w.writeData(WriterFixtures.TABLE_DATA_ID, out -> out.write(WriterFixtures.tableData()));
        assertThatThrownBy(w::close).isInstanceOf(ArchiveWriteException.class)
                .hasMessageContaining("3020 BLOBS BLOBS").hasMessageContaining("never written");
        assertThat(p).doesNotExist();
    }

    @Test
    void failedEntryCanBeRewritten() throws Exception {
        Path p = tmp.resolve("a.tar");
        TarArchiveWriter w = TarArchiveWriter.create(p, WriterFixtures.options(CompressionSpec.NONE));
        w.addEntries(WriterFixtures.entries());
        assertThatThrownBy(() -> w.writeData(WriterFixtures.TABLE_DATA_ID, out -> {
            out.write("half a row".getBytes());
            throw new java.io.IOException("source connection lost");
        })).hasMessageContaining("source connection lost");
        WriterFixtures.write(new DelegatingNoAdd(w));
        assertThat(Files.size(p) % 512).isZero();
    }

    /** Skips addEntries (already done) so WriterFixtures.write can be reused. */
    private record DelegatingNoAdd(ArchiveWriter w) implements ArchiveWriter {
        public Path path() { return w.path(); }
        public ArchiveWriteOptions options() { return w.options(); }
        public void addEntry(io.pgbarge.archive.TocEntry e) { }
        public java.util.List<io.pgbarge.archive.TocEntry> entries() { return w.entries(); }
        public EntryOutputStream openData(int id) throws java.io.IOException { return w.openData(id); }
        public LargeObjectOutput openLargeObjects(int id) throws java.io.IOException { return w.openLargeObjects(id); }
        public void close() throws java.io.IOException { w.close(); }
        public void abort() { w.abort(); }
    }
}
