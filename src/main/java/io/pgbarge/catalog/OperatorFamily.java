package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * An operator family, whether made by CREATE OPERATOR FAMILY or along with an operator class of the
 * same name: pg_dump makes every family explicitly, and CREATE OPERATOR CLASS then finds it.
 *
 * @param accessMethod  the index access method's name
 * @param looseMembers  members that belong to the family rather than to one of its classes
 */
public record OperatorFamily(ObjectHeader header, String accessMethod, long accessMethodOid,
                             List<OperatorMember> looseMembers) {

    public OperatorFamily {
        looseMembers = List.copyOf(looseMembers);
    }

    static List<OperatorFamily> read(Connection c, ServerInfo server) throws SQLException {
        Map<Long, List<OperatorMember>> loose = OperatorMember.read(c, "pg_opfamily", 'a');
        String sql = "SELECT " + TypeSystemObjects.header("f.oid", "n.nspname", "f.opfname", "f.opfowner", "pg_opfamily")
                + ", am.amname, am.oid AS am_oid"
                + " FROM pg_catalog.pg_opfamily f JOIN pg_catalog.pg_namespace n ON n.oid = f.opfnamespace"
                + " JOIN pg_catalog.pg_am am ON am.oid = f.opfmethod"
                + " WHERE " + CatalogQuery.userSchema("n") + " AND " + CatalogQuery.userObject("pg_opfamily", "f.oid")
                + " ORDER BY n.nspname, f.opfname, am.amname, f.oid";
        return CatalogQuery.list(c, sql, rs -> {
            ObjectHeader h = ObjectHeader.from(rs);
            return new OperatorFamily(h, rs.getString("amname"), rs.getLong("am_oid"),
                    loose.getOrDefault(h.oid(), List.of()));
        });
    }
}
