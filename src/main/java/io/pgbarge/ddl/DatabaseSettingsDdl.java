package io.pgbarge.ddl;

import io.pgbarge.catalog.DatabaseSettings;
import io.pgbarge.catalog.DatabaseSettings.Setting;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What pg_dump --create writes about the database itself, aimed at the TARGET database (whatever its
 * name): ALTER DATABASE … SET, ALTER ROLE … IN DATABASE … SET, COMMENT ON DATABASE and its GRANTs.
 * These statements need the target login to own the target database. Settings take effect in new
 * sessions only, so they do not change the copy's own sessions already open.
 *
 * <p>On a target where the login is not a superuser, settings only a superuser may make are left out
 * with a note: one refusal would roll back the whole schema. Whether the login may set another role's
 * defaults is decided after --role-map (copy/RoleSettings).
 */
public final class DatabaseSettingsDdl {
    /** Parameters whose value the server stores as a quoted list (guc.c's GUC_LIST_QUOTE), as dumputils.c lists them. */
    private static final Set<String> LIST_QUOTE = Set.of("local_preload_libraries", "search_path",
            "session_preload_libraries", "shared_preload_libraries", "temp_tablespaces", "unix_socket_directories");

    /** Not provided by any statement: the database exists before anything runs. */
    static final String DATABASE_KEY = "pg_database:target";

    private DatabaseSettingsDdl() {
    }

    public static List<Statement> statements(DatabaseSettings db, DdlContext ctx) {
        if (db == null || db.name() == null) {
            return List.of();
        }
        // a script for an unknown target database (pgbarge schema) names whichever database runs it
        boolean unnamed = ctx.target().database() == null;
        String target = unnamed ? CURRENT : Sql.ident(ctx.target().database());
        List<Statement> out = new ArrayList<>();
        for (Setting s : db.settings()) {
            if (leftOutBecause(s, ctx) != null) {
                continue;
            }
            if (s.role() == null) {
                out.add(new Statement("DATABASE PROPERTIES", target, Section.PRE_DATA,
                        "ALTER DATABASE " + target + " SET " + assignment(s), Set.of(), Set.of(), Set.of(), null));
            } else {
                out.add(new Statement("ROLE SETTING", Sql.ident(s.role()) + " IN DATABASE " + target, Section.PRE_DATA,
                        "ALTER ROLE " + Sql.ident(s.role()) + " IN DATABASE " + target + " SET " + assignment(s),
                        Set.of(), Set.of(), Set.of(s.role()), null));
            }
        }
        out.addAll(Decorations.comment("DATABASE", target, db.comment(), DATABASE_KEY));
        out.addAll(Acl.statements("DATABASE", target, null, db.acl(), db.defaultAcl(), DATABASE_KEY));
        return unnamed ? out.stream().map(DatabaseSettingsDdl::onCurrentDatabase).toList() : out;
    }

    private static final String CURRENT = "\u0000current_database\u0000";

    /** The statement run through format(…, current_database()), so that it applies to the database it runs in. */
    private static Statement onCurrentDatabase(Statement s) {
        String template = s.sql().replace("%", "%%").replace(CURRENT, "%I");
        String sql = "DO $pgbarge$ BEGIN EXECUTE pg_catalog.format(" + Sql.literal(template)
                + ", pg_catalog.current_database()); END $pgbarge$";
        return new Statement(s.kind(), s.name().replace(CURRENT, "current database"), s.section(), sql,
                s.provides(), s.requires(), s.roles(), s.creates());
    }

    public static List<String> notes(DatabaseSettings db, DdlContext ctx) {
        List<String> notes = new ArrayList<>();
        if (db == null) {
            return notes;
        }
        for (Setting s : db.settings()) {
            String why = leftOutBecause(s, ctx);
            if (why != null) {
                String whose = s.role() == null ? "database setting " : "setting for role " + s.role() + " in the database: ";
                notes.add(whose + s.name() + " = " + s.value() + " left out: " + why);
            }
        }
        return notes;
    }

    private static String leftOutBecause(Setting s, DdlContext ctx) {
        if (ctx.target().superuser()) {
            return null;
        }
        if (s.superuserOnly()) {
            return "only a superuser (or a role granted SET on the parameter) may set it on the target";
        }
        return null;
    }

    /**
     * {@code name TO value}, quoted as pg_dump's makeAlterConfigCommand does: a list parameter's
     * stored value is split into its elements, each quoted as a literal (an element may be empty or
     * longer than an identifier may be, so it cannot be passed on as the server quoted it); any other
     * value is one literal.
     */
    static String assignment(Setting s) {
        String head = Sql.ident(s.name()) + " TO ";
        if (!LIST_QUOTE.contains(s.name().toLowerCase(Locale.ROOT))) {
            return head + Sql.literal(s.value());
        }
        List<String> items = GucList.split(s.value());
        if (items == null) {
            return head + Sql.literal(s.value());
        }
        List<String> literals = new ArrayList<>();
        for (String item : items) {
            literals.add(Sql.literal(item));
        }
        // an empty list (never stored by the server, which keeps "" for it) would be invalid SQL
        return head + (literals.isEmpty() ? "''" : String.join(", ", literals));
    }
}
