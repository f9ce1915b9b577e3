package io.pgbarge.conn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

/**
 * A libpq password file (~/.pgpass): lines {@code hostname:port:database:username:password}, where a
 * field of just {@code *} matches anything, {@code \:} and {@code \\} stand for ':' and '\', lines
 * starting with '#' are comments, and the first matching line wins. As libpq, a file that group or
 * others may access is not read, with a warning.
 */
final class PasswordFile {
    /** What a lookup found: a password or null, and a warning for the user or null. */
    record Lookup(String password, String warning) {
    }

    private PasswordFile() {
    }

    /** @param host the host as the connection names it; libpq's "localhost" stands for a local socket */
    static Lookup find(Path file, String host, int port, String database, String user) {
        if (file == null || !Files.exists(file)) {
            return new Lookup(null, null);
        }
        if (!Files.isRegularFile(file)) {
            return new Lookup(null, "password file \"" + file + "\" is not a plain file");
        }
        String insecure = insecurity(file);
        if (insecure != null) {
            return new Lookup(null, insecure);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            return new Lookup(null, "could not read password file \"" + file + "\": " + e.getMessage());
        }
        String[] wanted = {host, Integer.toString(port), database, user};
        for (String line : lines) {
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String password = match(line, wanted);
            if (password != null) {
                return new Lookup(password.isEmpty() ? null : password, null);
            }
        }
        return new Lookup(null, null);
    }

    /** The password of line when its four fields match wanted, else null. */
    static String match(String line, String[] wanted) {
        int pos = 0;
        for (String token : wanted) {
            pos = matchField(line, pos, token);
            if (pos < 0) {
                return null;
            }
        }
        // The password runs to the end or to the next unescaped ':'; backslashes escape.
        StringBuilder password = new StringBuilder();
        for (int i = pos; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ':') {
                break;
            }
            if (c == '\\' && i + 1 < line.length()) {
                c = line.charAt(++i);
            }
            password.append(c);
        }
        return password.toString();
    }

    /** Matches one field starting at pos against token; returns the index after its ':', or -1. */
    private static int matchField(String line, int pos, String token) {
        if (line.startsWith("*:", pos)) {
            return pos + 2;
        }
        int t = 0;
        for (int i = pos; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean escaped = false;
            if (c == '\\' && i + 1 < line.length()) {
                c = line.charAt(++i);
                escaped = true;
            }
            if (c == ':' && !escaped) {
                return t == token.length() ? i + 1 : -1;
            }
            if (t >= token.length() || token.charAt(t) != c) {
                return -1;
            }
            t++;
        }
        return -1;
    }

    private static String insecurity(Path file) {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return null; // not a POSIX file system: libpq does not check on Windows either
        } catch (IOException e) {
            return "could not check the permissions of password file \"" + file + "\": " + e.getMessage();
        }
        for (PosixFilePermission p : perms) {
            if (p != PosixFilePermission.OWNER_READ && p != PosixFilePermission.OWNER_WRITE
                    && p != PosixFilePermission.OWNER_EXECUTE) {
                return "password file \"" + file + "\" has group or world access; permissions should be"
                        + " u=rw (0600) or less, so it was not read";
            }
        }
        return null;
    }
}
