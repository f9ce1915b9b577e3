package io.pgbarge.restore;

import io.pgbarge.archive.Archive;
import io.pgbarge.archive.TocEntry;
import io.pgbarge.copy.OwnerSchemaGrants;
import io.pgbarge.ddl.Sql;
import io.pgbarge.ddl.Statement;

import java.util.HashMap;
import java.util.Map;

/** Schemas as an archive's entries name them, for {@link OwnerSchemaGrants}: the entry's namespace or tag. */
final class ArchiveSchemaNaming implements OwnerSchemaGrants.Naming {
    private final Map<String, TocEntry> byKey = new HashMap<>();

    ArchiveSchemaNaming(Archive archive) {
        for (TocEntry e : archive.entries()) {
            byKey.put(ArchivePlan.key(e.dumpId()), e);
        }
    }

    /** The entry an OWNER statement (which requires only its entry's key) hands over. */
    private TocEntry owned(Statement owner) {
        return owner.requires().size() == 1 ? byKey.get(owner.requires().iterator().next()) : null;
    }

    @Override
    public String schemaOfOwned(Statement owner) {
        TocEntry e = owned(owner);
        if (e == null || e.desc().equals("SCHEMA") || e.namespace() == null || e.namespace().isEmpty()) {
            return null;
        }
        return Sql.ident(e.namespace());
    }

    @Override
    public String ownedSchema(Statement owner) {
        TocEntry e = owned(owner);
        return e != null && e.desc().equals("SCHEMA") ? Sql.ident(e.tag()) : null;
    }

    @Override
    public String createdSchema(Statement s) {
        if (!s.kind().equals("SCHEMA") || s.creates() == null || s.provides().size() != 1) {
            return null;
        }
        TocEntry e = byKey.get(s.provides().iterator().next());
        return e == null ? null : Sql.ident(e.tag());
    }
}
