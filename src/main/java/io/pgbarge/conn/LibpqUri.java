package io.pgbarge.conn;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a libpq connection URI,
 * {@code postgresql://[user[:password]@][host][:port][,...][/dbname][?name=value[&...]]}, into
 * keywords, as libpq's conninfo_uri_parse does. Two leniencies, both for strings libpq would
 * refuse: a user or password holding an unencoded '@' (the last '@' before the host part ends
 * the user info), and a query value holding an unencoded '=' (Neon's {@code options=endpoint=x}).
 */
final class LibpqUri {
    private LibpqUri() {
    }

    /** Whether text starts with a scheme libpq reads as a URI. */
    static boolean isUri(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("postgresql://") || lower.startsWith("postgres://");
    }

    static void parse(String text, Settings into) {
        String context = into.context();
        List<int[]> secrets = Redactor.secretSpans(text);
        int pos = text.indexOf("://") + 3;

        int slash = indexOf(text, '/', pos);
        int at = text.indexOf('@', pos);
        if (at >= 0 && at < slash) {
            // a user or password with an unencoded '@' leaves another '@' before the host part ends
            while (true) {
                int hostEnd = indexOfAny(text, at + 1, "/?");
                int next = text.indexOf('@', at + 1);
                if (next < 0 || next >= hostEnd) {
                    break;
                }
                at = next;
            }
            readUserInfo(text.substring(pos, at), into, context);
            pos = at + 1;
        } else if (at >= 0 && at < indexOf(text, '?', slash) && Redactor.overlapsSecret(secrets, pos, at)) {
            // "user:pa/ss@host": libpq stops at the '/', so the password would be read as a port.
            throw new ConnectionStringException("cannot tell the user name from the host in " + context
                    + ": percent-encode '/' in the user name or password as %2F, and any other '@' as %40");
        }

        int hostEnd = indexOfAny(text, pos, "/?");
        readHosts(text, pos, hostEnd, secrets, into);
        pos = hostEnd;

        if (pos < text.length() && text.charAt(pos) == '/') {
            int dbEnd = indexOf(text, '?', pos + 1);
            boolean hidden = Redactor.overlapsSecret(secrets, pos + 1, dbEnd);
            String dbname = PercentDecoding.decode(text.substring(pos + 1, dbEnd), "dbname", hidden, context);
            if (!dbname.isEmpty()) {
                into.put("dbname", dbname, hidden);
            }
            pos = dbEnd;
        }
        if (pos < text.length() && text.charAt(pos) == '?') {
            readQuery(text, pos + 1, secrets, into);
        }
    }

    private static void readUserInfo(String userInfo, Settings into, String context) {
        int colon = userInfo.indexOf(':');
        String user = PercentDecoding.decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user",
                false, context);
        if (!user.isEmpty()) {
            into.put("user", user);
        }
        if (colon >= 0) {
            String password = PercentDecoding.decode(userInfo.substring(colon + 1), "password", true, context);
            if (!password.isEmpty()) {
                into.put("password", password);
            }
        }
    }

    /** host[:port] or [ipv6][:port], comma-separated; an empty list leaves host and port unset. */
    private static void readHosts(String text, int start, int end, List<int[]> secrets, Settings into) {
        String context = into.context();
        List<String> hosts = new ArrayList<>();
        List<String> ports = new ArrayList<>();
        boolean hidden = Redactor.overlapsSecret(secrets, start, end);
        int partStart = start;
        while (partStart <= end) {
            int partEnd = indexOf(text, ',', partStart);
            partEnd = Math.min(partEnd, end);
            String part = text.substring(partStart, partEnd);
            String host;
            String port;
            if (part.startsWith("[")) {
                int close = part.indexOf(']');
                if (close < 0) {
                    throw new ConnectionStringException("missing \"]\" after IPv6 host address \""
                            + part + "\" in " + context);
                }
                host = part.substring(1, close);
                if (host.isEmpty()) {
                    throw new ConnectionStringException("empty IPv6 host address \"[]\" in " + context);
                }
                String after = part.substring(close + 1);
                if (!after.isEmpty() && !after.startsWith(":")) {
                    throw new ConnectionStringException("unexpected \"" + after
                            + "\" after IPv6 host address \"[" + host + "]\" in " + context);
                }
                port = after.isEmpty() ? "" : after.substring(1);
            } else {
                int colon = part.indexOf(':');
                host = colon < 0 ? part : part.substring(0, colon);
                port = colon < 0 ? "" : part.substring(colon + 1);
            }
            hosts.add(PercentDecoding.decode(host, "host", hidden, context));
            ports.add(PercentDecoding.decode(port, "port", hidden, context));
            partStart = partEnd + 1;
        }
        if (hosts.size() > 1 || !hosts.get(0).isEmpty()) {
            into.put("host", String.join(",", hosts), hidden);
        }
        if (ports.size() > 1 || !ports.get(0).isEmpty()) {
            into.put("port", String.join(",", ports), hidden);
        }
    }

    private static void readQuery(String text, int start, List<int[]> secrets, Settings into) {
        String context = into.context();
        int pos = start;
        while (pos <= text.length()) {
            int end = indexOf(text, '&', pos);
            String param = text.substring(pos, end);
            if (!param.isEmpty()) {
                int eq = param.indexOf('=');
                boolean hidden = Redactor.overlapsSecret(secrets, pos, end);
                if (eq < 0) {
                    throw new ConnectionStringException("missing \"=\" in URI query parameter "
                            + (hidden ? "" : "\"" + param + "\" ") + "in " + context);
                }
                String name = PercentDecoding.decode(param.substring(0, eq), "query parameter name", hidden,
                        context);
                boolean secret = hidden || LibpqKeyword.byName(name) != null && LibpqKeyword.byName(name).isSecret();
                String value = PercentDecoding.decode(param.substring(eq + 1), "query parameter \"" + name + "\"",
                        secret, context);
                if (name.equals("ssl") && value.equals("true")) {
                    // libpq's own concession to JDBC habits
                    into.put("sslmode", "require");
                } else {
                    into.put(name, value, hidden);
                }
            }
            pos = end + 1;
        }
    }

    private static int indexOf(String s, char c, int from) {
        int i = s.indexOf(c, from);
        return i < 0 ? s.length() : i;
    }

    private static int indexOfAny(String s, int from, String chars) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }
}
