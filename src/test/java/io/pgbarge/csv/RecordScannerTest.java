package io.pgbarge.csv;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Record boundaries, field counts and line numbers, as COPY's CSV reader sees them. */
class RecordScannerTest {

    record Rec(String text, int fields, long line, boolean open) {
    }

    private static List<Rec> scan(String input, CsvFormat f, int chunk) throws IOException {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        // a stream that returns at most `chunk` bytes per read: boundaries fall everywhere
        InputStream in = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
        RecordScanner s = new RecordScanner(in, f);
        List<Rec> out = new ArrayList<>();
        while (s.next()) {
            out.add(new Rec(new String(s.record, 0, s.length, StandardCharsets.UTF_8), s.fields, s.line, s.unterminatedQuote));
        }
        return out;
    }

    @Test
    void quotedNewlinesAndDelimitersStayInsideTheirRecord() throws IOException {
        String in = "a,b\r\n1,\"x,\r\ny\"\r\n2,\"say \"\"hi\"\"\"\n3,\"\"\r4,last";
        for (int chunk : new int[] {1, 2, 3, 7, 1000}) {
            assertThat(scan(in, CsvFormat.csv(), chunk)).as("chunk " + chunk).containsExactly(
                    new Rec("a,b", 2, 1, false),
                    new Rec("1,\"x,\r\ny\"", 2, 2, false),
                    new Rec("2,\"say \"\"hi\"\"\"", 2, 4, false),
                    new Rec("3,\"\"", 2, 5, false),
                    new Rec("4,last", 2, 6, false));
        }
    }

    @Test
    void escapeOtherThanQuoteProtectsTheQuote() throws IOException {
        CsvFormat f = CsvFormat.of(null, null, "\\", null, true, null, false);
        assertThat(scan("1,\"a\\\",b\"\n2,x\n", f, 1)).containsExactly(
                new Rec("1,\"a\\\",b\"", 2, 1, false), new Rec("2,x", 2, 2, false));
    }

    @Test
    void anUnclosedQuoteRunsToTheEnd() throws IOException {
        assertThat(scan("1,ok\n2,\"open\n3,x\n", CsvFormat.csv(), 4)).containsExactly(
                new Rec("1,ok", 2, 1, false), new Rec("2,\"open\n3,x\n", 2, 2, true));
    }

    @Test
    void raggedRowsShowTheirFieldCount() throws IOException {
        assertThat(scan("1,2,3\n4\n\n5,6", CsvFormat.csv(), 1000)).extracting(Rec::fields).containsExactly(3, 1, 1, 2);
    }

    @Test
    void fieldsTellNullFromEmptyString() {
        byte[] rec = "1,,\"\",\"a,\"\"b\",N".getBytes(StandardCharsets.UTF_8);
        assertThat(Fields.split(rec, rec.length, CsvFormat.csv(), StandardCharsets.UTF_8))
                .containsExactly("1", null, "", "a,\"b", "N");
        CsvFormat nulls = CsvFormat.of(null, null, null, "N", true, null, false);
        assertThat(Fields.split(rec, rec.length, nulls, StandardCharsets.UTF_8))
                .containsExactly("1", "", "", "a,\"b", null);
    }
}
