package io.pgbarge.ddl;

import io.pgbarge.catalog.Publication;
import io.pgbarge.catalog.Publication.PublishedSchema;
import io.pgbarge.catalog.Publication.PublishedTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * CREATE PUBLICATION with its options, then one ALTER PUBLICATION … ADD per member table or schema
 * (each waits for its own table), owner and comment; all post-data, as pg_dump does.
 *
 * <p>What the target cannot take is left out with a note rather than failing: FOR ALL TABLES and
 * TABLES IN SCHEMA need a superuser; column lists, row filters and schemas need PostgreSQL 15, and
 * publish_generated_columns 18. A table published with a column list or row filter is left out of
 * an older target's publication entirely: publishing all of it would publish more than the source does.
 */
public final class PublicationDdl {
    private PublicationDdl() {
    }

    public static List<Statement> statements(Publication p, DdlContext ctx) {
        if (p.allTables() && !ctx.target().superuser()) {
            return List.of();
        }
        String ident = Sql.ident(p.name());
        String key = Keys.of("pg_publication", p.oid());
        List<Statement> out = new ArrayList<>();
        out.add(new Statement("PUBLICATION", ident, Section.POST_DATA, create(p, ident, ctx), Set.of(key), Set.of(),
                Set.of(), new Statement.Created("PUBLICATION", ident,
                "(SELECT oid FROM pg_catalog.pg_publication WHERE pubname = " + Sql.literal(p.name()) + ")")));
        for (PublishedTable t : p.tables()) {
            if (tableLeftOutBecause(t, ctx) == null) {
                out.add(addTable(ident, key, t));
            }
        }
        if (schemasLeftOutBecause(ctx) == null) {
            for (PublishedSchema s : p.schemas()) {
                out.add(new Statement("PUBLICATION TABLES IN SCHEMA", ident + " " + Sql.ident(s.schema()),
                        Section.POST_DATA, "ALTER PUBLICATION " + ident + " ADD TABLES IN SCHEMA " + Sql.ident(s.schema()),
                        Set.of(Keys.of("pg_publication_namespace", s.oid())),
                        Set.of(key, Keys.namespace(s.schemaOid())), Set.of(), null));
            }
        }
        out.add(Decorations.owner("PUBLICATION", ident, p.owner(), key).withSection(Section.POST_DATA));
        Decorations.comment("PUBLICATION", ident, p.comment(), key).forEach(s -> out.add(s.withSection(Section.POST_DATA)));
        return out;
    }

    public static List<String> notes(Publication p, DdlContext ctx) {
        String ident = Sql.ident(p.name());
        List<String> notes = new ArrayList<>();
        if (p.allTables() && !ctx.target().superuser()) {
            notes.add("publication " + ident + " left out: FOR ALL TABLES needs a superuser on the target");
            return notes;
        }
        for (PublishedTable t : p.tables()) {
            String why = tableLeftOutBecause(t, ctx);
            if (why != null) {
                notes.add("publication " + ident + ": table " + Sql.qualified(t.schema(), t.table()) + " left out: " + why);
            }
        }
        String why = schemasLeftOutBecause(ctx);
        if (why != null) {
            for (PublishedSchema s : p.schemas()) {
                notes.add("publication " + ident + ": TABLES IN SCHEMA " + Sql.ident(s.schema()) + " left out: " + why);
            }
        }
        if (p.generatedColumns() == 's' && !ctx.target().atLeast(18)) {
            notes.add("publication " + ident + ": publish_generated_columns = stored left out: PostgreSQL "
                    + ctx.target().major() + " does not have it");
        }
        return notes;
    }

    private static String create(Publication p, String ident, DdlContext ctx) {
        StringBuilder sql = new StringBuilder("CREATE PUBLICATION ").append(ident);
        if (p.allTables()) {
            sql.append(" FOR ALL TABLES");
        }
        sql.append(" WITH (publish = ").append(Sql.literal(String.join(", ", p.publish())));
        if (p.viaRoot()) {
            sql.append(", publish_via_partition_root = true");
        }
        if (p.generatedColumns() == 's' && ctx.target().atLeast(18)) {
            sql.append(", publish_generated_columns = stored");
        }
        return sql.append(")").toString();
    }

    /** ONLY, as pg_dump writes it: each published partition has its own pg_publication_rel row. */
    private static Statement addTable(String pub, String pubKey, PublishedTable t) {
        String table = Sql.qualified(t.schema(), t.table());
        StringBuilder sql = new StringBuilder("ALTER PUBLICATION ").append(pub).append(" ADD TABLE ONLY ").append(table);
        if (!t.columns().isEmpty()) {
            sql.append(" (").append(String.join(", ", t.columns().stream().map(Sql::ident).toList())).append(")");
        }
        if (t.rowFilter() != null) {
            sql.append(" WHERE (").append(t.rowFilter()).append(")");
        }
        return new Statement("PUBLICATION TABLE", pub + " " + table, Section.POST_DATA, sql.toString(),
                Set.of(Keys.of("pg_publication_rel", t.oid())), Set.of(pubKey, Keys.rel(t.tableOid())), Set.of(), null);
    }

    private static String tableLeftOutBecause(PublishedTable t, DdlContext ctx) {
        if (ctx.target().atLeast(15)) {
            return null;
        }
        if (!t.columns().isEmpty()) {
            return "column lists need PostgreSQL 15, the target is " + ctx.target().major();
        }
        if (t.rowFilter() != null) {
            return "row filters need PostgreSQL 15, the target is " + ctx.target().major();
        }
        return null;
    }

    private static String schemasLeftOutBecause(DdlContext ctx) {
        if (!ctx.target().atLeast(15)) {
            return "TABLES IN SCHEMA needs PostgreSQL 15, the target is " + ctx.target().major();
        }
        if (!ctx.target().superuser()) {
            return "TABLES IN SCHEMA needs a superuser on the target";
        }
        return null;
    }
}
