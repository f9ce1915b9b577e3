package io.pgbarge.script;

import java.util.List;
import java.util.Optional;

/**
 * A psql backslash command of a script, e.g. {@code \connect}, {@code \restrict KEY},
 * {@code \set ON_ERROR_STOP on}, {@code \encoding LATIN1}.
 *
 * <p>Arguments are split and unquoted the way psql does it: {@code '…'} is a literal with {@code ''} and
 * backslash escapes ({@code \n}, {@code \t}, octal, hex); {@code "…"} is kept with its quotes, except for
 * {@code \connect}/{@code \c}, whose arguments are identifiers: there the double quotes are removed
 * (and {@code ""} becomes {@code "}), the case is kept. Backquoted text is kept as written and never run.
 * Unquoted trailing semicolons are dropped from the arguments of {@code \connect}, {@code \c},
 * {@code \encoding}, {@code \restrict} and {@code &#92;unrestrict}, as psql does.
 *
 * @param name the command without its backslash: {@code connect}, {@code c}, {@code restrict}, …
 * @param args its arguments
 * @param line the 1-based line where it is
 */
public record MetaCommand(String name, List<String> args, long line) implements ScriptItem {

    public MetaCommand {
        args = List.copyOf(args);
    }

    /** Whether this is {@code \connect} or {@code \c}. */
    public boolean isConnect() {
        return name.equals("c") || name.equals("connect");
    }

    /**
     * The database a {@code \connect} switches to: its first argument (after any
     * {@code -reuse-previous=…}), or the {@code dbname} of a connection string
     * ({@code dbname='my db'}, as pg_dump writes names that are not plain ASCII words). Empty when this is
     * not a {@code \connect}, when it names no database, or when it is {@code -} ("the same database").
     */
    public Optional<String> connectDatabase() {
        if (!isConnect()) {
            return Optional.empty();
        }
        for (String a : args) {
            if (a.startsWith("-reuse-previous")) {
                continue;
            }
            if (a.equals("-") || a.isEmpty()) {
                return Optional.empty();
            }
            if (a.startsWith("postgresql://") || a.startsWith("postgres://")) {
                int slash = a.indexOf('/', a.indexOf("//") + 2);
                if (slash < 0) {
                    return Optional.empty();
                }
                String rest = a.substring(slash + 1);
                int q = rest.indexOf('?');
                rest = q < 0 ? rest : rest.substring(0, q);
                return rest.isEmpty() ? Optional.empty()
                        : Optional.of(java.net.URLDecoder.decode(rest, java.nio.charset.StandardCharsets.UTF_8));
            }
            if (a.indexOf('=') >= 0) {
                return connInfoValue(a, "dbname");
            }
            return Optional.of(a);
        }
        return Optional.empty();
    }

    /** A value of a libpq key=value connection string ({@code key = 'quoted \' value'}). */
    static Optional<String> connInfoValue(String connInfo, String wanted) {
        int i = 0;
        int n = connInfo.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(connInfo.charAt(i))) {
                i++;
            }
            int keyStart = i;
            while (i < n && connInfo.charAt(i) != '=' && !Character.isWhitespace(connInfo.charAt(i))) {
                i++;
            }
            String key = connInfo.substring(keyStart, i);
            while (i < n && Character.isWhitespace(connInfo.charAt(i))) {
                i++;
            }
            if (i >= n || connInfo.charAt(i) != '=') {
                return Optional.empty();
            }
            i++;
            while (i < n && Character.isWhitespace(connInfo.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && connInfo.charAt(i) == '\'') {
                i++;
                while (i < n && connInfo.charAt(i) != '\'') {
                    char c = connInfo.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        i++;
                        c = connInfo.charAt(i);
                    }
                    value.append(c);
                    i++;
                }
                i++;
            } else {
                while (i < n && !Character.isWhitespace(connInfo.charAt(i))) {
                    char c = connInfo.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        i++;
                        c = connInfo.charAt(i);
                    }
                    value.append(c);
                    i++;
                }
            }
            if (key.equals(wanted)) {
                return Optional.of(value.toString());
            }
        }
        return Optional.empty();
    }

    /** The command as it could be written again, for messages: {@code \connect -reuse-previous=on …}. */
    @Override
    public String toString() {
        return "\\" + name + (args.isEmpty() ? "" : " " + String.join(" ", args));
    }
}
