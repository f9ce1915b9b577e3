package io.pgbarge.ddl;

import io.pgbarge.catalog.Collation;
import io.pgbarge.catalog.ObjectHeader;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * CREATE COLLATION with pg_dump's options. The version is left for the target's library to set:
 * copying the source's would only make the target warn about a mismatch that is not there.
 */
public final class CollationDdl {
    private CollationDdl() {
    }

    public static List<Statement> statements(Collation c, DdlContext ctx) {
        ObjectHeader h = c.header();
        String q = Sql.qualified(h.schema(), h.name());
        String key = Keys.of("pg_collation", h.oid());
        List<String> opts = new ArrayList<>();
        opts.add("provider = " + provider(c.provider()));
        if (!c.deterministic()) {
            opts.add("deterministic = false");
        }
        if (c.provider() == 'c') {
            if (c.collate() != null && c.collate().equals(c.ctype())) {
                opts.add("locale = " + Sql.literal(c.collate()));
            } else {
                opts.add("lc_collate = " + Sql.literal(c.collate()));
                opts.add("lc_ctype = " + Sql.literal(c.ctype()));
            }
        } else {
            opts.add("locale = " + Sql.literal(c.locale() != null ? c.locale() : c.collate()));
        }
        if (c.rules() != null) {
            opts.add("rules = " + Sql.literal(c.rules()));
        }
        List<Statement> out = new ArrayList<>();
        out.add(TypeSystemObjectsDdl.create("COLLATION", q, "CREATE COLLATION " + q + " (" + String.join(", ", opts) + ")",
                Set.of(key), Set.of(), "pg_catalog.to_regcollation(" + Sql.literal(q) + ")"));
        out.addAll(Decorations.all("COLLATION", q, h.owner(), h.comment(), null, null, "COLLATION", key));
        return out;
    }

    private static String provider(char p) {
        return switch (p) {
            case 'i' -> "icu";
            case 'b' -> "builtin";
            default -> "libc";
        };
    }
}
