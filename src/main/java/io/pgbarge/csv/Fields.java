package io.pgbarge.csv;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of one record, as COPY's CSV format reads them: quoted sections may appear anywhere in
 * a field, a doubled quote (or escape + quote) inside quotes is a literal quote, and a field is NULL
 * when it is unquoted and equal to the NULL string. Used for the header and for type inference only:
 * the rows themselves are parsed by the server.
 */
final class Fields {
    private Fields() {
    }

    /** One value: its text, or null for SQL NULL. */
    static List<String> split(byte[] rec, int length, CsvFormat f, Charset cs) {
        List<String> out = new ArrayList<>();
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        boolean quoted = false;
        boolean inQuote = false;
        byte q = f.quote();
        byte e = f.escape();
        byte d = f.delimiter();
        for (int i = 0; i < length; i++) {
            byte c = rec[i];
            if (inQuote) {
                if (e != q && c == e && i + 1 < length && (rec[i + 1] == q || rec[i + 1] == e)) {
                    value.write(rec[++i]);
                } else if (c == q) {
                    if (e == q && i + 1 < length && rec[i + 1] == q) {
                        value.write(q);
                        i++;
                    } else {
                        inQuote = false;
                    }
                } else {
                    value.write(c);
                }
            } else if (c == d) {
                out.add(value(value, quoted, f, cs));
                value.reset();
                quoted = false;
            } else if (c == q) {
                inQuote = true;
                quoted = true;
            } else {
                value.write(c);
            }
        }
        out.add(value(value, quoted, f, cs));
        return out;
    }

    private static String value(ByteArrayOutputStream b, boolean quoted, CsvFormat f, Charset cs) {
        String s = b.toString(cs);
        return !quoted && s.equals(f.nullString()) ? null : s;
    }
}
