package io.pgbarge.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A statement that sets a run-time parameter, as plain dumps contain them: {@code SET name = value},
 * {@code SET LOCAL …}, {@code SET name TO DEFAULT}, {@code RESET name}, {@code SET TIME ZONE …},
 * {@code SET NAMES …}, {@code SET SCHEMA …}, and {@code SELECT pg_catalog.set_config('name', 'value', false)}.
 *
 * <p>With {@link #supportedBy(int)} a restore can drop the settings that an older target does not know,
 * e.g. {@code SET transaction_timeout = 0} (pg_dump 17) on a PostgreSQL 16 server.
 *
 * @param name         the parameter, in lower case ({@code timezone} for SET TIME ZONE,
 *                     {@code client_encoding} for SET NAMES, {@code search_path} for SET SCHEMA,
 *                     {@code all} for RESET ALL)
 * @param value        the value as the server would receive it (quotes removed, list items joined with
 *                     {@code ", "}), or null for DEFAULT / RESET
 * @param local        SET LOCAL, or set_config(…, true)
 * @param viaSetConfig whether it was written as a {@code set_config} call
 */
public record SetCommand(String name, String value, boolean local, boolean viaSetConfig) {

    /** Whether this resets the parameter to its default (SET … TO DEFAULT, RESET). */
    public boolean isDefault() {
        return value == null;
    }

    /** The value read as a PostgreSQL boolean (on/off, true/false, yes/no, 1/0), when it is one. */
    public Optional<Boolean> booleanValue() {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "on", "true", "yes", "1", "t", "y" -> Optional.of(true);
            case "off", "false", "no", "0", "f", "n" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /**
     * Whether a server of that major version knows the parameter (see {@link ServerParameters}). Custom
     * parameters ({@code app.setting}) and parameters this class has no record of count as known.
     */
    public boolean supportedBy(int serverMajor) {
        return ServerParameters.knownTo(name, serverMajor);
    }

    /** The setting of a statement, or empty when the statement is not one of the forms above. */
    public static Optional<SetCommand> parse(String sql) {
        SqlTokenizer t = new SqlTokenizer(sql);
        SqlToken first = t.next();
        if (first == null) {
            return Optional.empty();
        }
        if (first.is("set")) {
            return parseSet(t);
        }
        if (first.is("reset")) {
            return parseReset(t);
        }
        if (first.is("select")) {
            return parseSetConfig(t);
        }
        return Optional.empty();
    }

    private static Optional<SetCommand> parseSet(SqlTokenizer t) {
        boolean local = false;
        if (t.accept("local")) {
            local = true;
        } else if (t.peek() != null && t.peek().is("session") && t.peek(1) != null
                && !t.peek(1).is("authorization") && !t.peek(1).is("characteristics")) {
            t.next();
        }
        SqlToken a = t.next();
        if (a == null || !a.isName()) {
            return Optional.empty();
        }
        String name;
        if (a.is("time") && t.accept("zone")) {
            name = "timezone";
        } else if (a.is("names")) {
            name = "client_encoding";
        } else if (a.is("schema")) {
            name = "search_path";
        } else if (a.is("xml") && t.accept("option")) {
            name = "xmloption";
        } else if (a.is("session") && t.accept("authorization")) {
            name = "session_authorization";
        } else if (a.is("transaction") || a.is("constraints") || a.is("session")) {
            return Optional.empty(); // SET TRANSACTION …, SET CONSTRAINTS …, SET SESSION CHARACTERISTICS …
        } else {
            StringBuilder n = new StringBuilder(a.type() == SqlToken.Type.WORD ? a.value() : a.value());
            while (t.peek() != null && t.peek().isSymbol('.') && t.peek(1) != null && t.peek(1).isName()) {
                t.next();
                n.append('.').append(t.next().value());
            }
            name = n.toString();
            if (!t.accept('=') && !t.accept("to")) {
                if (t.peek() != null && t.peek().is("from")) {
                    return Optional.of(new SetCommand(name, null, local, false)); // FROM CURRENT
                }
                return Optional.empty();
            }
        }
        if (t.peek() != null && t.peek().is("default") && (t.peek(1) == null || t.peek(1).isSymbol(';'))) {
            return Optional.of(new SetCommand(name, null, local, false));
        }
        if (name.equals("timezone") && t.peek() != null && t.peek().is("local")) {
            return Optional.of(new SetCommand(name, null, local, false));
        }
        List<String> items = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        for (SqlToken tok = t.next(); tok != null && !tok.isSymbol(';'); tok = t.next()) {
            if (tok.isSymbol(',')) {
                items.add(item.toString());
                item.setLength(0);
                continue;
            }
            switch (tok.type()) {
                case STRING, DOLLAR_STRING -> item.append(tok.value());
                case WORD -> item.append(tok.value());
                default -> item.append(tok.text());
            }
        }
        items.add(item.toString());
        return Optional.of(new SetCommand(name, String.join(", ", items), local, false));
    }

    private static Optional<SetCommand> parseReset(SqlTokenizer t) {
        SqlToken a = t.next();
        if (a == null || !a.isName()) {
            return Optional.empty();
        }
        String name;
        if (a.is("time") && t.accept("zone")) {
            name = "timezone";
        } else if (a.is("session") && t.accept("authorization")) {
            name = "session_authorization";
        } else {
            StringBuilder n = new StringBuilder(a.value());
            while (t.peek() != null && t.peek().isSymbol('.') && t.peek(1) != null && t.peek(1).isName()) {
                t.next();
                n.append('.').append(t.next().value());
            }
            name = n.toString();
        }
        return Optional.of(new SetCommand(name, null, false, false));
    }

    private static Optional<SetCommand> parseSetConfig(SqlTokenizer t) {
        if (t.peek() != null && t.peek().is("pg_catalog") && t.peek(1) != null && t.peek(1).isSymbol('.')) {
            t.next();
            t.next();
        }
        if (!t.accept("set_config") || !t.accept('(')) {
            return Optional.empty();
        }
        SqlToken name = t.next();
        if (name == null || name.type() != SqlToken.Type.STRING || !t.accept(',')) {
            return Optional.empty();
        }
        SqlToken value = t.next();
        if (value == null || (value.type() != SqlToken.Type.STRING && !value.is("null")) || !t.accept(',')) {
            return Optional.empty();
        }
        SqlToken local = t.next();
        if (local == null || !(local.is("true") || local.is("false")) || !t.accept(')')) {
            return Optional.empty();
        }
        SqlToken end = t.next();
        if (end != null && !(end.isSymbol(';') && t.next() == null)) {
            return Optional.empty();
        }
        return Optional.of(new SetCommand(SqlTokenizer.lower(name.value()),
                value.type() == SqlToken.Type.STRING ? value.value() : null, local.is("true"), true));
    }
}
