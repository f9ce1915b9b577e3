package io.pgbarge.ddl;

import io.pgbarge.catalog.ForeignDataWrapper;
import io.pgbarge.catalog.ForeignServer;
import io.pgbarge.catalog.UserMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Foreign-data wrappers, foreign servers and user mappings, with owners, comments and grants; and
 * the OPTIONS (…) clause they share with foreign tables and their columns.
 */
public final class ForeignDataDdl {
    private ForeignDataDdl() {
    }

    static String wrapperKey(long oid) {
        return Keys.of("pg_foreign_data_wrapper", oid);
    }

    static String serverKey(long oid) {
        return Keys.of("pg_foreign_server", oid);
    }

    /**
     * {@code OPTIONS (host 'db', "Port" '5432')} from {@code name=value} items, in their stored order
     * (the first '=' ends the name; values may hold more); empty when there are none.
     */
    public static String options(List<String> options) {
        if (options.isEmpty()) {
            return "";
        }
        return "OPTIONS (" + options.stream().map(o -> {
            int eq = o.indexOf('=');
            return eq < 0 ? Sql.ident(o) : Sql.ident(o.substring(0, eq)) + " " + Sql.literal(o.substring(eq + 1));
        }).collect(Collectors.joining(", ")) + ")";
    }

    /** CREATE FOREIGN DATA WRAPPER needs a superuser, and so does owning one: managed targets refuse both. */
    static List<Statement> wrapper(ForeignDataWrapper w) {
        String ident = Sql.ident(w.name());
        String key = wrapperKey(w.oid());
        StringBuilder sql = new StringBuilder("CREATE FOREIGN DATA WRAPPER ").append(ident);
        if (w.handler() != null) {
            sql.append(" HANDLER ").append(w.handler());
        }
        if (w.validator() != null) {
            sql.append(" VALIDATOR ").append(w.validator());
        }
        appendOptions(sql, w.options());
        List<Statement> out = new ArrayList<>();
        out.add(new Statement("FOREIGN DATA WRAPPER", ident, Section.PRE_DATA, sql.toString(), Set.of(key), Set.of(),
                Set.of(), new Statement.Created("FOREIGN DATA WRAPPER", ident,
                "(SELECT oid FROM pg_catalog.pg_foreign_data_wrapper WHERE fdwname = " + Sql.literal(w.name()) + ")")));
        out.addAll(Decorations.all("FOREIGN DATA WRAPPER", ident, w.owner(), w.comment(), w.acl(), w.defaultAcl(),
                "FOREIGN DATA WRAPPER", key));
        return out;
    }

    /** The wrapper may be an extension's: pg_depend orders the server after CREATE EXTENSION, which provides it. */
    static List<Statement> server(ForeignServer s) {
        String ident = Sql.ident(s.name());
        String key = serverKey(s.oid());
        StringBuilder sql = new StringBuilder("CREATE SERVER ").append(ident);
        if (s.type() != null) {
            sql.append(" TYPE ").append(Sql.literal(s.type()));
        }
        if (s.version() != null) {
            sql.append(" VERSION ").append(Sql.literal(s.version()));
        }
        sql.append(" FOREIGN DATA WRAPPER ").append(Sql.ident(s.wrapper()));
        appendOptions(sql, s.options());
        List<Statement> out = new ArrayList<>();
        out.add(new Statement("SERVER", ident, Section.PRE_DATA, sql.toString(), Set.of(key), Set.of(), Set.of(),
                new Statement.Created("SERVER", ident,
                        "(SELECT oid FROM pg_catalog.pg_foreign_server WHERE srvname = " + Sql.literal(s.name()) + ")")));
        out.addAll(Decorations.all("SERVER", ident, s.owner(), s.comment(), s.acl(), s.defaultAcl(), "FOREIGN SERVER", key));
        return out;
    }

    /**
     * The statement's name is what notes show, so it holds the role and server and never the options,
     * which may hold a password. No {@code creates}: DROP USER MAPPING has no CASCADE, and dropping the
     * server (--clean) drops its mappings.
     */
    static Statement userMapping(UserMapping m) {
        String who = m.user() == null ? "PUBLIC" : Sql.ident(m.user());
        String name = "FOR " + who + " SERVER " + Sql.ident(m.server());
        StringBuilder sql = new StringBuilder("CREATE USER MAPPING ").append(name);
        appendOptions(sql, m.options());
        return new Statement("USER MAPPING", name, Section.PRE_DATA, sql.toString(),
                Set.of(Keys.of("pg_user_mapping", m.oid())), Set.of(serverKey(m.serverOid())),
                m.user() == null ? Set.of() : Set.of(m.user()), null);
    }

    private static void appendOptions(StringBuilder sql, List<String> options) {
        if (!options.isEmpty()) {
            sql.append(' ').append(options(options));
        }
    }
}
