package io.pgbarge.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What every schema object shares: its identity, owner, comment and privileges.
 *
 * @param oid        the object's OID in its own catalog
 * @param schema     the schema it lives in (null for a schema itself)
 * @param name       the bare name
 * @param owner      the owning role
 * @param comment    obj_description, or null
 * @param acl        the aclitem[] as text, or null when the object has default privileges
 * @param defaultAcl acldefault(…) for the object's kind and owner, as text
 */
public record ObjectHeader(long oid, String schema, String name, String owner, String comment, String acl,
                           String defaultAcl) {

    /**
     * The select-list every reader uses, so that {@link #from} can read any of them. {@code oidCol}
     * and the rest are SQL expressions of the reader's query; {@code aclKind} is acldefault's letter.
     */
    static String columns(String oidCol, String schemaCol, String nameCol, String ownerCol, String catalog,
                          String aclCol, char aclKind) {
        return oidCol + " AS h_oid, " + schemaCol + " AS h_schema, " + nameCol + " AS h_name, "
                + "pg_catalog.pg_get_userbyid(" + ownerCol + ") AS h_owner, "
                + "pg_catalog.obj_description(" + oidCol + ", '" + catalog + "') AS h_comment, "
                + aclCol + "::text AS h_acl, "
                + "pg_catalog.acldefault('" + aclKind + "', " + ownerCol + ")::text AS h_defacl";
    }

    static ObjectHeader from(ResultSet rs) throws SQLException {
        return new ObjectHeader(rs.getLong("h_oid"), rs.getString("h_schema"), rs.getString("h_name"),
                rs.getString("h_owner"), rs.getString("h_comment"), rs.getString("h_acl"), rs.getString("h_defacl"));
    }
}
