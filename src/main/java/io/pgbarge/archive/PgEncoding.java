package io.pgbarge.archive;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import io.pgbarge.encoding.PgEncodings;

/**
 * The Java charset for a PostgreSQL encoding name, used to decode the TOC's strings (pg_dump sets
 * client_encoding to the database's encoding and records it in the ENCODING entry). SQL_ASCII and
 * anything unknown decode as ISO-8859-1, which keeps every byte.
 */
final class PgEncoding {
    private PgEncoding() {
    }

    static Charset charset(String pgName) {
        if (pgName == null) {
            return StandardCharsets.UTF_8;
        }
        return PgEncodings.charset(pgName).orElse(StandardCharsets.ISO_8859_1);
    }

    /** The encoding named in an ENCODING entry's defn: {@code SET client_encoding = 'UTF8';}. */
    static String fromEncodingDefn(String defn) {
        if (defn == null) {
            return null;
        }
        int a = defn.indexOf('\'');
        int b = a < 0 ? -1 : defn.indexOf('\'', a + 1);
        return b > a ? defn.substring(a + 1, b) : null;
    }
}
