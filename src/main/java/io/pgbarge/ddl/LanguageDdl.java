package io.pgbarge.ddl;

import io.pgbarge.catalog.ObjectHeader;
import io.pgbarge.catalog.ProceduralLanguage;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * CREATE [TRUSTED] LANGUAGE for languages not made by an extension, with owner, comment and grants
 * (a language's default privileges give USAGE to PUBLIC). Only a superuser can run it.
 */
public final class LanguageDdl {
    private LanguageDdl() {
    }

    public static List<Statement> statements(ProceduralLanguage l, DdlContext ctx) {
        ObjectHeader h = l.header();
        String name = Sql.ident(h.name());
        String key = Keys.of("pg_language", h.oid());
        StringBuilder sql = new StringBuilder("CREATE " + (l.trusted() ? "TRUSTED " : "") + "PROCEDURAL LANGUAGE "
                + name + " HANDLER " + l.handler());
        if (l.inline() != null) {
            sql.append(" INLINE ").append(l.inline());
        }
        if (l.validator() != null) {
            sql.append(" VALIDATOR ").append(l.validator());
        }
        List<Statement> out = new ArrayList<>();
        out.add(TypeSystemObjectsDdl.create("LANGUAGE", name, sql.toString(), Set.of(key),
                TypeSystemObjectsDdl.keys("pg_proc", l.handlerOid(), l.inlineOid(), l.validatorOid()),
                "SELECT o.oid FROM pg_catalog.pg_language o WHERE o.lanname = " + Sql.literal(h.name())));
        out.addAll(Decorations.all("LANGUAGE", name, h.owner(), h.comment(), h.acl(), h.defaultAcl(), "LANGUAGE", key));
        return out;
    }
}
