package io.pgbarge.ddl;

import io.pgbarge.catalog.Conversion;
import io.pgbarge.catalog.ObjectHeader;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** CREATE [DEFAULT] CONVERSION, owner and comment. */
public final class ConversionDdl {
    private ConversionDdl() {
    }

    public static List<Statement> statements(Conversion c, DdlContext ctx) {
        ObjectHeader h = c.header();
        String q = Sql.qualified(h.schema(), h.name());
        String key = Keys.of("pg_conversion", h.oid());
        String sql = "CREATE " + (c.isDefault() ? "DEFAULT " : "") + "CONVERSION " + q
                + " FOR " + Sql.literal(c.sourceEncoding()) + " TO " + Sql.literal(c.targetEncoding())
                + " FROM " + c.function();
        List<Statement> out = new ArrayList<>();
        out.add(TypeSystemObjectsDdl.create("CONVERSION", q, sql, Set.of(key), Set.of(Keys.proc(c.functionOid())),
                TypeSystemObjectsDdl.lookup("pg_conversion", "conname", "connamespace", h.schema(), h.name(), null)));
        out.addAll(Decorations.all("CONVERSION", q, h.owner(), h.comment(), null, null, "CONVERSION", key));
        return out;
    }
}
