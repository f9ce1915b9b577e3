package io.pgbarge.conn;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * libpq's URI decoding: only %XX sequences, decoded as UTF-8 bytes; '+' stays '+', and %00 is
 * refused because libpq's strings end at a NUL.
 */
final class PercentDecoding {
    private PercentDecoding() {
    }

    /**
     * @param what   the component, for messages ("user", "host", "dbname", "query parameter x")
     * @param secret never quote the bad sequence (it is part of a password)
     */
    static String decode(String s, String what, boolean secret, String context) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c != '%') {
                int cp = s.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
                continue;
            }
            int hi = i + 1 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (hi < 0 || lo < 0) {
                String token = s.substring(i, Math.min(i + 3, s.length()));
                throw new ConnectionStringException("invalid percent-encoding "
                        + (secret ? "" : "\"" + token + "\" ") + "in " + what + " in " + context);
            }
            if (hi == 0 && lo == 0) {
                throw new ConnectionStringException("forbidden %00 in " + what + " in " + context);
            }
            bytes.write(hi * 16 + lo);
            i += 3;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Percent-encodes everything but RFC 3986's unreserved characters, for display URIs. */
    static String encode(String s) {
        return encode(s, "");
    }

    /** As {@link #encode(String)}, but keeps '/', ':', '@' and ',', which a query value may hold. */
    static String encodeQueryValue(String s) {
        return encode(s, "/:@,");
    }

    private static String encode(String s, String alsoKept) {
        StringBuilder out = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || alsoKept.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
