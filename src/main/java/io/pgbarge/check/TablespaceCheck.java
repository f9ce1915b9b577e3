package io.pgbarge.check;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Tablespaces the source's relations (or its database) use, against those of the target. pgbarge
 * never creates tablespaces: a missing one means its objects land in the target's default tablespace.
 */
public final class TablespaceCheck implements Check {
    @Override
    public String topic() {
        return "tablespaces";
    }

    record Used(String name, String location, long relations) {
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        List<Used> used = Queries.list(ctx.source(), "SELECT t.spcname, pg_catalog.pg_tablespace_location(t.oid),"
                + " (SELECT count(*) FROM pg_catalog.pg_class c WHERE c.reltablespace = t.oid)"
                + " FROM pg_catalog.pg_tablespace t WHERE t.spcname NOT IN ('pg_default', 'pg_global')"
                + " AND (EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.reltablespace = t.oid)"
                + "   OR t.oid = (SELECT dattablespace FROM pg_catalog.pg_database WHERE datname = current_database()))"
                + " ORDER BY 1",
                rs -> new Used(rs.getString(1), rs.getString(2), rs.getLong(3)));
        if (used.isEmpty()) {
            return List.of();
        }
        Set<String> onTarget = Queries.stringSet(ctx.target(), "SELECT spcname FROM pg_catalog.pg_tablespace");
        List<Finding> out = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> missingNames = new ArrayList<>();
        for (Used u : used) {
            if (!onTarget.contains(u.name())) {
                missing.add("tablespace " + u.name() + " (" + u.location() + ", " + Queries.count(u.relations(), "relation", "relations") + ")");
                missingNames.add(u.name());
                continue;
            }
            String canCreate = Queries.scalar(ctx.target(), "SELECT pg_catalog.has_tablespace_privilege(?, 'CREATE')", u.name());
            if (!"t".equals(canCreate)) {
                out.add(Finding.blocker("tablespace-no-create", List.of("tablespace " + u.name()),
                        "tablespace " + u.name() + " exists on the target and " + Queries.count(u.relations(), "relation", "relations")
                                + " of the source are placed in it, but the login " + ctx.targetFacts().user()
                                + " lacks CREATE on it.",
                        "GRANT CREATE ON TABLESPACE " + u.name() + " TO " + ctx.targetFacts().user() + "."));
            }
        }
        if (!missing.isEmpty()) {
            out.add(Finding.info("tablespace-missing", missing,
                    "the source uses " + Queries.count(missing.size(), "tablespace", "tablespaces") + " the target does not have ("
                            + String.join(", ", missingNames) + "): their objects are created in the target database's"
                            + " default tablespace.",
                    "Nothing to do on a managed target; otherwise create the tablespaces on the target first (CREATE"
                            + " TABLESPACE, as a superuser) to keep the placement."));
        }
        return out;
    }
}
