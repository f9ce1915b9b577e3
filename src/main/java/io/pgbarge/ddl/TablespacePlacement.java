package io.pgbarge.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Creates relations in the tablespace they have on the source when the target has one of that name,
 * as pg_dump does, through default_tablespace around the creating statement (the server's deparse
 * functions leave the TABLESPACE clause out). Otherwise the relation goes to the target database's
 * default tablespace, and {@link TablespacePolicy#notes} says so.
 */
public final class TablespacePlacement {
    private TablespacePlacement() {
    }

    public static List<Statement> apply(List<Statement> statements, Map<Long, String> relationTablespaces,
                                        TablespacePolicy policy) {
        if (relationTablespaces.isEmpty()) {
            return statements;
        }
        List<Statement> out = new ArrayList<>(statements.size());
        for (Statement s : statements) {
            String tablespace = null;
            if (s.creates() != null || s.kind().contains("CONSTRAINT")) {
                for (String key : s.provides()) {
                    if (key.startsWith("pg_class:")) {
                        tablespace = relationTablespaces.get(Keys.oid(key));
                        if (tablespace != null) {
                            break;
                        }
                    }
                }
            }
            if (tablespace == null || !policy.keeps(tablespace)) {
                out.add(s);
                continue;
            }
            String sql = "SET default_tablespace = " + Sql.ident(tablespace) + ";\n" + s.sql()
                    + ";\nRESET default_tablespace";
            out.add(new Statement(s.kind(), s.name(), s.section(), sql, s.provides(), s.requires(), s.roles(),
                    s.creates()));
        }
        return out;
    }
}
