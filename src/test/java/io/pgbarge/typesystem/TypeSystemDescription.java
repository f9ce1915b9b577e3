package io.pgbarge.typesystem;

import io.pgbarge.TestDb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The type-system objects of a database as sorted lines of text, by names rather than OIDs, so that
 * a source and a target can be compared. Read with an empty search_path: every name is qualified.
 */
final class TypeSystemDescription {
    private TypeSystemDescription() {
    }

    /**
     * @param common      the older of the two versions compared: what both have
     * @param sameVersion false across versions, where the access method decides anew whether an
     *                    operator class's member is the class's or the family's (gist does since 14)
     */
    static List<String> of(TestDb db, int common, boolean sameVersion) throws SQLException {
        int major = db.majorVersion();
        String locale = major >= 17 ? "colllocale" : major >= 15 ? "colliculocale"
                : "CASE WHEN collprovider = 'i' THEN collcollate::text END";
        String rules = common >= 16 && major >= 16 ? "collicurules" : "NULL";
        List<String> q = List.of(
                "SELECT 'collation', n.nspname, collname, collprovider, collisdeterministic,"
                        + " CASE WHEN collprovider = 'c' THEN collcollate::text END, CASE WHEN collprovider = 'c' THEN collctype::text END,"
                        + " " + locale + ", " + rules + ", pg_get_userbyid(collowner), obj_description(co.oid, 'pg_collation')"
                        + " FROM pg_collation co JOIN pg_namespace n ON n.oid = collnamespace WHERE " + user("pg_collation", "co.oid"),
                "SELECT 'conversion', n.nspname, conname, pg_encoding_to_char(conforencoding), pg_encoding_to_char(contoencoding),"
                        + " conproc::regprocedure, condefault, pg_get_userbyid(conowner), obj_description(co.oid, 'pg_conversion')"
                        + " FROM pg_conversion co JOIN pg_namespace n ON n.oid = connamespace WHERE " + user("pg_conversion", "co.oid"),
                "SELECT 'cast', format_type(castsource, NULL), format_type(casttarget, NULL),"
                        + " CASE WHEN castfunc <> 0 THEN castfunc::regprocedure::text END, castcontext, castmethod,"
                        + " obj_description(ca.oid, 'pg_cast') FROM pg_cast ca WHERE " + user("pg_cast", "ca.oid"),
                // shells included: the target must have them too
                "SELECT 'operator', o.oid::regoperator, oprkind, oprcode, oprcom::regoperator, oprnegate::regoperator,"
                        + " oprrest, oprjoin, oprcanhash, oprcanmerge, oprresult::regtype,"
                        + " CASE WHEN oprcode <> 0 THEN pg_get_userbyid(oprowner) END, obj_description(o.oid, 'pg_operator')"
                        + " FROM pg_operator o WHERE " + user("pg_operator", "o.oid"),
                "SELECT 'opfamily', n.nspname, opfname, am.amname, pg_get_userbyid(opfowner), obj_description(f.oid, 'pg_opfamily')"
                        + " FROM pg_opfamily f JOIN pg_namespace n ON n.oid = opfnamespace JOIN pg_am am ON am.oid = opfmethod"
                        + " WHERE " + user("pg_opfamily", "f.oid"),
                "SELECT 'opclass', n.nspname, opcname, am.amname, opcintype::regtype, opcdefault, fn.nspname, f.opfname,"
                        + " opckeytype::regtype, pg_get_userbyid(opcowner), obj_description(c.oid, 'pg_opclass')"
                        + " FROM pg_opclass c JOIN pg_namespace n ON n.oid = opcnamespace JOIN pg_am am ON am.oid = opcmethod"
                        + " JOIN pg_opfamily f ON f.oid = opcfamily JOIN pg_namespace fn ON fn.oid = f.opfnamespace"
                        + " WHERE " + user("pg_opclass", "c.oid"),
                "SELECT 'amop', fn.nspname, f.opfname, amopstrategy, amoplefttype::regtype, amoprighttype::regtype,"
                        + " amopopr::regoperator, amoppurpose, sf.opfname, " + owner("pg_amop", "ao.oid", sameVersion)
                        + " FROM pg_amop ao JOIN pg_opfamily f ON f.oid = amopfamily JOIN pg_namespace fn ON fn.oid = f.opfnamespace"
                        + " LEFT JOIN pg_opfamily sf ON sf.oid = amopsortfamily WHERE " + user("pg_opfamily", "f.oid"),
                "SELECT 'amproc', fn.nspname, f.opfname, amprocnum, amproclefttype::regtype, amprocrighttype::regtype,"
                        + " amproc::regprocedure, " + owner("pg_amproc", "ap.oid", sameVersion)
                        + " FROM pg_amproc ap JOIN pg_opfamily f ON f.oid = amprocfamily JOIN pg_namespace fn ON fn.oid = f.opfnamespace"
                        + " WHERE " + user("pg_opfamily", "f.oid"),
                "SELECT 'am', amname, amtype, amhandler, obj_description(a.oid, 'pg_am') FROM pg_am a WHERE " + user("pg_am", "a.oid"),
                "SELECT 'transform', trftype::regtype, l.lanname, trffromsql::regprocedure, trftosql::regprocedure,"
                        + " obj_description(t.oid, 'pg_transform') FROM pg_transform t JOIN pg_language l ON l.oid = trflang"
                        + " WHERE " + user("pg_transform", "t.oid"),
                "SELECT 'language', lanname, lanispl, lanpltrusted, lanplcallfoid::regprocedure, laninline::regprocedure,"
                        + " lanvalidator::regprocedure, pg_get_userbyid(lanowner), lanacl, obj_description(l.oid, 'pg_language')"
                        + " FROM pg_language l WHERE " + user("pg_language", "l.oid"),
                "SELECT 'ts parser', n.nspname, prsname, prsstart, prstoken, prsend, prsheadline, prslextype,"
                        + " obj_description(p.oid, 'pg_ts_parser') FROM pg_ts_parser p JOIN pg_namespace n ON n.oid = prsnamespace"
                        + " WHERE " + user("pg_ts_parser", "p.oid"),
                "SELECT 'ts template', n.nspname, tmplname, tmplinit, tmpllexize, obj_description(t.oid, 'pg_ts_template')"
                        + " FROM pg_ts_template t JOIN pg_namespace n ON n.oid = tmplnamespace WHERE " + user("pg_ts_template", "t.oid"),
                "SELECT 'ts dictionary', n.nspname, dictname, tn.nspname, t.tmplname, dictinitoption,"
                        + " pg_get_userbyid(dictowner), obj_description(d.oid, 'pg_ts_dict') FROM pg_ts_dict d"
                        + " JOIN pg_namespace n ON n.oid = dictnamespace JOIN pg_ts_template t ON t.oid = dicttemplate"
                        + " JOIN pg_namespace tn ON tn.oid = t.tmplnamespace WHERE " + user("pg_ts_dict", "d.oid"),
                "SELECT 'ts config', n.nspname, cfgname, pn.nspname, p.prsname, pg_get_userbyid(cfgowner),"
                        + " obj_description(c.oid, 'pg_ts_config') FROM pg_ts_config c JOIN pg_namespace n ON n.oid = cfgnamespace"
                        + " JOIN pg_ts_parser p ON p.oid = cfgparser JOIN pg_namespace pn ON pn.oid = p.prsnamespace"
                        + " WHERE " + user("pg_ts_config", "c.oid"),
                "SELECT 'ts mapping', c.oid::regconfig, maptokentype, mapseqno, mapdict::regdictionary FROM pg_ts_config_map m"
                        + " JOIN pg_ts_config c ON c.oid = mapcfg WHERE " + user("pg_ts_config", "c.oid"));
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            // pg_catalog is still searched, first, when search_path is empty
            st.execute("SET search_path = ''");
            for (String sql : q) {
                try (ResultSet rs = st.executeQuery(sql)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder line = new StringBuilder();
                        for (int i = 1; i <= n; i++) {
                            line.append(i == 1 ? "" : " | ").append(rs.getString(i));
                        }
                        out.add(line.toString());
                    }
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** Made by the user (not initdb, not an extension), outside the system schemas. */
    private static String user(String catalog, String oidExpr) {
        return oidExpr + " >= 16384 AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_catalog." + catalog
                + "'::regclass AND e.objid = " + oidExpr + " AND e.deptype = 'e')";
    }

    /** Whether a family member belongs to its class ('i') or to the family ('a'). */
    private static String owner(String catalog, String oidExpr, boolean sameVersion) {
        if (!sameVersion) {
            return "NULL";
        }
        return "(SELECT d.deptype::text || ' ' || d.refclassid::regclass::text FROM pg_depend d WHERE d.classid = 'pg_catalog."
                + catalog + "'::regclass AND d.objid = " + oidExpr
                + " AND d.refclassid IN ('pg_catalog.pg_opclass'::regclass, 'pg_catalog.pg_opfamily'::regclass))";
    }
}
