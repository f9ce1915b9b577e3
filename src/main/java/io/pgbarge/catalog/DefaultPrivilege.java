package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of pg_default_acl: the privileges that objects of a kind created later by a role receive.
 *
 * @param schema     the schema it is limited to, or null for the role's global defaults
 * @param objectType pg_default_acl's letter: r tables, S sequences, f functions, T types, n schemas
 * @param acl        defaclacl as text
 * @param defaultAcl what the role has without this entry: acldefault for global entries, none per schema
 */
public record DefaultPrivilege(long oid, String role, String schema, char objectType, String acl, String defaultAcl) {

    public static List<DefaultPrivilege> read(Connection c) throws SQLException {
        // acldefault() takes 's' for sequences where pg_default_acl says 'S'
        String sql = "SELECT d.oid, pg_catalog.pg_get_userbyid(d.defaclrole), n.nspname, d.defaclobjtype,"
                + " d.defaclacl::text,"
                + " CASE WHEN d.defaclnamespace = 0 THEN pg_catalog.acldefault("
                + "   CASE d.defaclobjtype WHEN 'S' THEN 's' ELSE d.defaclobjtype END, d.defaclrole)::text END"
                + " FROM pg_catalog.pg_default_acl d LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace"
                + " ORDER BY 2, 3 NULLS FIRST, 4";
        List<DefaultPrivilege> out = new ArrayList<>();
        try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new DefaultPrivilege(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4).charAt(0), rs.getString(5), rs.getString(6)));
            }
        }
        return out;
    }
}
